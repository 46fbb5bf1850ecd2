/**
 * The session's export and import (`VaultSession.exportRecords`, `analyseImport`, `commitImport`,
 * `importRecords`). Their modules (portable-records.ts, import-analysis.ts, import-commit.ts) are loaded on
 * first use: export and import (with the policy rules they check) are not needed to open the app, so they
 * stay out of the first download.
 */

import { migrateClearMetadata } from "./clear-metadata";
import type { ImportControl, ImportDecisions, ImportPlan, ImportSummary } from "./import-types";
import type { PortableRecords } from "./portable-records";
import type { SessionContext } from "./session-context";

const loadPortableRecords = () => import("./portable-records");
const loadImportAnalysis = () => import("./import-analysis");
const loadImportCommit = () => import("./import-commit");

export function exportRecords(
  context: SessionContext,
  selection: { caseIds?: readonly string[]; includeCaseAudit?: boolean },
): Promise<PortableRecords> {
  return loadPortableRecords().then((portable) => portable.exportRecords(context, selection));
}

export function analyseImport(context: SessionContext, records: PortableRecords): Promise<ImportPlan> {
  return loadImportAnalysis().then((analysis) => analysis.analyseImport(context, records));
}

export function commitImport(
  context: SessionContext,
  plan: ImportPlan,
  decisions: ImportDecisions,
  detail: string,
  control?: ImportControl,
): Promise<ImportSummary> {
  return loadImportCommit()
    .then((commit) => commit.commitImport(context, plan, decisions, detail, control))
    .then((summary) => afterImport(context, summary));
}

export function importRecords(
  context: SessionContext,
  records: PortableRecords,
  detail: string,
  decisions?: ImportDecisions,
  control?: ImportControl,
): Promise<ImportSummary> {
  return loadImportCommit()
    .then((commit) => commit.importRecords(context, records, detail, decisions, control))
    .then((summary) => afterImport(context, summary));
}

/** Imported rows carry names and full flags: move them into the sealed index like older rows. */
async function afterImport(context: SessionContext, summary: ImportSummary): Promise<ImportSummary> {
  await migrateClearMetadata(context);
  return summary;
}
