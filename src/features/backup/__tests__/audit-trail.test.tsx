import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unlockedSession } from "../../../testing/test-vault";
import { AuditTrail } from "../audit-trail";

describe("the activity record shows tampering plainly", () => {
  it("says where the chain is broken and marks the entry as not genuine", async () => {
    const session = await unlockedSession();
    const kase = await session.saveCase({ details: {} });
    await session.getCase(kase.id);
    // The list as listAudit returns it after the "view" entry was edited in IndexedDB (see tamper-evidence.test.ts).
    const entries = await session.listAudit();
    const view = entries.find((entry) => entry.action === "view")!;
    const tampered = Object.assign(
      entries.map((entry) => (entry.id === view.id ? { ...entry, integrity: "broken" as const } : entry)),
      {},
    );
    Object.defineProperty(tampered, "chain", {
      value: {
        intact: false,
        breaks: [{ reason: "altered", entryId: view.id, at: view.at, after: null }],
      },
      enumerable: false,
    });
    render(<AuditTrail entries={tampered} error={false} />);
    expect(screen.getByRole("alert")).toHaveTextContent("This activity record has been tampered with");
    expect(screen.getByRole("alert")).toHaveTextContent("was changed, or was not written by this app");
    expect(screen.getByRole("cell", { name: /\(Not genuine: changed or added outside the app\)/ })).toBeInTheDocument();
  });

  it("marks imported entries with their source and shows no alert for an intact chain", async () => {
    const session = await unlockedSession();
    const entries = await session.listAudit();
    const withImport = [
      ...entries,
      { ...entries[0]!, id: "imported-1", integrity: "imported" as const, source: "case-export: 1 cases" },
    ];
    render(<AuditTrail entries={withImport} error={false} />);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText(/Imported \(case-export: 1 cases\): recorded elsewhere/)).toBeInTheDocument();
  });
});
