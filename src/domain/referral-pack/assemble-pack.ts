// The part every referral pack shares once its sections are chosen: the document's frame (kind,
// title, copy label, protective marking, dates), never-disclose facts marked on the referrer's
// copy, and the copy for wider sharing derived from it. The MARAC and s42 builders differ only in
// their sections and title.
import type { CaseDetails } from "../case-record/case-details";
import type { Outcome } from "../outcome";
import {
  copyLabelFor,
  PACK_DOCUMENT_VERSION,
  PROTECTIVE_MARKING,
  type PackCopy,
  type PackKind,
  type PackSection,
  type ReferralPackDocument,
} from "./pack-document";
import { markWithheldFacts, shareableCopyOf, withheldPathsOf } from "./redaction";

export interface PackOptions {
  copy: PackCopy;
  /** When the pack is prepared (ISO date-time); stamped on every copy. */
  preparedAt: string;
}

/** Frames the sections as a pack of this kind; the shareable copy has every withheld fact replaced by the marker. */
export function assemblePack(
  kind: PackKind,
  title: string,
  sections: PackSection[],
  details: CaseDetails,
  outcome: Outcome,
  options: PackOptions,
): ReferralPackDocument {
  const document: ReferralPackDocument = {
    packDocumentVersion: PACK_DOCUMENT_VERSION,
    kind,
    copy: "referrer",
    title,
    copyLabel: copyLabelFor(kind, "referrer"),
    protectiveMarking: PROTECTIVE_MARKING,
    preparedAt: options.preparedAt,
    assessmentDate: outcome.assessmentDate,
    sections,
    withheldCount: 0,
  };
  const marked = markWithheldFacts(document, withheldPathsOf(details, outcome.nonDisclosure));
  return options.copy === "shareable" ? shareableCopyOf(marked) : marked;
}
