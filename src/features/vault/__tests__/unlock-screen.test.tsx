import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Vault } from "../../../storage/vault";
import { UnlockedAs, renderWithVault } from "../../../testing/render-with-vault";
import { PASSPHRASE, freshVault } from "../../../testing/test-vault";
import { VaultGate } from "../vault-gate";
import { loadStrengthEngine } from "../../../ui/passphrase-strength";

// The passphrase estimator takes a second to load on a busy machine: load it once, before the timed steps.
beforeAll(() => loadStrengthEngine(), 30_000);

/** The vault screens inside the provider, as the app shows them, with who is unlocked on screen. */
function renderGate(vault: Vault) {
  return renderWithVault(
    vault,
    <>
      <UnlockedAs />
      <VaultGate />
    </>,
    { storage: "unsupported" },
  );
}

async function tryPassphrase(user: ReturnType<typeof userEvent.setup>, passphrase: string) {
  await user.type(screen.getByLabelText("Passphrase"), passphrase);
  await user.click(screen.getByRole("button", { name: "Unlock" }));
}

describe("unlock screen", () => {
  it("says a wrong passphrase deleted nothing, and then unlocks with the right one", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    renderGate(vault);

    expect(await screen.findByRole("heading", { level: 1, name: "Unlock Safe Referral" })).toBeInTheDocument();
    expect(screen.getByText("PC 1234 Smith")).toBeInTheDocument();
    await tryPassphrase(user, "not the passphrase at all");

    const summary = await screen.findByRole("alert");
    expect(
      within(summary).getByRole("link", { name: "That passphrase is not right. Nothing has been deleted." }),
    ).toHaveAttribute("href", "#unlock-passphrase");
    await waitFor(() => expect(summary).toHaveFocus());
    expect(screen.getByLabelText("Passphrase")).toHaveValue("");

    await tryPassphrase(user, PASSPHRASE);
    expect(await screen.findByText("Unlocked as PC 1234 Smith")).toBeInTheDocument();
  });

  it("after repeated failures says when to try again and disables the button until then", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    renderGate(vault);
    await screen.findByRole("heading", { level: 1, name: "Unlock Safe Referral" });

    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await tryPassphrase(user, `wrong guess number ${attempt}`);
      await screen.findByRole("alert");
      if (attempt < 4) expect(screen.getByRole("button", { name: "Unlock" })).toBeEnabled();
    }
    expect(await screen.findByRole("alert")).toHaveTextContent("Try again in 2 seconds.");
    expect(screen.getByRole("button", { name: "Unlock" })).toBeDisabled();
    await waitFor(() => expect(screen.getByRole("button", { name: "Unlock" })).toBeEnabled(), { timeout: 3_000 });
  });

  it("lets the practitioner choose between several profiles", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    await vault.createProfile("IDVA Jones", "another long passphrase");
    renderGate(vault);

    const chooser = await screen.findByRole("combobox", { name: "Who is using this device?" });
    await user.selectOptions(chooser, "IDVA Jones");
    await tryPassphrase(user, "another long passphrase");
    expect(await screen.findByText("Unlocked as IDVA Jones")).toBeInTheDocument();
  });

  it("adds another practitioner from the unlock screen", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    renderGate(vault);

    await user.click(await screen.findByRole("button", { name: "Add another practitioner on this device" }));
    // Set-up is loaded when first needed (not in the first download).
    expect(
      await screen.findByRole("heading", { level: 1, name: "Add a practitioner to this device" }),
    ).toBeInTheDocument();
    await user.type(screen.getByLabelText("Your name"), "IDVA Jones");
    await user.type(screen.getByLabelText("Create a passphrase"), "another long passphrase");
    await user.type(screen.getByLabelText("Confirm your passphrase"), "another long passphrase");
    await user.click(screen.getByRole("button", { name: "Create profile" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Your recovery key" })).toBeInTheDocument();
    expect((await vault.listProfiles()).map((profile) => profile.label)).toEqual(["IDVA Jones", "PC 1234 Smith"]);
  });

  it("resets a forgotten passphrase with the recovery key", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    const { recoveryKey } = await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    renderGate(vault);

    await user.click(await screen.findByRole("button", { name: "I have forgotten my passphrase" }));
    await user.type(await screen.findByLabelText("Recovery key"), "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");
    await user.type(screen.getByLabelText("New passphrase"), "a brand new passphrase");
    await user.type(screen.getByLabelText("Confirm new passphrase"), "a brand new passphrase");
    await user.click(screen.getByRole("button", { name: "Reset passphrase and unlock" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Nothing has been deleted.");

    await user.clear(screen.getByLabelText("Recovery key"));
    await user.type(screen.getByLabelText("Recovery key"), recoveryKey);
    await user.click(screen.getByRole("button", { name: "Reset passphrase and unlock" }));
    expect(await screen.findByText("Unlocked as PC 1234 Smith")).toBeInTheDocument();
  });
});
