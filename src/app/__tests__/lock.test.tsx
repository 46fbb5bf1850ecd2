// Locking (by button or by idleness) must leave no decrypted case content anywhere the page can reach.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { VaultContextValue } from "../../features/vault/vault-context";
import type { Vault } from "../../storage/vault";
import type { VaultSession } from "../../storage/vault-session";
import { renderWithVault } from "../../testing/render-with-vault";
import { PASSPHRASE, freshVault } from "../../testing/test-vault";
import { AppShell } from "../app";

const VICTIM = "Zebedee Quartermaine";

/** The app shell in its provider; returns the probe of the provider's latest context value. */
function renderWithProbe(vault: Vault, idleTimeoutMs?: number) {
  const { probe } = renderWithVault(vault, <AppShell />, {
    storage: "granted",
    ...(idleTimeoutMs ? { idleTimeoutMs } : {}),
  });
  return probe;
}

/** The provider's state without the vault object and the action functions. */
function providerState(value: VaultContextValue | null): string {
  if (value === null) return "";
  const { status, profiles, session, recoveryKey, lastProfileId, storage, lockNotice } = value;
  return JSON.stringify({ status, profiles, session, recoveryKey, lastProfileId, storage, lockNotice });
}

async function unlockWithCase(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole("heading", { level: 1, name: "Unlock Safe Referral" });
  const chooser = screen.queryByRole("combobox", { name: "Who is using this device?" });
  if (chooser) await user.selectOptions(chooser, "PC 1234 Smith");
  await user.type(await screen.findByLabelText("Passphrase"), PASSPHRASE);
  await user.click(screen.getByRole("button", { name: "Unlock" }));
  await user.click(await screen.findByRole("button", { name: "New case" }));
  await user.click(await screen.findByRole("button", { name: "About the victim" }));
  await user.type(await screen.findByLabelText("Victim's name"), VICTIM);
  await screen.findByText("Saved", {}, { timeout: 3_000 });
}

describe("locking", () => {
  it("shows the storage status and a Lock now button once unlocked", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    renderWithProbe(vault);
    await unlockWithCase(user);
    expect(screen.getByText("Storage: kept by the browser")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Lock now" })).toBeInTheDocument();
  });

  it("Lock now clears the screen and the provider of every decrypted value", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    const probe = renderWithProbe(vault);
    await unlockWithCase(user);
    const session: VaultSession = probe.value!.session!;
    expect(screen.getByLabelText("Victim's name")).toHaveValue(VICTIM);

    await user.click(screen.getByRole("button", { name: "Lock now" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Unlock Safe Referral" })).toBeInTheDocument();
    await waitFor(() => expect(session.isLocked).toBe(true));
    expect(document.body.innerHTML).not.toContain(VICTIM);
    for (const field of document.querySelectorAll("input, textarea")) {
      expect((field as HTMLInputElement).value).not.toContain(VICTIM);
    }
    expect(screen.queryByRole("button", { name: "Lock now" })).not.toBeInTheDocument();
    expect(probe.value!.session).toBeNull();
    expect(probe.value!.status).toBe("locked");
    expect(providerState(probe.value)).not.toContain(VICTIM);
    expect(providerState(probe.value)).not.toContain("Zebedee");

    // And the name was saved before the key went: unlocking again shows it.
    await user.type(screen.getByLabelText("Passphrase"), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Unlock" }));
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "About the victim" }));
    expect(await screen.findByLabelText("Victim's name")).toHaveValue(VICTIM);
  });

  it("flushes unsaved typing before locking", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    renderWithProbe(vault);
    await unlockWithCase(user);
    await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    await user.click(await screen.findByRole("button", { name: "Agencies and actions" }));
    await user.type(screen.getByLabelText("Notes"), "typed just before locking");
    await user.click(screen.getByRole("button", { name: "Lock now" }));

    await user.type(await screen.findByLabelText("Passphrase"), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Unlock" }));
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "Agencies and actions" }));
    expect(await screen.findByLabelText("Notes")).toHaveValue("typed just before locking");
  });

  it("locks by itself after the idle timeout", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    const probe = renderWithProbe(vault, 1_500);
    await unlockWithCase(user);
    expect(
      await screen.findByRole("heading", { level: 1, name: "Unlock Safe Referral" }, { timeout: 4_000 }),
    ).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(VICTIM);
    expect(probe.value!.session).toBeNull();
  });

  it("Switch practitioner locks and offers the other profiles", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("IDVA Jones", "another long passphrase");
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    renderWithProbe(vault);
    await unlockWithCase(user);
    await user.click(screen.getByRole("button", { name: "Switch practitioner" }));
    expect(await screen.findByRole("combobox", { name: "Who is using this device?" })).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(VICTIM);
  });
});
