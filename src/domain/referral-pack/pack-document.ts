// The referral pack as a renderer-neutral document: a title and sections of labelled rows. The
// on-screen preview, the PDF and the JSON export are all drawn from this one structure, so what is
// withheld from one is withheld from all of them.
//
// Every row names the facts it was built from (`sourcePaths`), so redaction can decide from the
// paths alone, never from the text: a row built from a withheld fact is withheld whatever it says.

export const PACK_KINDS = ["marac", "s42"] as const;
export type PackKind = (typeof PACK_KINDS)[number];

/** "referrer" = the referrer's own complete copy; "shareable" = the copy for wider sharing, withheld facts removed. */
export const PACK_COPIES = ["referrer", "shareable"] as const;
export type PackCopy = (typeof PACK_COPIES)[number];

/** Shown in place of every withheld fact in a shareable copy. */
export const WITHHELD_MARKER = "[Withheld: not to be shared with the person causing harm]";

/** Handling marking printed on every page (SafeLives: restricted / confidential when complete). */
export const PROTECTIVE_MARKING =
  "OFFICIAL-SENSITIVE: restricted when complete. Never share with the person causing harm.";

export const PACK_DOCUMENT_VERSION = 1;

export interface PackListItem {
  text: string;
  /** Facts this item is built from: "details.victim.address", "answers.dash.strangulation", "context.pregnant". */
  sourcePaths: string[];
  /** In the shareable copy: replaced by the marker. In the referrer's copy: kept, flagged never to disclose. */
  withheld?: boolean;
}

export interface PackRow {
  label: string;
  /** A single value; "Not recorded" when nothing was recorded (never silently left out). */
  value?: string;
  /** A list of values, each with its own sources (so one withheld item does not hide the rest). */
  list?: PackListItem[];
  sourcePaths: string[];
  withheld?: boolean;
}

export interface PackSection {
  id: string;
  title: string;
  rows: PackRow[];
}

export interface ReferralPackDocument {
  packDocumentVersion: typeof PACK_DOCUMENT_VERSION;
  kind: PackKind;
  copy: PackCopy;
  title: string;
  /** Names the copy in words, printed under the title. */
  copyLabel: string;
  protectiveMarking: string;
  preparedAt: string;
  assessmentDate: string;
  sections: PackSection[];
  /** How many rows or list items are withheld (removed in the shareable copy, flagged in the referrer's). */
  withheldCount: number;
}

export const NOT_RECORDED = "Not recorded";

export const COPY_LABELS: Record<PackCopy, string> = {
  referrer: "Referrer's copy: contains facts that must never reach the person causing harm. Do not forward.",
  shareable: "Copy for wider sharing: facts marked never to disclose have been removed.",
};

export function row(label: string, value: string | undefined, sourcePaths: string[]): PackRow {
  const text = value?.trim();
  return { label, value: text ? text : NOT_RECORDED, sourcePaths };
}

export function listRow(
  label: string,
  list: PackListItem[],
  sourcePaths: string[],
  whenEmpty = "None recorded",
): PackRow {
  return list.length > 0 ? { label, list, sourcePaths } : { label, value: whenEmpty, sourcePaths };
}

export function item(text: string, sourcePaths: string[]): PackListItem {
  return { text, sourcePaths };
}

/** Plain-text lines of the document, as the PDF prints them (also what tests search). */
export function packPlainText(document: ReferralPackDocument): string {
  const lines = [document.title, document.copyLabel, document.protectiveMarking, `Prepared ${document.preparedAt}`];
  for (const section of document.sections) {
    lines.push("", section.title);
    for (const entry of section.rows) {
      if (entry.value !== undefined) lines.push(`${entry.label}: ${entry.value}`);
      if (entry.list) lines.push(`${entry.label}:`, ...entry.list.map((listItem) => `- ${listItem.text}`));
    }
  }
  return lines.join("\n");
}
