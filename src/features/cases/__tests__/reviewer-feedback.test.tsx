// A case a manager returned for improvement says so in the list, and its overview shows the note.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CasesScreen } from "../cases-screen";
import { unlockedSession } from "../../../testing/test-vault";

describe("reviewer feedback on a case", () => {
  it("marks a returned case in the list and shows the reviewer's note on its overview", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    const returned = await session.saveCase({ details: {} });
    await session.saveCase({ details: {} });
    await session.saveReview(returned.id, {
      note: "Record why the perpetrator checks are still pending.",
      status: "returned-for-improvement",
    });
    render(<CasesScreen session={session} />);

    const items = await screen.findAllByRole("listitem");
    const marked = items.filter((item) => within(item).queryByRole("note") !== null);
    expect(marked).toHaveLength(1);
    expect(within(marked[0]!).getByRole("note")).toHaveTextContent("Returned for improvement.");

    await user.click(within(marked[0]!).getByRole("button", { name: /^Case \d, started/ }));
    const feedback = await screen.findByRole("region", { name: "Returned for improvement" });
    expect(feedback).toHaveTextContent("PC 1234 Smith asked for changes");
    expect(feedback).toHaveTextContent("Record why the perpetrator checks are still pending.");
  });

  it("shows no feedback once the case is marked reviewed", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    const saved = await session.saveCase({ details: {} });
    await session.saveReview(saved.id, {
      note: "Please add the children's schools.",
      status: "returned-for-improvement",
    });
    await session.saveReview(saved.id, { note: "Thanks, done.", status: "reviewed" });
    render(<CasesScreen session={session} />);
    expect(screen.queryByRole("note")).not.toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: /^Case 1, started/ }));
    await screen.findByRole("heading", { level: 1, name: "Case details" });
    expect(screen.queryByRole("region", { name: "Returned for improvement" })).not.toBeInTheDocument();
  });
});
