/**
 * What an import of portable records (portable-records.ts) is planned, decided, reported and
 * controlled with: shared by the analysis (import-analysis.ts), the commit (import-commit.ts),
 * backup files and the import screens.
 */

import type { Policy } from "../domain/policy";
import type { CaseSummary } from "./cases";
import { InvalidInputError } from "./errors";
import type { PortableRecords } from "./portable-records";

// ------------------------------------------------------------------ import
//
// Two steps, so nothing on this device is ever replaced without the practitioner seeing it first:
// `analyseImport` compares the file's records with this device's (reads only) and lists what would
// be replaced; `commitImport` then writes, in ONE transaction, only what was decided. The commit
// checks that nothing on the device changed since the analysis, reports progress, and can be
// cancelled at any point before the transaction commits (the transaction is then rolled back).

/** What happened to a store's records from the file. */
export interface ImportCounts {
  /** Not on this device before: added. */
  added: number;
  /** This device's copy was replaced by the file's (only after the practitioner confirmed it). */
  replaced: number;
  /** This device's copy differs from the file's and stayed: it is newer, it is a completed assessment, or replacing was declined. */
  kept: number;
  /** Nothing to do: the file's copy is the version already here, or it can't be used (a policy breaking the rules). */
  skipped: number;
}

/** What became of the file's local policy (the "policy.active" setting of a full backup). */
export type PolicyOutcome = "applied" | "kept" | "refused" | "unchanged";

export interface ImportSummary {
  cases: ImportCounts;
  assessments: ImportCounts;
  packs: ImportCounts;
  settings: ImportCounts;
  auditEntriesAdded: number;
  /** Cases whose review status or reviewer's notes were brought up to date from the file. */
  reviewsMerged: number;
  policy: PolicyOutcome;
}

export type PortableStore = "cases" | "assessments" | "packs";

/** One record of this device that the file would replace, and what in it would change. */
export interface RecordChange {
  store: PortableStore;
  id: string;
  localUpdatedAt: string;
  fileUpdatedAt: string;
  /** Cases: open/closed; assessments: draft/completed; packs: their status. */
  localStatus: string;
  fileStatus: string;
  /** What differs, as dotted paths at most three levels deep: "details.victim.name", "riskLevel", "content.answers". */
  fields: string[];
}

/** The records of one case that the file would replace. */
export interface CaseReplacement {
  caseId: string;
  /** Clear fields of the case (this device's copy when there is one), to label it without its details. */
  summary: CaseSummary;
  changes: RecordChange[];
}

export interface PolicyChange {
  current: Policy;
  currentIsDefault: boolean;
  incoming: Policy;
  incomingIsDefault: boolean;
}

export type Fate = "add" | "replace?" | "policy?" | "keep" | "skip";
export type StoreName = PortableStore | "settings";

export interface ImportPlan {
  readonly records: PortableRecords;
  /** Cases with records the file would replace, if the practitioner agrees. Empty: nothing would be replaced. */
  readonly replacements: CaseReplacement[];
  /** Set when the file would change the active local policy, if the practitioner agrees. */
  readonly policyChange: PolicyChange | null;
  /** The file's local policy breaks the policy rules: it is never applied. */
  readonly policyRefused: boolean;
  /** Per store, in the file's order: each record's fate, and the updatedAt of this device's copy when analysed. */
  readonly fates: Readonly<Record<StoreName, { fate: Fate[]; seen: (string | undefined)[] }>>;
}

export interface ImportDecisions {
  /** Replace this device's cases, drafts and packs listed in `plan.replacements` with the file's copies. */
  replace: boolean;
  /** Make the file's local policy active (`plan.policyChange`). */
  applyPolicy: boolean;
}

export const KEEP_EVERYTHING: ImportDecisions = Object.freeze({ replace: false, applyPolicy: false });

export interface ImportProgress {
  /** "restoring": records re-encrypted for this profile; "saving": records written. */
  phase: "restoring" | "saving";
  done: number;
  total: number;
}

export interface ImportControl {
  /** Aborting cancels the import before it commits: nothing is written. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

/** This device changed (a record was saved, added or deleted) between the analysis and the commit. */
export class ImportChangedError extends InvalidInputError {
  override name = "ImportChangedError";
  constructor() {
    super("Records on this device changed after the file was checked. Check the file again.");
  }
}

/** The same key as `ACTIVE_POLICY_SETTING` (policy-setting.ts), which this module can't import without a cycle. */
export const POLICY_SETTING_KEY = "policy.active";
