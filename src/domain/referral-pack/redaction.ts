// Redaction: which facts are never to reach the person causing harm, and the shareable copy with
// them removed. Decided from each row's source paths, never from its text, so a withheld fact
// cannot leak through a summary line, an answer's detail or an engine reason built from it.
import type { CaseDetails } from "../case-record/case-details";
import {
  copyLabelFor,
  WITHHELD_MARKER,
  type PackListItem,
  type PackRow,
  type ReferralPackDocument,
} from "./pack-document";

const ANSWER_ID = /^(dash|stalking|hbv|brag|timeline)\.[a-z0-9-]+$/;

/**
 * A fact's path in the pack's one namespace: case-details paths under "details.", answers under
 * "answers.", context facts as "context.…". Engine evidence names answers by bare id ("dash.x").
 */
export function packPathOf(path: string): string {
  if (ANSWER_ID.test(path)) return `answers.${path}`;
  return path;
}

/** Every withheld path, from the case details' nonDisclosure and the assessment's (outcome.nonDisclosure). */
export function withheldPathsOf(details: CaseDetails, assessmentNonDisclosure: readonly string[]): string[] {
  const paths = [...details.nonDisclosure.map((path) => `details.${path}`), ...assessmentNonDisclosure.map(packPathOf)];
  return [...new Set(paths)];
}

/** True when `path` is `ancestor` itself or sits inside it ("details.children[0].school" inside "details.children[0]"). */
export function isWithinPath(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

/**
 * The withheld paths that make a fact built from `sourcePaths` withheld: a withheld path that
 * contains a source (the whole address withheld, the row shows its postcode) or sits inside one
 * (the row summarises the safe-contact block, its phone is withheld).
 */
export function withholdingPaths(sourcePaths: readonly string[], withheldPaths: readonly string[]): string[] {
  return withheldPaths.filter((withheld) =>
    sourcePaths.some((source) => isWithinPath(source, withheld) || isWithinPath(withheld, source)),
  );
}

function markItem(listItem: PackListItem, withheldPaths: readonly string[]): PackListItem {
  const withheld = withholdingPaths(listItem.sourcePaths, withheldPaths).length > 0;
  return withheld ? { ...listItem, withheld: true } : listItem;
}

/**
 * Flags every withheld row and list item. A list row is withheld as a whole only when its
 * container is withheld (e.g. all agencies); otherwise each item is judged on its own sources.
 */
export function markWithheldFacts(
  document: ReferralPackDocument,
  withheldPaths: readonly string[],
): ReferralPackDocument {
  let withheldCount = 0;
  const sections = document.sections.map((section) => ({
    ...section,
    rows: section.rows.map((entry): PackRow => {
      const rowWithheld =
        entry.list === undefined
          ? withholdingPaths(entry.sourcePaths, withheldPaths).length > 0
          : withheldPaths.some((withheld) => entry.sourcePaths.some((source) => isWithinPath(source, withheld)));
      if (rowWithheld) {
        withheldCount += 1;
        return { ...entry, withheld: true };
      }
      if (entry.list === undefined) return entry;
      const list = entry.list.map((listItem) => markItem(listItem, withheldPaths));
      withheldCount += list.filter((listItem) => listItem.withheld).length;
      return { ...entry, list };
    }),
  }));
  return { ...document, sections, withheldCount };
}

/**
 * The copy for wider sharing: every withheld row's value (and list) and every withheld list item's
 * text is replaced by the visible marker. Nothing of the withheld text survives in the result.
 */
export function redactForSharing(document: ReferralPackDocument): ReferralPackDocument {
  const sections = document.sections.map((section) => ({
    ...section,
    rows: section.rows.map((entry): PackRow => {
      if (entry.withheld)
        return { label: entry.label, value: WITHHELD_MARKER, sourcePaths: entry.sourcePaths, withheld: true };
      if (entry.list === undefined) return entry;
      return {
        ...entry,
        list: entry.list.map((listItem) =>
          listItem.withheld ? { text: WITHHELD_MARKER, sourcePaths: listItem.sourcePaths, withheld: true } : listItem,
        ),
      };
    }),
  }));
  return { ...document, sections };
}

/**
 * The shareable copy of a referrer's copy (which carries the withheld flags): used for a stored
 * pack, so the copy shared later is drawn from exactly what was saved.
 */
export function shareableCopyOf(document: ReferralPackDocument): ReferralPackDocument {
  return redactForSharing({ ...document, copy: "shareable", copyLabel: copyLabelFor(document.kind, "shareable") });
}
