// Where the practitioner is in the walk-through, in parts that never change in number. Counting
// pages gave a total that jumped as answers brought sections in ("3 of 9" → "4 of 11"), which reads
// as if the work grew or a page was missed. Every assessment has the same six parts, whatever the
// answers; the sections an answer brings in fall inside "Further questions".
import type { PageKey } from "./assessment-draft";
import { isFactPage } from "./context-facts";

export const ASSESSMENT_PARTS = [
  "About the assessment",
  "The risk checklist",
  "Further questions",
  "Facts for the referral",
  "Your professional judgement",
  "Check your answers",
] as const;

const CHECKLIST_PAGES: readonly PageKey[] = [
  "dash-current-incident",
  "dash-relationship",
  "dash-children",
  "dash-perpetrator",
];

/** The part (from 1) a page belongs to. */
function partOf(page: PageKey): number {
  if (page === "who" || page === "gate") return 1;
  if (CHECKLIST_PAGES.includes(page)) return 2;
  if (isFactPage(page)) return 4;
  if (page === "judgement") return 5;
  if (page === "check") return 6;
  // Stalking, honour-based abuse, vulnerability, exploitation, care and support, timeline.
  return 3;
}

/** "Part 2 of 6: The risk checklist": the same total from the first page to the last. */
export function progressText(page: PageKey): string {
  const part = partOf(page);
  return `Part ${part} of ${ASSESSMENT_PARTS.length}: ${ASSESSMENT_PARTS[part - 1]}`;
}
