import { screen, within } from "@testing-library/react";
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

async function fillSetup(user: ReturnType<typeof userEvent.setup>, name: string, passphrase: string, confirm: string) {
  const nameField = await screen.findByLabelText("Your name");
  if (name) await user.type(nameField, name);
  if (passphrase) await user.type(screen.getByLabelText("Create a passphrase"), passphrase);
  if (confirm) await user.type(screen.getByLabelText("Confirm your passphrase"), confirm);
  await user.click(screen.getByRole("button", { name: "Create profile" }));
}

describe("first-run set-up", () => {
  it("starts on set-up when the device has no profile", async () => {
    renderGate(freshVault().vault);
    expect(
      await screen.findByRole("heading", { level: 1, name: "Set up Safe Referral on this device" }),
    ).toBeInTheDocument();
  });

  it("lists every missing field in a focused error summary that links to the fields", async () => {
    const user = userEvent.setup();
    renderGate(freshVault().vault);
    await fillSetup(user, "", "", "");

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveFocus();
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual([
      "#setup-profileName",
      "#setup-passphrase",
      "#setup-confirmPassphrase",
    ]);
    await user.click(links[1]!);
    expect(screen.getByLabelText("Create a passphrase")).toHaveFocus();
    expect(screen.getByLabelText("Your name")).toHaveAttribute("aria-invalid", "true");
  });

  it("rejects a passphrase shorter than 12 characters", async () => {
    const user = userEvent.setup();
    renderGate(freshVault().vault);
    await fillSetup(user, "PC 1234 Smith", "elevenchars", "elevenchars");
    const summary = await screen.findByRole("alert");
    expect(
      within(summary).getByRole("link", { name: "Your passphrase must be at least 12 characters" }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Create a passphrase")).toHaveAccessibleDescription(
      /Error: Your passphrase must be at least 12 characters/,
    );
  });

  it("rejects passphrases that do not match", async () => {
    const user = userEvent.setup();
    renderGate(freshVault().vault);
    await fillSetup(user, "PC 1234 Smith", PASSPHRASE, `${PASSPHRASE}!`);
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: "The passphrases do not match" })).toHaveAttribute(
      "href",
      "#setup-confirmPassphrase",
    );
  });

  it("shows the recovery key once and requires confirming it was stored", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    renderGate(vault);
    await fillSetup(user, "PC 1234 Smith", PASSPHRASE, PASSPHRASE);

    expect(await screen.findByRole("heading", { level: 1, name: "Your recovery key" })).toBeInTheDocument();
    expect(screen.getByText(/it is shown once/i)).toBeInTheDocument();
    const key = within(screen.getByRole("group", { name: "Recovery key" })).getByText(/^[0-9A-Z-]{24,}$/);
    expect(key.textContent?.replace(/-/g, "")).toHaveLength(24);

    await user.click(screen.getByRole("button", { name: "Continue" }));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Confirm that you have stored the recovery key");
    expect(screen.queryByText("Unlocked as PC 1234 Smith")).not.toBeInTheDocument();

    await user.click(screen.getByRole("checkbox", { name: "I have stored the recovery key" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByText("Unlocked as PC 1234 Smith")).toBeInTheDocument();
    expect(screen.queryByText(key.textContent!)).not.toBeInTheDocument();
    expect(await vault.listProfiles()).toEqual([expect.objectContaining({ label: "PC 1234 Smith" })]);
  });
});
