// Labels and text helpers every pack section uses: answer, source, role and level labels, evidence
// and date text, and the "not known" answer with its reason.
import { ASSESSOR_ROLE_LABELS, type AnswerSource, type AnswerValue } from "../answers";
import { item, type PackListItem } from "./pack-document";
import { labelForEvidence } from "../labels/labels";
import { packPathOf } from "./redaction";

export const ANSWER_LABELS: Record<AnswerValue | "not-asked", string> = {
  yes: "Yes",
  no: "No",
  "not-known": "Not known",
  "not-asked": "Not asked",
};

export const SOURCE_LABELS: Record<AnswerSource, string> = {
  victim: "the victim",
  observed: "observed by the assessor",
  records: "records",
  "third-party": "a third party",
};

export const ROLE_LABELS: Record<string, string> = ASSESSOR_ROLE_LABELS;

export const LEVEL_LABELS: Record<string, string> = { standard: "Standard", medium: "Medium", high: "High" };

export function answerLabel(value: AnswerValue | undefined): string | undefined {
  return value === undefined ? undefined : ANSWER_LABELS[value];
}

/** Readable text for an evidence path, for lists of evidence ("dash.strangulation" → its risk factor). */
export function evidenceText(evidence: string): string {
  return labelForEvidence(evidence);
}

export function evidenceItems(evidence: readonly string[]): PackListItem[] {
  return evidence.map((path) => item(evidenceText(path), [packPathOf(path)]));
}

/** "2024-06-02T09:30:00.000Z" → "2024-06-02 09:30 UTC": unambiguous in print, whatever the reader's zone. */
export function dateTimeText(iso: string): string {
  return iso.replace("T", " ").replace(/:\d{2}(\.\d+)?Z$/, " UTC");
}

/**
 * An answer the forms make mandatory, with its "not known" reason beside it: "Not known: she has not
 * been seen since" — or a bare "Not known" when no reason was recorded, which the form check flags.
 */
export function answerOrNotKnown(
  value: AnswerValue | undefined,
  notKnownReason: string | undefined,
): string | undefined {
  if (value !== "not-known") return answerLabel(value);
  const reason = notKnownReason?.trim();
  return reason ? `Not known: ${reason}` : ANSWER_LABELS["not-known"];
}
