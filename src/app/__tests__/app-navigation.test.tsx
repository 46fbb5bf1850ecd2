// The shell's navigation, GOV.UK style: the skip link goes past the menu, the menu button of the
// section already showing starts that section again, and a referral pack's "fix" link comes back
// to the pack once the fact is recorded.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PASSPHRASE, createUnlockedProfile, freshVault } from "../../testing/test-vault";
import { App } from "../app";
import { answersWith, completeAssessment } from "../../features/assessment/__tests__/assessment-fixtures";

async function openApp(): Promise<{ user: ReturnType<typeof userEvent.setup>; caseId: string }> {
  const user = userEvent.setup();
  const { vault } = freshVault();
  const { session } = await createUnlockedProfile(vault);
  const created = await session.saveCase({ details: { victim: { name: "Nav Person" } } });
  await completeAssessment(session, created.id, {
    answers: answersWith("dash-ric-24", { "dash.strangulation": "yes" }),
  });
  render(<App vault={vault} />);
  await user.type(await screen.findByLabelText("Passphrase"), PASSPHRASE);
  await user.click(screen.getByRole("button", { name: "Unlock" }));
  await screen.findByRole("heading", { level: 1, name: "Your cases" });
  return { user, caseId: created.id };
}

const nav = () => screen.getByRole("navigation", { name: "Sections" });

describe("the skip link and the menu", () => {
  it("puts the menu before main, so 'Skip to main content' goes past it", async () => {
    await openApp();
    const main = screen.getByRole("main");
    expect(within(main).queryByRole("navigation", { name: "Sections" })).not.toBeInTheDocument();
    const skipLink = screen.getByRole("link", { name: "Skip to main content" });
    expect(skipLink).toHaveAttribute("href", `#${main.id}`);
    // Document order: skip link, then the menu, then main.
    expect(skipLink.compareDocumentPosition(nav()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(nav().compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("the button of the section you are in marks it as current and takes you back to its start", async () => {
    const { user } = await openApp();
    const cases = within(nav()).getByRole("button", { name: "Cases" });
    expect(cases).toHaveAttribute("aria-current", "page");
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "About the victim" }));
    expect(await screen.findByRole("heading", { level: 1, name: "About the victim" })).toBeInTheDocument();

    await user.click(cases);
    const heading = await screen.findByRole("heading", { level: 1, name: "Your cases" });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(document.title).toBe("Your cases – Safe Referral");
    expect(within(nav()).getByRole("button", { name: "Cases" })).toHaveAttribute("aria-current", "page");
    for (const other of ["Assessment", "Referral packs", "Review", "Settings"]) {
      expect(within(nav()).getByRole("button", { name: other })).not.toHaveAttribute("aria-current");
    }

    // The same in another section: from a pack back to the list of cases with packs.
    await user.click(within(nav()).getByRole("button", { name: "Referral packs" }));
    await user.click(await screen.findByRole("button", { name: /^Prepare referral for case 1/ }));
    await screen.findByRole("heading", { level: 1, name: "Referral pack" });
    await user.click(within(nav()).getByRole("button", { name: "Referral packs" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Referral packs" })).toBeInTheDocument();
  });
});

describe("a referral pack's fix link", () => {
  it("opens the page that records the fact, and Save and continue goes back to the same pack and copy", async () => {
    const { user } = await openApp();
    await user.click(within(nav()).getByRole("button", { name: "Referral packs" }));
    await user.click(await screen.findByRole("button", { name: /^Prepare referral for case 1/ }));
    await user.click(await screen.findByRole("radio", { name: /^Full copy/ }));
    const missing = await screen.findByRole("region", { name: "Before this pack can be marked ready to send" });
    await user.click(within(missing).getByRole("link", { name: "Safe times to make contact" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Safe contact" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Back to the referral pack" })).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Safe times to make contact/), "Weekdays 10am to 2pm");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Referral pack" })).toBeInTheDocument();
    expect(within(nav()).getByRole("button", { name: "Referral packs" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("radio", { name: /^Full copy/ })).toBeChecked();
    const after = await screen.findByRole("region", { name: "Before this pack can be marked ready to send" });
    expect(within(after).queryByRole("link", { name: "Safe times to make contact" })).not.toBeInTheDocument();
    expect(within(after).getByRole("link", { name: "What the victim wants" })).toBeInTheDocument();
  });

  it("has a back link on every page of the case it opened, which returns to the pack", async () => {
    const { user } = await openApp();
    await user.click(within(nav()).getByRole("button", { name: "Referral packs" }));
    await user.click(await screen.findByRole("button", { name: /^Prepare referral for case 1/ }));
    const missing = await screen.findByRole("region", { name: "Before this pack can be marked ready to send" });
    await user.click(within(missing).getByRole("link", { name: "What the victim wants" }));
    await screen.findByRole("heading", { level: 1 });
    await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    await screen.findByRole("heading", { level: 1, name: "Case details" });
    await user.click(screen.getByRole("button", { name: "Back to the referral pack" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Referral pack" })).toBeInTheDocument();
  });
});
