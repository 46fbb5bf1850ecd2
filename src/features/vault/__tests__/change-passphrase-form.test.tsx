import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { WrongPassphraseError } from "../../../storage/errors";
import type { Vault } from "../../../storage/vault";
import { ChangePassphraseForm } from "../change-passphrase-form";
import { PASSPHRASE, createUnlockedProfile, freshVault } from "../../../testing/test-vault";
import { loadStrengthEngine } from "../../../ui/passphrase-strength";

// The passphrase estimator takes a second to load on a busy machine: load it once, before the timed steps.
beforeAll(() => loadStrengthEngine(), 30_000);

const NEW_PASSPHRASE = "purple elephant quietly dancing";

async function renderForm(): Promise<{ vault: Vault; profileId: string }> {
  const { vault } = freshVault();
  const { profileId, session } = await createUnlockedProfile(vault);
  render(<ChangePassphraseForm session={session} />);
  return { vault, profileId };
}

async function fillForm(user: ReturnType<typeof userEvent.setup>, current: string, next: string, confirm: string) {
  if (current) await user.type(screen.getByLabelText("Current passphrase"), current);
  if (next) await user.type(screen.getByLabelText("New passphrase"), next);
  if (confirm) await user.type(screen.getByLabelText("Confirm new passphrase"), confirm);
  await user.click(screen.getByRole("button", { name: "Change passphrase" }));
}

describe("change passphrase form", () => {
  it("shows a focused error summary when the new passphrases do not match", async () => {
    const user = userEvent.setup();
    await renderForm();
    expect(screen.getByRole("heading", { level: 2, name: "Change your passphrase" })).toBeInTheDocument();
    await fillForm(user, PASSPHRASE, NEW_PASSPHRASE, "purple elephant loudly dancing");

    const summary = await screen.findByRole("alert");
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["The passphrases do not match", "#change-passphrase-confirmNewPassphrase"],
    ]);
    await user.click(links[0]!);
    expect(screen.getByLabelText("Confirm new passphrase")).toHaveFocus();
    expect(screen.getByLabelText("Confirm new passphrase")).toHaveAttribute("aria-invalid", "true");
  });

  it("rejects a short new passphrase and one the same as the current passphrase", async () => {
    const user = userEvent.setup();
    await renderForm();
    await fillForm(user, PASSPHRASE, "too short", "too short");
    expect(await screen.findByRole("alert")).toHaveTextContent("Your passphrase must be at least 12 characters");

    await user.clear(screen.getByLabelText("New passphrase"));
    await user.clear(screen.getByLabelText("Confirm new passphrase"));
    await fillForm(user, "", PASSPHRASE, PASSPHRASE);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Your new passphrase must be different from your current one",
    );
  });

  it("puts a wrong current passphrase error on that field and changes nothing", async () => {
    const user = userEvent.setup();
    const { vault, profileId } = await renderForm();
    await fillForm(user, "not the passphrase at all", NEW_PASSPHRASE, NEW_PASSPHRASE);

    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: "That passphrase is not right." })).toHaveAttribute(
      "href",
      "#change-passphrase-currentPassphrase",
    );
    const current = screen.getByLabelText("Current passphrase");
    expect(current).toHaveAttribute("aria-invalid", "true");
    expect(current).toHaveAccessibleDescription("Error: That passphrase is not right.");
    expect(current).toHaveValue("");
    expect(screen.getByRole("status")).toHaveTextContent("");
    await expect(vault.unlock(profileId, PASSPHRASE)).resolves.toBeDefined();
  });

  it("changes the passphrase, says so and clears the form", async () => {
    const user = userEvent.setup();
    const { vault, profileId } = await renderForm();
    await fillForm(user, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE);

    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent(
        "Passphrase changed. Your cases did not need re-encrypting.",
      ),
    );
    await waitFor(() => expect(screen.getByLabelText("Current passphrase")).toHaveValue(""));
    expect(screen.getByLabelText("New passphrase")).toHaveValue("");
    expect(screen.getByLabelText("Confirm new passphrase")).toHaveValue("");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    await expect(vault.unlock(profileId, PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
    const session = await vault.unlock(profileId, NEW_PASSPHRASE);
    expect(session.profileId).toBe(profileId);
  });
});
