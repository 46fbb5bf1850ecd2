// The Assessment section: pick an open case, then the (lazily loaded) assessment screen opens for it.
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { openDatabase } from "../../storage/db";
import { Vault, type VaultSession } from "../../storage/vault";
import { AssessmentSection } from "../assessment-section";

const PASSPHRASE = "correct horse battery staple";

async function unlockedSession(): Promise<VaultSession> {
  const vault = new Vault({ db: openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange }), iterations: 1_000 });
  const { profileId } = await vault.createProfile("PC 1234 Smith", PASSPHRASE);
  return vault.unlock(profileId, PASSPHRASE);
}

describe("assessment section", () => {
  it("says so when there is no open case", async () => {
    const session = await unlockedSession();
    render(<AssessmentSection session={session} />);
    expect(await screen.findByText(/There are no open cases/)).toBeInTheDocument();
  });

  it("lists open cases and opens the assessment for the one chosen, then returns to the list", async () => {
    const user = userEvent.setup();
    const session = await unlockedSession();
    await session.saveCase({ details: { victimName: "", notes: "" } });
    await session.saveCase({ details: { victimName: "", notes: "" } });
    render(<AssessmentSection session={session} />);

    expect(await screen.findByRole("heading", { level: 1, name: "Start or continue an assessment" })).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: /^Assess case \d/ })).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: /^Assess case 2/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "Who is assessing" })).toBeInTheDocument();
    expect(screen.getByRole("complementary", { name: "Risk so far" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Save and close" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Start or continue an assessment" })).toBeInTheDocument();
  });
});
