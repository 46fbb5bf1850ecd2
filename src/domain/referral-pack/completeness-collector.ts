// What every pack completeness check shares: the result types, the collector of missing fields and
// follow-up actions, the helpers that fill it, and the copy-aware result.
//
// Whether a pack can be marked "ready to send": every required field present, with a link (fixPath)
// to where each missing one is filled in. What is genuinely not known does not block the pack; it
// becomes a follow-up action listed on the pack, so "not known" is never quietly sent as "no".
//
// fixPath names where to fix it: "details.<path>" (the case details form), "answers.<id>" or
// "context.<path>" (the assessment), "assessment" (the assessment as a whole).
import type { CaseDetails } from "../case-record/case-details";
import type { Outcome } from "../outcome";
import { labelForMissing } from "../labels/labels";
import type { FactConflict } from "./fact-conflicts";
import type { PackCopy } from "./pack-document";
import { isWithinPath, withheldPathsOf, withholdingPaths } from "./redaction";

export interface MissingPackField {
  fixPath: string;
  /** What is missing, in a few words (the link text). */
  label: string;
  why: string;
}

export interface FollowUpAction {
  fixPath: string;
  text: string;
}

export interface PackCompleteness {
  ready: boolean;
  missing: MissingPackField[];
  actions: FollowUpAction[];
  /** Records that disagree (also listed in `missing`, as things to fix before sending). */
  conflicts: FactConflict[];
  /** The copy this check is for: the full copy needs the safe contact, the wider-sharing copy does not. */
  copy: PackCopy;
}

export const blank = (text: string | undefined): boolean => text === undefined || text.trim() === "";

export interface Collector {
  missing: MissingPackField[];
  actions: FollowUpAction[];
}

export function requireText(
  collector: Collector,
  value: string | undefined,
  fixPath: string,
  label: string,
  why: string,
): void {
  if (blank(value)) collector.missing.push({ fixPath, label, why });
}

/**
 * An answer the forms make mandatory may be "not known", but only with the reason: then it does not
 * block the pack and finding out becomes a follow-up action. A bare "not known" is missing its reason.
 */
export function notKnownWithReason(
  collector: Collector,
  reason: string | undefined,
  fixPath: string,
  label: string,
  action: string,
): void {
  requireText(collector, reason, fixPath, label, 'A "not known" answer needs its reason, so no one has to guess.');
  collector.actions.push({ fixPath, text: action });
}

export function gapActions(outcome: Outcome, details: CaseDetails): FollowUpAction[] {
  // History checks recorded in the case details answer the engine's gap (and "pending" is already an action).
  const checksRecorded = details.perpetrator.historyChecks !== undefined;
  return outcome.missingInformation
    .filter((gap) => !(checksRecorded && gap.field === "context.perpetratorChecks"))
    .map((gap) => {
      return { fixPath: gap.field, text: `${labelForMissing(gap.field)}: ${gap.why}` };
    });
}

/** The safe contact belongs to the full copy: the copy for wider sharing is never the route to the victim. */
export const FULL_COPY_ONLY_PATHS: readonly string[] = ["details.victim.safeContact"];

/**
 * What the chosen copy needs. The full copy needs everything; the copy for wider sharing does not
 * need the safe contact, nor any fact withheld from it (it would show only the withheld marker).
 */
export function completenessResult(
  collector: Collector,
  conflicts: FactConflict[],
  copy: PackCopy,
  details: CaseDetails,
  outcome: Outcome,
): PackCompleteness {
  const missing = [
    ...collector.missing,
    ...conflicts.map((found) => ({
      fixPath: found.fixPath,
      label: `Records disagree: ${found.topic}`,
      why: found.sentence,
    })),
  ];
  const withheld = withheldPathsOf(details, outcome.nonDisclosure);
  const needed =
    copy === "referrer"
      ? missing
      : missing.filter(
          (field) =>
            !FULL_COPY_ONLY_PATHS.some((path) => isWithinPath(field.fixPath, path)) &&
            withholdingPaths([field.fixPath], withheld).length === 0,
        );
  return { ready: needed.length === 0, missing: needed, actions: collector.actions, conflicts, copy };
}
