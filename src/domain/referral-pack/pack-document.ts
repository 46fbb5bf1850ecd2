// The referral pack as a renderer-neutral document: a title and sections of labelled rows. The
// on-screen preview, the PDF and the JSON export are all drawn from this one structure, so what is
// withheld from one is withheld from all of them.
//
// Every row names the facts it was built from (`sourcePaths`), so redaction can decide from the
// paths alone, never from the text: a row built from a withheld fact is withheld whatever it says.

export const PACK_KINDS = ["marac", "s42"] as const;
export type PackKind = (typeof PACK_KINDS)[number];

/**
 * "referrer" = the full copy, for the receiving meeting only (the MARAC, or the safeguarding adults
 * team), sent securely; "shareable" = the copy for wider sharing, withheld facts removed. The stored
 * values stay as they were; the names people read (copyNameFor, copyLabelFor) say who gets which.
 */
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

/** Who receives the full copy of each kind of pack. */
const FULL_COPY_RECIPIENT: Record<PackKind, { name: string; sendTo: string }> = {
  marac: { name: "the MARAC", sendTo: "the MARAC coordinator" },
  s42: { name: "the safeguarding adults team", sendTo: "the local authority's safeguarding adults team" },
};

/** The copy's name by purpose: "Full copy for the MARAC (send securely)", "Copy for wider sharing (redacted)". */
export function copyNameFor(kind: PackKind, copy: PackCopy): string {
  return copy === "referrer"
    ? `Full copy for ${FULL_COPY_RECIPIENT[kind].name} (send securely)`
    : "Copy for wider sharing (redacted)";
}

/** The line printed under the title: who the copy is for, how to send it, what it holds. */
export function copyLabelFor(kind: PackKind, copy: PackCopy): string {
  const recipient = FULL_COPY_RECIPIENT[kind];
  return copy === "referrer"
    ? `Full copy for ${recipient.name}: send it only to ${recipient.sendTo}, by secure email. It holds facts that must never reach the person causing harm (marked below): do not forward it to anyone else.`
    : `Copy for wider sharing (redacted): for other agencies working with the family. Facts marked never to disclose have been removed; the full copy goes only to ${recipient.name}.`;
}

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
