import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { VaultSession } from "../../../storage/vault-session";
import { TEST_ITERATIONS, createUnlockedProfile, freshVault } from "../../../testing/test-vault";
import { BackupScreen } from "../backup-screen";
import { FILE_PASSPHRASE, VICTIM_NAMES, sessionWithCases } from "./backup-fixtures";

type User = ReturnType<typeof userEvent.setup>;

interface Downloads {
  blobs: Blob[];
  names: string[];
  revoked: string[];
}

let downloads: Downloads;

// jsdom's Blob has no text(); browsers (and storage/backup-read.ts) rely on it.
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

beforeEach(() => {
  downloads = { blobs: [], names: [], revoked: [] };
  let counter = 0;
  // jsdom has neither: stub them, and capture what would have been downloaded.
  URL.createObjectURL = vi.fn((blob: Blob | MediaSource) => {
    downloads.blobs.push(blob as Blob);
    counter += 1;
    return `blob:test/${counter}`;
  });
  URL.revokeObjectURL = vi.fn((url: string) => {
    downloads.revoked.push(url);
  });
  // jsdom would try to navigate; record the download name instead.
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    downloads.names.push(this.download);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function renderScreen(session: VaultSession, onWiped = vi.fn()) {
  const view = render(<BackupScreen session={session} onWiped={onWiped} exportIterations={TEST_ITERATIONS} />);
  return { ...view, onWiped };
}

function section(name: string): HTMLElement {
  return screen.getByRole("region", { name });
}

async function saveFullBackup(user: User, passphrase = FILE_PASSPHRASE, confirm = passphrase): Promise<void> {
  const backup = section("Back up everything");
  await user.type(within(backup).getByLabelText("Passphrase for the backup file"), passphrase);
  await user.type(within(backup).getByLabelText("Confirm the backup passphrase"), confirm);
  await user.click(within(backup).getByRole("button", { name: "Save backup file" }));
}

async function importFile(user: User, file: File, passphrase = FILE_PASSPHRASE): Promise<void> {
  const area = section("Restore or import a file");
  await user.upload(within(area).getByLabelText("Backup or case file"), file);
  await user.type(within(area).getByLabelText("The file's passphrase"), passphrase);
  await user.click(within(area).getByRole("button", { name: "Import file" }));
}

async function wipe(user: User, word: string): Promise<void> {
  const area = section("Wipe this practitioner's vault");
  await user.click(within(area).getByRole("button", { name: "Wipe this vault" }));
  if (word !== "") await user.type(within(area).getByLabelText("Type WIPE to confirm"), word);
  await user.click(within(area).getByRole("button", { name: "Permanently wipe this vault" }));
}

function jsonFile(text: string, name = "backup.json"): File {
  return new File([text], name, { type: "application/json" });
}

describe("backup screen", () => {
  it("lists a passphrase mismatch in a focused error summary linked to the confirm field", async () => {
    const user = userEvent.setup();
    const { session } = await sessionWithCases();
    renderScreen(session);

    await saveFullBackup(user, FILE_PASSPHRASE, `${FILE_PASSPHRASE}!`);
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveFocus();
    const link = within(summary).getByRole("link", { name: "The passphrases do not match" });
    expect(link).toHaveAttribute("href", "#backup-confirmPassphrase");
    await user.click(link);
    expect(screen.getByLabelText("Confirm the backup passphrase")).toHaveFocus();
    expect(screen.getByLabelText("Confirm the backup passphrase")).toHaveAttribute("aria-invalid", "true");
    expect(URL.createObjectURL).not.toHaveBeenCalled();
  });

  it("refuses a backup passphrase shorter than 12 characters", async () => {
    const user = userEvent.setup();
    const { session } = await sessionWithCases();
    renderScreen(session);

    await saveFullBackup(user, "elevenchars");
    const summary = await screen.findByRole("alert");
    expect(
      within(summary).getByRole("link", { name: "The passphrase must be at least 12 characters" }),
    ).toHaveAttribute("href", "#backup-passphrase");
    expect(URL.createObjectURL).not.toHaveBeenCalled();
  });

  it("refuses a guessable backup passphrase such as password1234, with the reason", async () => {
    const user = userEvent.setup();
    const { session } = await sessionWithCases();
    renderScreen(session);

    await saveFullBackup(user, "password1234");
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: /too easy to guess/ })).toHaveAttribute(
      "href",
      "#backup-passphrase",
    );
    expect(URL.createObjectURL).not.toHaveBeenCalled();
  });

  it("downloads an encrypted full backup that holds no victim name, then clears the passphrase", async () => {
    const user = userEvent.setup();
    const { session } = await sessionWithCases();
    renderScreen(session);

    await saveFullBackup(user);
    const status = within(section("Back up everything")).getByRole("status");
    expect(
      await within(status).findByText(
        /^Backup saved as safe-referral-backup-\d{4}-\d{2}-\d{2}\.json\. Keep the file and its passphrase apart\.$/,
      ),
    ).toBeInTheDocument();

    expect(downloads.names).toEqual([expect.stringMatching(/^safe-referral-backup-\d{4}-\d{2}-\d{2}\.json$/)]);
    expect(downloads.blobs).toHaveLength(1);
    const text = await downloads.blobs[0]!.text();
    expect(JSON.parse(text)).toMatchObject({ format: "safe-referral-backup", kind: "backup" });
    for (const name of VICTIM_NAMES) expect(text).not.toContain(name);
    expect(text).not.toContain("Acacia");
    expect(text).not.toContain(FILE_PASSPHRASE);

    // Nothing sensitive is left in the page.
    expect(screen.getByLabelText("Passphrase for the backup file")).toHaveValue("");
    expect(screen.getByLabelText("Confirm the backup passphrase")).toHaveValue("");
    expect(document.body.innerHTML).not.toContain(FILE_PASSPHRASE);
    expect(document.querySelector("a[download]")).toBeNull();
    await waitFor(() => expect(downloads.revoked).toEqual(["blob:test/1"]), { timeout: 3_000 });
  });

  it("labels cases by non-identifying fields and sends only the chosen ones", async () => {
    const user = userEvent.setup();
    const { session, caseIds } = await sessionWithCases();
    renderScreen(session);
    const send = section("Send cases to a colleague or manager");

    const boxes = await within(send).findAllByRole("checkbox");
    expect(boxes).toHaveLength(2);
    const highRisk = within(send).getByRole("checkbox", { name: /high risk · open · ref [0-9A-F]{8}$/ });
    expect(within(send).getByRole("checkbox", { name: /not yet assessed · open · ref/ })).toBeInTheDocument();
    // Named as the case list names them, so the practitioner knows which is which.
    expect(boxes.map((box) => (box as HTMLInputElement).labels?.[0]?.textContent).sort()).toEqual([
      expect.stringMatching(/^Case 1, started /),
      expect.stringMatching(/^Case 2, started /),
    ]);
    for (const name of VICTIM_NAMES) expect(document.body).not.toHaveTextContent(name);

    // Nothing chosen: the summary links to the first box.
    await user.type(within(send).getByLabelText("Passphrase to give the recipient"), FILE_PASSPHRASE);
    await user.type(within(send).getByLabelText("Confirm the recipient's passphrase"), FILE_PASSPHRASE);
    await user.click(within(send).getByRole("button", { name: "Save file for the recipient" }));
    const summary = await screen.findByRole("alert");
    const link = within(summary).getByRole("link", { name: "Select at least one case to send" });
    expect(link).toHaveAttribute("href", "#send-caseIds");
    await user.click(link);
    expect(boxes[0]).toHaveFocus();

    await user.click(highRisk);
    await user.click(within(send).getByRole("button", { name: "Save file for the recipient" }));
    expect(
      await within(send).findByText(
        /^1 case saved as safe-referral-case-export-.*\.json\. Send the file and its passphrase separately\.$/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    const text = await downloads.blobs[0]!.text();
    expect(JSON.parse(text)).toMatchObject({ kind: "case-export" });
    for (const name of VICTIM_NAMES) expect(text).not.toContain(name);

    // The file holds exactly the chosen case: import it into a colleague's profile to check.
    const { session: colleague } = await createUnlockedProfile(freshVault().vault, "DC 99 Jones");
    const { importBackup } = await import("../../../storage/backup-import");
    await importBackup(colleague, text, FILE_PASSPHRASE);
    expect((await colleague.listCaseSummaries()).map((row) => row.id)).toEqual([caseIds[0]]);
    // The case's own audit trail travels with it, so a reviewing manager sees its history.
    const history = await colleague.listAudit({ caseId: caseIds[0]! });
    expect(history.some((entry) => entry.action === "create")).toBe(true);
  });

  it("shows why a corrupt file was refused, says nothing changed, and leaves the cases alone", async () => {
    const user = userEvent.setup();
    const { session } = await sessionWithCases();
    renderScreen(session);

    await importFile(user, jsonFile('{"format":"safe-referral-backup","formatVersion":1,"kind":"backup",'));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveFocus();
    expect(
      within(summary).getByRole("link", { name: /This file is not a Safe Referral backup, or it is incomplete/ }),
    ).toHaveAttribute("href", "#import-file");
    expect(summary).toHaveTextContent("Nothing on this device was changed.");
    expect(await session.listCaseSummaries()).toHaveLength(2);
    expect(within(section("Restore or import a file")).getByRole("status")).toHaveTextContent("");
  });

  it("links a wrong file passphrase to the passphrase field", async () => {
    const user = userEvent.setup();
    const { session } = await sessionWithCases();
    const { exportVault } = await import("../../../storage/backup-export");
    const file = await exportVault(session, { passphrase: FILE_PASSPHRASE, iterations: TEST_ITERATIONS });
    renderScreen(session);

    await importFile(user, jsonFile(file.text), "not the right passphrase");
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: /the passphrase is wrong/ })).toHaveAttribute(
      "href",
      "#import-passphrase",
    );
    expect(summary).toHaveTextContent("Nothing on this device was changed.");
    expect(await session.listCaseSummaries()).toHaveLength(2);
  });

  it("restores every case after export, wipe and import into a new profile", async () => {
    const user = userEvent.setup();
    const { vault, session, caseIds } = await sessionWithCases();
    const first = renderScreen(session);

    await saveFullBackup(user);
    await within(section("Back up everything")).findByText(/^Backup saved as/);
    // The activity record refreshes with the export.
    expect(await screen.findByRole("cell", { name: "Exported" })).toBeInTheDocument();
    const backupText = await downloads.blobs[0]!.text();

    await wipe(user, "WIPE");
    await waitFor(() => expect(first.onWiped).toHaveBeenCalledTimes(1));
    expect(session.isLocked).toBe(true);
    expect(await vault.listProfiles()).toEqual([]);
    first.unmount();

    const { session: restored } = await createUnlockedProfile(vault);
    renderScreen(restored);
    await screen.findByRole("table");
    await importFile(user, jsonFile(backupText));
    expect(
      await within(section("Restore or import a file")).findByText(/Cases: 2 added, 0 replaced, 0 kept, 0 skipped\./),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("The file's passphrase")).toHaveValue("");

    expect((await restored.listCaseSummaries()).map((row) => row.id).sort()).toEqual([...caseIds].sort());
    const details = await Promise.all(caseIds.map(async (id) => (await restored.getCase(id)).details));
    expect(details).toEqual([
      { victimName: VICTIM_NAMES[0], notes: "Lives at 12 Acacia Avenue" },
      { victimName: VICTIM_NAMES[1], notes: "" },
    ]);
    // The case list and the activity record refresh after the import.
    await waitFor(() =>
      expect(within(section("Send cases to a colleague or manager")).getAllByRole("checkbox")).toHaveLength(2),
    );
    expect(await screen.findByRole("cell", { name: "Imported" })).toBeInTheDocument();

    // Importing the same file again changes nothing.
    await importFile(user, jsonFile(backupText));
    expect(
      await within(section("Restore or import a file")).findByText(/Cases: 0 added, 0 replaced, 0 kept, 2 skipped\./),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole("cell", { name: "Imported" })).toHaveLength(2));
  });

  it("wipes only after WIPE is typed", async () => {
    const user = userEvent.setup();
    const { vault, session } = await sessionWithCases();
    const { onWiped } = renderScreen(session);

    await wipe(user, "");
    let summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: "Type WIPE to confirm" })).toHaveAttribute(
      "href",
      "#wipe-confirmation",
    );

    await user.type(screen.getByLabelText("Type WIPE to confirm"), "please");
    await user.click(screen.getByRole("button", { name: "Permanently wipe this vault" }));
    summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: "Type WIPE in capital letters to confirm" })).toBeInTheDocument();
    expect(onWiped).not.toHaveBeenCalled();
    expect(await session.listCaseSummaries()).toHaveLength(2);

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByLabelText("Type WIPE to confirm")).not.toBeInTheDocument();
    expect(await vault.listProfiles()).toHaveLength(1);

    await wipe(user, "WIPE");
    await waitFor(() => expect(onWiped).toHaveBeenCalledTimes(1));
    expect(await vault.listProfiles()).toEqual([]);
  });

  it("shows the profile's recent activity as a captioned table", async () => {
    const { session, caseIds } = await sessionWithCases();
    renderScreen(session);

    const table = await screen.findByRole("table", { name: /Most recent activity first \(up to 50 entries\)/ });
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((cell) => cell.textContent);
    expect(headers).toEqual(["Time", "Action", "Case", "Details"]);
    const rows = within(table).getAllByRole("row").slice(1);
    // Profile created, unlocked, then two cases created: newest first.
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole("cell")
          .slice(1)
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ["Created", expect.stringMatching(/^ref /), "case"],
      ["Created", expect.stringMatching(/^ref /), "case"],
      ["Unlocked", "–", "–"],
      ["Created", "–", "profile"],
    ]);
    const shortRef = caseIds[1]!.replace(/-/g, "").slice(0, 8).toUpperCase();
    expect(within(rows[0]!).getByRole("cell", { name: `ref ${shortRef}` })).toBeInTheDocument();
  });
});
