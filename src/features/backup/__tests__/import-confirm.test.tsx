// The import's confirm step (issue 15 item 6): a file that would replace a case or draft here, or
// change the active policy, shows what would change and writes nothing until the practitioner decides.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { exportVault } from "../../../storage/backup-export";
import { ACTIVE_POLICY_SETTING, readActivePolicy } from "../../../storage/policy-setting";
import type { VaultSession } from "../../../storage/vault-session";
import {
  OTHER_PASSPHRASE,
  TEST_ITERATIONS,
  TestClock,
  createUnlockedProfile,
  dumpAllStores,
  freshVault,
} from "../../../testing/test-vault";
import { BackupScreen } from "../backup-screen";
import { fieldLabel } from "../change-labels";
import { FILE_PASSPHRASE } from "./backup-fixtures";

type User = ReturnType<typeof userEvent.setup>;

beforeAll(() => {
  if (typeof Blob.prototype.text !== "function") {
    Blob.prototype.text = function text(this: Blob): Promise<string> {
      return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error ?? new Error("read failed"));
        reader.readAsText(this);
      });
    };
  }
});

function importArea(): HTMLElement {
  return screen.getByRole("region", { name: "Restore or import a file" });
}

async function chooseFile(user: User, text: string): Promise<void> {
  const area = importArea();
  await user.upload(
    within(area).getByLabelText("Backup or case file"),
    new File([text], "file.json", { type: "application/json" }),
  );
  await user.type(within(area).getByLabelText("The file's passphrase"), FILE_PASSPHRASE);
  await user.click(within(area).getByRole("button", { name: "Import file" }));
}

async function caseFile(session: VaultSession, caseId: string): Promise<string> {
  return (await exportVault(session, { passphrase: FILE_PASSPHRASE, caseIds: [caseId], iterations: TEST_ITERATIONS }))
    .text;
}

/** B holds A's case; A then edits the victim's name and safe contact, and sends a newer copy. */
async function newerCopyOfACase() {
  const { vault, db, clock } = freshVault({ clock: new TestClock() });
  const a = (await createUnlockedProfile(vault, "A")).session;
  const b = (await createUnlockedProfile(vault, "B", OTHER_PASSPHRASE)).session;
  const created = await a.saveCase({ details: { victim: { name: "Ann", safeContact: { phone: "1" } } } });
  const { importBackup } = await import("../../../storage/backup-import");
  await importBackup(b, await caseFile(a, created.id), FILE_PASSPHRASE);
  clock.advance(60_000);
  await a.saveCase({ id: created.id, details: { victim: { name: "Anne", safeContact: { phone: "2" } } } });
  return { db, b, caseId: created.id, text: await caseFile(a, created.id) };
}

describe("import confirm screen", () => {
  it("lists, per case, which fields would change; nothing is written until the practitioner replaces", async () => {
    const user = userEvent.setup();
    const { db, b, caseId, text } = await newerCopyOfACase();
    render(<BackupScreen session={b} onWiped={vi.fn()} exportIterations={TEST_ITERATIONS} />);
    const before = await dumpAllStores(db);

    await chooseFile(user, text);
    const confirm = await screen.findByRole("region", { name: "Check what this file would change" });
    expect(within(confirm).getByRole("heading", { name: "1 case on this device would be replaced" })).toBeVisible();
    const changes = within(confirm).getByRole("list", { name: /^What would change: Case details/ });
    expect(
      within(changes)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["Victim's name", "Victim's safe contact"]);
    expect(
      within(confirm).getByRole("radio", { name: "Keep this device's copies (add only what is new)" }),
    ).toBeChecked();
    expect(await dumpAllStores(db)).toEqual(before);

    await user.click(within(confirm).getByRole("radio", { name: "Replace them with the file's copies" }));
    await user.click(within(confirm).getByRole("button", { name: "Import file" }));
    expect(await within(importArea()).findByText(/Cases: 0 added, 1 replaced, 0 kept, 0 skipped\./)).toBeVisible();
    expect((await b.getCase(caseId)).details).toEqual({ victim: { name: "Anne", safeContact: { phone: "2" } } });
  });

  it("keeps this device's copy when the practitioner imports without choosing to replace, and says so", async () => {
    const user = userEvent.setup();
    const { b, caseId, text } = await newerCopyOfACase();
    render(<BackupScreen session={b} onWiped={vi.fn()} exportIterations={TEST_ITERATIONS} />);
    await chooseFile(user, text);
    const confirm = await screen.findByRole("region", { name: "Check what this file would change" });
    await user.click(within(confirm).getByRole("button", { name: "Import file" }));
    expect(await within(importArea()).findByText(/Cases: 0 added, 0 replaced, 1 kept, 0 skipped\./)).toBeVisible();
    expect((await b.getCase(caseId)).details).toMatchObject({ victim: { name: "Ann" } });
  });

  it("cancelling at the confirm step changes nothing", async () => {
    const user = userEvent.setup();
    const { db, b, text } = await newerCopyOfACase();
    render(<BackupScreen session={b} onWiped={vi.fn()} exportIterations={TEST_ITERATIONS} />);
    await chooseFile(user, text);
    const confirm = await screen.findByRole("region", { name: "Check what this file would change" });
    const before = await dumpAllStores(db);
    await user.click(within(confirm).getByRole("button", { name: "Cancel import" }));
    expect(
      await within(importArea()).findByText("Import cancelled. Nothing on this device was changed."),
    ).toBeVisible();
    expect(screen.queryByRole("region", { name: "Check what this file would change" })).toBeNull();
    expect(await dumpAllStores(db)).toEqual(before);
  });

  it("asks before a backup changes the active policy, showing old and new thresholds", async () => {
    const user = userEvent.setup();
    const { vault } = freshVault({ clock: new TestClock() });
    const a = (await createUnlockedProfile(vault, "A")).session;
    const b = (await createUnlockedProfile(vault, "B", OTHER_PASSPHRASE)).session;
    await a.setSetting(
      ACTIVE_POLICY_SETTING,
      { name: "lenient", version: 2, highRiskYesCount: 20, mediumRiskYesCount: 15 },
      { sensitive: false },
    );
    const backup = (await exportVault(a, { passphrase: FILE_PASSPHRASE, iterations: TEST_ITERATIONS })).text;
    render(<BackupScreen session={b} onWiped={vi.fn()} exportIterations={TEST_ITERATIONS} />);

    await chooseFile(user, backup);
    const confirm = await screen.findByRole("region", { name: "Check what this file would change" });
    expect(
      within(confirm).getByRole("heading", { name: "This backup would change the active local policy" }),
    ).toBeVisible();
    const table = within(confirm).getByRole("table", { name: "Thresholds now and in the file" });
    const high = within(table).getByRole("row", { name: /“Yes” answers for high risk/ });
    expect(
      within(high)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["14", "20"]);
    expect(within(table).getByRole("columnheader", { name: "Now (default)" })).toBeVisible();
    expect(within(confirm).getByRole("radio", { name: "Keep the current policy" })).toBeChecked();

    await user.click(within(confirm).getByRole("radio", { name: "Use the policy from the file" }));
    await user.click(within(confirm).getByRole("button", { name: "Import file" }));
    expect(await within(importArea()).findByText(/The local policy from the file is now active\./)).toBeVisible();
    await waitFor(async () => expect((await readActivePolicy(b)).policy.highRiskYesCount).toBe(20));
  });
});

describe("plain-English field names", () => {
  it("names the fields a practitioner knows", () => {
    expect(fieldLabel("details.victim.name")).toBe("Victim's name");
    expect(fieldLabel("details.victim.safeContact")).toBe("Victim's safe contact");
    expect(fieldLabel("details.perpetrator.address")).toBe("Perpetrator's address");
    expect(fieldLabel("details.children")).toBe("Children and dependants");
    expect(fieldLabel("riskLevel")).toBe("Risk level");
    expect(fieldLabel("content.q1")).toBe("Answers and content: q1");
  });
});
