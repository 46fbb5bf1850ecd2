import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PASSPHRASE, createUnlockedProfile, freshVault } from "../../testing/test-vault";
import { App } from "../app";
import { answersWith, completeAssessment } from "../../features/assessment/__tests__/assessment-fixtures";

describe("App shell", () => {
  it("names the product in the header", () => {
    render(<App vault={freshVault().vault} />);
    expect(within(screen.getByRole("banner")).getByText("Safe Referral")).toBeInTheDocument();
  });

  it("has one level-1 heading inside the main landmark", async () => {
    render(<App vault={freshVault().vault} />);
    const main = screen.getByRole("main");
    expect(await within(main).findByRole("heading", { level: 1 })).toHaveTextContent(
      "Set up Safe Referral on this device",
    );
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });

  it("starts with a skip link that targets the main landmark", async () => {
    render(<App vault={freshVault().vault} />);
    await screen.findByRole("heading", { level: 1 });
    const skipLink = screen.getByRole("link", { name: "Skip to main content" });
    const main = screen.getByRole("main");

    expect(skipLink).toHaveAttribute("href", `#${main.id}`);
    expect(main).toHaveAttribute("tabindex", "-1");
    // First focusable element in the document, so keyboard users reach it with one Tab.
    expect(document.body.querySelector("a, button, input, select, textarea, [tabindex]:not([tabindex='-1'])")).toBe(
      skipLink,
    );
  });

  it("keeps the immediate-danger advice on the first screen", async () => {
    render(<App vault={freshVault().vault} />);
    expect(await screen.findByRole("heading", { name: "If someone is in immediate danger" })).toBeInTheDocument();
  });
});

describe("from a case to its assessment", () => {
  it("'Start or continue assessment' on a case opens the Assessment section", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    const { session: setup } = await createUnlockedProfile(vault);
    await setup.saveCase({ details: {} });
    render(<App vault={vault} />);
    await user.type(await screen.findByLabelText("Passphrase"), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Unlock" }));
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await user.click(await screen.findByRole("button", { name: "Start or continue assessment" }));
    const nav = screen.getByRole("navigation", { name: "Sections" });
    await waitFor(() =>
      expect(within(nav).getByRole("button", { name: "Assessment" })).toHaveAttribute("aria-current", "page"),
    );
  });

  it("opens the assessment of THAT case directly, and Save and close returns to the section's case list", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    const { profileId, session: setup } = await createUnlockedProfile(vault);
    const first = await setup.saveCase({ details: {} });
    const second = await setup.saveCase({ details: {} });
    render(<App vault={vault} />);
    await user.type(await screen.findByLabelText("Passphrase"), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Unlock" }));
    await user.click(await screen.findByRole("button", { name: /^Case 2, started/ }));
    await user.click(await screen.findByRole("button", { name: "Start or continue assessment" }));

    // Straight to the walk-through: no "which case?" list in between.
    expect(await screen.findByRole("heading", { level: 1, name: "Who is assessing" })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Your role"), "police");
    await user.click(screen.getByRole("button", { name: "Save and close" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Start or continue an assessment" }),
    ).toBeInTheDocument();
    const session = await vault.unlock(profileId, PASSPHRASE);
    expect(await session.listAssessments(second.id)).toEqual([expect.objectContaining({ status: "draft" })]);
    expect(await session.listAssessments(first.id)).toEqual([]);
  });

  it("a referral pack's 'what is missing' link opens that case at the page that records it", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault();
    const { session: setup } = await createUnlockedProfile(vault);
    await setup.saveCase({ details: {} });
    const assessed = await setup.saveCase({ details: { victim: { name: "Second Case" } } });
    await completeAssessment(setup, assessed.id, {
      answers: answersWith("dash-ric-24", { "dash.strangulation": "yes" }),
    });
    render(<App vault={vault} />);
    await user.type(await screen.findByLabelText("Passphrase"), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Unlock" }));
    await user.click(await screen.findByRole("button", { name: "Referral packs" }));
    await user.click(await screen.findByRole("button", { name: /^Prepare referral for case \d/ }));
    const missing = await screen.findByRole("region", { name: "Before this pack can be marked ready to send" });
    await user.click(within(missing).getByRole("link", { name: "A safe way to contact the victim" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Safe contact" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Sections" });
    expect(within(nav).getByRole("button", { name: "Cases" })).toHaveAttribute("aria-current", "page");
    await user.click(screen.getByRole("button", { name: "Back to case overview" }));
    expect(await screen.findByText("Victim: Second Case")).toBeInTheDocument();
  });
});
