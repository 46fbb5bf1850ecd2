/**
 * The contract between the vault's records and the screens for team sync (issue 16): what a conflict
 * of one case's record looks like once decoded, and the status the screens put into words. The bridge
 * (vault stores ⇄ sync engine) implements it; the team screens read it. Types only.
 */

import type { AssessmentRecord } from "../assessments";
import type { CaseRecord } from "../cases";
import type { PackRecord } from "../packs";
import type { ReviewRecord } from "../review-notes";

/** One synced record of a case: the case details, an assessment, a pack, or the manager's review. */
export type TeamRecord =
  | { kind: "case"; record: CaseRecord }
  | { kind: "assessment"; record: AssessmentRecord }
  | { kind: "pack"; record: PackRecord }
  | { kind: "review"; record: ReviewRecord };

export type TeamRecordKind = TeamRecord["kind"];

/** "Changed on another device": both versions of one record, decoded, until the practitioner chooses. */
export interface TeamCaseConflict {
  id: string;
  caseId: string;
  /** When this device found out. ISO 8601. */
  detectedAt: string;
  /** The version changed on this device, which never reached the team. */
  mine: TeamRecord & { savedAt: string };
  /** The version from another device, which the team holds now. */
  theirs: TeamRecord & { savedAt: string; fromManager: boolean };
}

/** What the practitioner chose: keep this device's version (sent on top) or the other device's. */
export type TeamConflictChoice = "mine" | "theirs";

/** The sync state the screens put into plain words. */
export interface TeamSyncState {
  /** Not enrolled / waiting for a manager's approval / syncing normally / removed from the team. */
  membership: "none" | "awaiting-approval" | "approved" | "revoked";
  online: boolean;
  syncing: boolean;
  lastSyncedAt: string | null;
  waitingToSend: number;
  conflicts: number;
  /** A plain-words problem from the last round (cannot reach the server, a refused envelope…), or null. */
  problem: string | null;
  /** Versions from other devices refused since unlock (failing the import's checks): never applied. */
  refusedRecords: number;
  /** Set once the server has refused this device as removed (membership "revoked"), else null. */
  removal: TeamRemoval | null;
}

/** What a device out of its team says about it (docs/decisions.md §26). */
export interface TeamRemoval {
  /**
   * "removed-by-manager": the team's cases have been deleted from this device. "unknown-to-server": the
   * server does not know this device (it may have lost its data), so nothing was deleted.
   */
  reason: "removed-by-manager" | "unknown-to-server";
  /** How many of the team's cases were deleted here; null until the wipe has finished (it resumes at unlock). */
  removedCases: number | null;
  /** How many cases stayed on this device (changes the team never received, or never the team's); null until then. */
  keptCases: number | null;
}
