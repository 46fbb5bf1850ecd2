// Issue 15 item 3: screens that set a passphrase refuse guessable ones, say why, and offer a random
// four-word suggestion that fills both boxes.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithVault } from "../../../testing/render-with-vault";
import { PASSPHRASE, createUnlockedProfile, freshVault } from "../../../testing/test-vault";
import { SUGGESTION_WORDS } from "../../../ui/passphrase-strength-engine";
import { ChangePassphraseForm } from "../change-passphrase-form";
import { VaultGate } from "../vault-gate";
import { loadStrengthEngine } from "../../../ui/passphrase-strength";

// The passphrase estimator takes a second to load on a busy machine: load it once, before the timed steps.
beforeAll(() => loadStrengthEngine(), 30_000);

const REFUSED = /^This passphrase is too easy to guess\. This is similar to a commonly used password\./;

async function renderSetup() {
  const { vault } = freshVault();
  renderWithVault(vault, <VaultGate />, { storage: "unsupported" });
  await screen.findByRole("heading", { level: 1, name: "Set up Safe Referral on this device" });
  return vault;
}

describe("set-up refuses a guessable passphrase", () => {
  it("refuses password1234 with zxcvbn's reason, on the field and in the summary", async () => {
    const user = userEvent.setup();
    const vault = await renderSetup();
    await user.type(screen.getByRole("textbox", { name: "Your name" }), "PC 1234 Smith");
    await user.type(screen.getByLabelText("Create a passphrase"), "password1234");
    await user.type(screen.getByLabelText("Confirm your passphrase"), "password1234");
    await user.click(screen.getByRole("button", { name: "Create profile" }));

    const summary = await screen.findByRole("alert");
    const link = within(summary).getByRole("link", { name: REFUSED });
    expect(link).toHaveAttribute("href", "#setup-passphrase");
    expect(link).toHaveTextContent(/Add more words that are less common\./);
    const box = screen.getByLabelText("Create a passphrase");
    expect(box).toBeInvalid();
    expect(box).toHaveAccessibleDescription(expect.stringMatching(/Error: This passphrase is too easy to guess\./));
    expect(await vault.listProfiles()).toEqual([]);
  });

  it("fills both boxes with a suggested four-word passphrase, shows it, and accepts it", async () => {
    const user = userEvent.setup();
    const vault = await renderSetup();
    await user.type(screen.getByRole("textbox", { name: "Your name" }), "PC 1234 Smith");
    await user.click(screen.getByRole("button", { name: "Suggest a passphrase" }));

    const passphrase = screen.getByLabelText<HTMLInputElement>("Create a passphrase");
    await waitFor(() => expect(passphrase.value).not.toBe(""));
    const words = passphrase.value.split(" ");
    expect(words).toHaveLength(4);
    for (const word of words) expect(SUGGESTION_WORDS).toContain(word);
    expect(screen.getByLabelText("Confirm your passphrase")).toHaveValue(passphrase.value);
    const status = document.getElementById("setup-suggestion")!;
    expect(status).toHaveAttribute("aria-live", "polite");
    expect(status).toHaveTextContent(`Suggested passphrase, now in both boxes: ${passphrase.value}.`);

    // A second press gives another passphrase (same one by chance: about 1 in 10^15).
    const first = passphrase.value;
    await user.click(screen.getByRole("button", { name: "Suggest a passphrase" }));
    await waitFor(() => expect(passphrase.value).not.toBe(first));

    // Typing over it takes the suggestion off the screen.
    await user.type(passphrase, "x");
    expect(status).toBeEmptyDOMElement();
    await user.clear(passphrase);
    await user.click(screen.getByRole("button", { name: "Suggest a passphrase" }));
    await waitFor(() => expect(status).not.toBeEmptyDOMElement());

    await user.click(screen.getByRole("button", { name: "Create profile" }));
    await screen.findByRole("heading", { level: 1, name: "Your recovery key" }, { timeout: 10_000 });
    expect(await vault.listProfiles()).toHaveLength(1);
  });

  it("offers no passphrase box to the browser's password manager", async () => {
    await renderSetup();
    for (const label of ["Your name", "Create a passphrase", "Confirm your passphrase"]) {
      expect(screen.getByLabelText(label)).toHaveAttribute("autocomplete", "off");
    }
  });
});

describe("change passphrase refuses a guessable new passphrase", () => {
  it("says why and keeps the old passphrase", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    const { profileId, session } = await createUnlockedProfile(vault);
    render(<ChangePassphraseForm session={session} />);
    await user.type(screen.getByLabelText("Current passphrase"), PASSPHRASE);
    await user.type(screen.getByLabelText("New passphrase"), "Summer2024!!");
    await user.type(screen.getByLabelText("Confirm new passphrase"), "Summer2024!!");
    await user.click(screen.getByRole("button", { name: "Change passphrase" }));

    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: /^This passphrase is too easy to guess\./ })).toHaveAttribute(
      "href",
      "#change-passphrase-newPassphrase",
    );
    await expect(vault.unlock(profileId, PASSPHRASE)).resolves.toBeDefined();
  });

  it("suggests a passphrase there too, and clears it from the screen once changed", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    const { session } = await createUnlockedProfile(vault);
    render(<ChangePassphraseForm session={session} />);
    await user.type(screen.getByLabelText("Current passphrase"), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Suggest a passphrase" }));
    const next = screen.getByLabelText<HTMLInputElement>("New passphrase");
    await waitFor(() => expect(next.value.split(" ")).toHaveLength(4));
    expect(screen.getByLabelText("Confirm new passphrase")).toHaveValue(next.value);
    await user.click(screen.getByRole("button", { name: "Change passphrase" }));
    await screen.findByText("Passphrase changed. Your cases did not need re-encrypting.", {}, { timeout: 10_000 });
    expect(next).toHaveValue("");
    expect(screen.queryByText(/Suggested passphrase/)).not.toBeInTheDocument();
  });
});
