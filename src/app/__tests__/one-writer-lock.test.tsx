// Issue 15 item 7: a lock in one tab locks every tab of that practitioner, and the field being
// typed in is emptied and blurred, so nothing typed stays visible or in the page.
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { renderWithVault } from "../../testing/render-with-vault";
import { PASSPHRASE, freshVault } from "../../testing/test-vault";
import { AppShell } from "../app";

const VICTIM = "Ottoline Brackenbury";

async function unlockIn(user: UserEvent, tab: HTMLElement, profile = "PC 1234 Smith", passphrase = PASSPHRASE) {
  const view = within(tab);
  await view.findByRole("heading", { level: 1, name: "Unlock Safe Referral" });
  const chooser = view.queryByRole("combobox", { name: "Who is using this device?" });
  if (chooser) await user.selectOptions(chooser, profile);
  await user.type(await view.findByLabelText("Passphrase"), passphrase);
  await user.click(view.getByRole("button", { name: "Unlock" }));
  await view.findByRole("heading", { level: 1, name: "Your cases" }, { timeout: 5_000 });
}

describe("one practitioner, one lock", () => {
  it("Lock now in one tab locks the practitioner's other tab and clears its screen", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    const tabA = renderWithVault(vault, <AppShell />).container;
    const tabB = renderWithVault(vault, <AppShell />).container;
    await unlockIn(user, tabA);
    await unlockIn(user, tabB);
    await user.click(within(tabB).getByRole("button", { name: "New case" }));
    await user.click(await within(tabB).findByRole("button", { name: "About the victim" }));
    await user.type(within(tabB).getByLabelText("Victim's name"), VICTIM);

    await user.click(within(tabA).getByRole("button", { name: "Lock now" }));

    expect(await within(tabB).findByRole("heading", { level: 1, name: "Unlock Safe Referral" })).toBeInTheDocument();
    expect(tabB.innerHTML).not.toContain(VICTIM);
    expect(within(tabA).getByRole("heading", { level: 1, name: "Unlock Safe Referral" })).toBeInTheDocument();
  });

  it("empties and blurs the field being typed in when the vault locks, after saving it", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    await vault.createProfile("PC 1234 Smith", PASSPHRASE);
    const { container, probe } = renderWithVault(vault, <AppShell />);
    await unlockIn(user, container);
    await user.click(screen.getByRole("button", { name: "New case" }));
    await user.click(await screen.findByRole("button", { name: "About the victim" }));
    const field = screen.getByLabelText<HTMLInputElement>("Victim's name");
    await user.type(field, VICTIM);
    expect(field).toHaveFocus();

    // The idle timer and other tabs lock without a click, so the field is still focused.
    await act(() => probe.value!.lock());

    expect(field.value).toBe("");
    expect(field).not.toHaveFocus();
    expect(await screen.findByRole("heading", { level: 1, name: "Unlock Safe Referral" })).toBeInTheDocument();
    // It was saved before it was emptied.
    await unlockIn(user, container);
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "About the victim" }));
    await waitFor(() => expect(screen.getByLabelText("Victim's name")).toHaveValue(VICTIM));
  });
});
