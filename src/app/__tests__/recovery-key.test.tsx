// A recovery key that was on screen when the device locked must not be silently lost: the next
// unlock says so, and "Get a new recovery key" replaces it (the old one stops working).
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Vault } from "../../storage/vault";
import { renderWithVault } from "../../testing/render-with-vault";
import { PASSPHRASE, freshVault } from "../../testing/test-vault";
import { AppShell } from "../app";

const NOTICE = "Your recovery key was not confirmed as stored";

function renderApp(vault: Vault) {
  return renderWithVault(vault, <AppShell />, { storage: "granted" }).probe;
}

async function unlock(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole("heading", { level: 1, name: "Unlock Safe Referral" });
  await user.type(await screen.findByLabelText("Passphrase"), PASSPHRASE);
  await user.click(screen.getByRole("button", { name: "Unlock" }));
  await screen.findByRole("navigation", { name: "Sections" });
}

describe("recovery key not confirmed", () => {
  it("says so after the next unlock, and a new key replaces the old one", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    const probe = renderApp(vault);
    await screen.findByRole("heading", { level: 1 });
    await act(() => probe.value!.createProfile("PC 1234 Smith", PASSPHRASE));
    const firstKey = probe.value!.recoveryKey!;
    expect(await screen.findByRole("heading", { name: "Your recovery key" })).toBeInTheDocument();
    const profileId = probe.value!.session!.profileId;

    // The device locks while the key is still on screen.
    await act(() => probe.value!.lock());
    await unlock(user);
    const notice = await screen.findByRole("region", { name: NOTICE });
    await user.click(within(notice).getByRole("button", { name: "Get a new recovery key" }));

    const form = await screen.findByRole("region", { name: "Get a new recovery key" });
    await user.type(within(form).getByLabelText("Current passphrase"), PASSPHRASE);
    await user.click(within(form).getByRole("button", { name: "Get a new recovery key" }));
    const shown = await screen.findByRole("group", { name: "New recovery key" });
    const newKey = shown.textContent ?? "";
    expect(newKey).not.toBe("");
    expect(newKey).not.toBe(firstKey);

    // Done without ticking the box is refused.
    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Confirm that you have stored the new recovery key");
    await user.click(screen.getByLabelText("I have stored the new recovery key"));
    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(await screen.findByText("New recovery key stored. The old one no longer works.")).toBeInTheDocument();

    // The old key is dead; the new one works.
    await expect(
      vault.resetPassphraseWithRecoveryKey(profileId, firstKey, "a brand new passphrase here"),
    ).rejects.toThrow();
    const session = await vault.resetPassphraseWithRecoveryKey(profileId, newKey, PASSPHRASE);
    await session.lock();

    // Once confirmed, the notice does not come back.
    await act(() => probe.value!.lock());
    await unlock(user);
    await user.click(screen.getByRole("button", { name: "Cases" }));
    await waitFor(() => expect(screen.queryByRole("region", { name: NOTICE })).not.toBeInTheDocument());
  });

  it("does not show the notice when the key was confirmed at set-up", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    const probe = renderApp(vault);
    await screen.findByRole("heading", { level: 1 });
    await act(() => probe.value!.createProfile("PC 1234 Smith", PASSPHRASE));
    await user.click(await screen.findByLabelText("I have stored the recovery key"));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("navigation", { name: "Sections" });
    await act(() => probe.value!.lock());
    await unlock(user);
    expect(screen.queryByRole("region", { name: NOTICE })).not.toBeInTheDocument();
  });
});
