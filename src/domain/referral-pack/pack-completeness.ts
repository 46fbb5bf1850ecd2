// Whether a pack can be marked "ready to send", for either kind of pack. The rules live in
// marac-completeness.ts and s42-completeness.ts (common-requirements.ts holds those both share).
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import type { Outcome } from "../outcome";
import type { PackCopy, PackKind } from "./pack-document";
import type { PackCompleteness } from "./completeness-collector";
import { checkMaracPackCompleteness } from "./marac-completeness";
import { checkS42PackCompleteness } from "./s42-completeness";

/** Whether the chosen copy of a pack is ready to send (default: the full copy, which needs the most). */
export function checkPackCompleteness(
  kind: PackKind,
  details: CaseDetails,
  caseFile: CaseFile,
  outcome: Outcome,
  copy: PackCopy = "referrer",
): PackCompleteness {
  return kind === "marac"
    ? checkMaracPackCompleteness(details, caseFile, outcome, copy)
    : checkS42PackCompleteness(details, caseFile, outcome, copy);
}
