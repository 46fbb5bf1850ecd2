import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { unlockedSession } from "../../../testing/test-vault";
import type { VaultSession } from "../../../storage/vault-session";
import type { AssessmentDraft } from "../assessment-draft";
import { WhoStep } from "../who-step";

function Harness({
  session,
  initial,
  seen,
}: {
  session: VaultSession;
  initial: AssessmentDraft;
  seen: AssessmentDraft[];
}) {
  const [draft, setDraft] = useState(initial);
  return (
    <WhoStep
      draft={draft}
      session={session}
      update={(next) => {
        seen.push(next);
        setDraft(next);
      }}
    />
  );
}

const emptyDraft = (assessor: AssessmentDraft["assessor"]) => ({ assessor }) as unknown as AssessmentDraft;

describe("who is assessing: the agency", () => {
  it("is a choice from the profile's agencies, optional, and stores the chosen name in the (sealed) draft", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    await session.addAgency("North Police");
    await session.addAgency("Haven Refuge");
    const seen: AssessmentDraft[] = [];
    render(<Harness session={session} initial={emptyDraft({ role: "police" })} seen={seen} />);
    const select = screen.getByRole("combobox", { name: "Agency (optional)" });
    expect(await screen.findByRole("option", { name: "Haven Refuge" })).toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: /Agency/ })).not.toBeInTheDocument();

    await user.selectOptions(select, "Haven Refuge");
    expect(seen.at(-1)!.assessor).toEqual({ role: "police", agency: "Haven Refuge" });
    await user.selectOptions(select, "Not recorded");
    expect(seen.at(-1)!.assessor).toEqual({ role: "police" });
  });

  it("says to add agencies in Settings when there are none, and keeps an older draft's typed agency", async () => {
    const session = await unlockedSession();
    render(<Harness session={session} initial={emptyDraft({ role: "idva", agency: "Typed Before" })} seen={[]} />);
    expect(await screen.findByText("Add an agency in Settings to choose it here.")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: /Agency \(optional\)/ })).toHaveDisplayValue("Typed Before");
  });
});
