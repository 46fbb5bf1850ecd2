// One case with a completed assessment (the shared strangulation scenario, 01) arriving the way a
// colleague's case does: an encrypted case-export file imported through the Backup screen. Its
// details leave gaps on purpose, so its referral pack lists what is missing with links to fix it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { assessCase } from "../../../src/domain/assess";
import { validateCaseFile } from "../../../src/domain/case-file";
import { buildBackupPayload, encryptEnvelope } from "../../../src/storage/backup-file";

const FILE_PASSPHRASE = "handed over separately";

async function caseExportFile(): Promise<string> {
  const scenario = JSON.parse(
    readFileSync(new URL("../../../../shared/scenarios/01-strangulation-alone.json", import.meta.url), "utf8"),
  ) as { case: Record<string, unknown> };
  const validation = validateCaseFile(scenario.case);
  if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
  const outcome = assessCase(validation.caseFile);
  const assessedAt = "2021-10-14T22:30:00.000Z";
  const details = {
    detailsVersion: 1,
    victim: { name: "Seeda Caseworth", dateOfBirth: "1990-04-01" },
    perpetrator: { name: "Sam Example", relationship: "ex-partner", historyChecks: "done" },
    children: [],
    referrer: { name: "PC Jones", role: "police", agency: "Example Constabulary", phone: "01234 567890" },
    agenciesInvolved: ["Police"],
    nonDisclosure: [],
  };
  const caseId = "e2e-seeded-case";
  const records = {
    cases: [
      {
        id: caseId,
        createdAt: assessedAt,
        updatedAt: assessedAt,
        status: "open" as const,
        riskLevel: outcome.riskLevel,
        brag: null,
        flags: [],
        qualityScore: null,
        latestAssessedAt: assessedAt,
        details,
      },
    ],
    assessments: [
      {
        id: "e2e-seeded-assessment",
        caseId,
        createdAt: assessedAt,
        updatedAt: assessedAt,
        assessedAt,
        status: "completed" as const,
        questionSetId: validation.caseFile.questionSet,
        questionSetVersion: "1",
        policyName: "default",
        policyVersion: "1",
        riskLevel: outcome.riskLevel,
        content: validation.caseFile,
        outcome,
      },
    ],
    packs: [],
    audit: [],
    settings: [],
  };
  const payload = await buildBackupPayload("case-export", records, new Date());
  const envelope = await encryptEnvelope(JSON.stringify(payload), FILE_PASSPHRASE, "case-export", 1_000);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "seeded-case-")), "case-export.json");
  writeFileSync(file, JSON.stringify(envelope));
  return file;
}

/** From any unlocked screen: imports the assessed case through "Backup and data" (it becomes case 1 if first). */
export async function importAssessedCase(page: Page): Promise<void> {
  const file = await caseExportFile();
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Backup and data" }).click();
  await page.getByLabel("Backup or case file").setInputFiles(file);
  await page.getByLabel("The file's passphrase").fill(FILE_PASSPHRASE);
  await page.getByRole("button", { name: "Import file" }).click();
  await page.getByText("Cases: 1 added, 0 replaced", { exact: false }).waitFor({ timeout: 15_000 });
}
