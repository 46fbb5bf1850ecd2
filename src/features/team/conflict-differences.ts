// "Changed on another device": which fields of one record differ between this device's version and the
// other device's, each with its label in plain words, for the side-by-side comparison. Bookkeeping
// (ids, times saved) is left out: the practitioner compares what was recorded.
import { labelForEvidence } from "../../domain/labels/labels";
import { ANSWER_LABELS } from "../../domain/referral-pack/pack-text";
import type { TeamRecord, TeamRecordKind } from "../../storage/sync/team-records-api";

export interface FieldDifference {
  label: string;
  mine: string;
  theirs: string;
}

export const RECORD_KIND_LABELS: Record<TeamRecordKind, string> = {
  case: "Case details",
  assessment: "Risk assessment",
  pack: "Referral pack",
  review: "Manager's review",
};

/** Fields that say when or where a record was saved, not what it records. */
const BOOKKEEPING = new Set(["id", "caseId", "profileId", "createdAt", "updatedAt", "savedAt", "version", "agency"]);

/** Ids link records; they mean nothing to a person and never show on screen. */
const IDENTIFIER = /^id$|Id$/;

const NOT_RECORDED = "Not recorded";

function valueWords(value: unknown): string {
  if (value === undefined || value === null || value === "") return NOT_RECORDED;
  if (value === true) return "Yes";
  if (value === false) return "No";
  if (typeof value === "string") return ANSWER_LABELS[value as keyof typeof ANSWER_LABELS] ?? value;
  if (typeof value === "number") return String(value);
  return NOT_RECORDED;
}

/** Every leaf of a JSON value by its path ("victim.name", "children[0].age"). */
function leaves(value: unknown, path: string, into: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => leaves(item, `${path}[${index}]`, into));
    if (value.length === 0 && path !== "") into.set(path, undefined);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if ((path === "" && BOOKKEEPING.has(key)) || IDENTIFIER.test(key)) continue;
      leaves(child, path === "" ? key : `${path}.${key}`, into);
    }
  } else if (path !== "") {
    into.set(path, value);
  }
  return into;
}

/** A field's label: an assessment's answers and facts by their question, anything else in words. */
function labelFor(path: string): string {
  const inner = path.replace(/^(details|content)\./, "");
  return labelForEvidence(inner);
}

/** The fields that differ, in the order they appear in this device's version (then the other's). */
export function differingFields(mine: TeamRecord, theirs: TeamRecord): FieldDifference[] {
  const ours = leaves(mine.record, "", new Map());
  const others = leaves(theirs.record, "", new Map());
  const paths = [...new Set([...ours.keys(), ...others.keys()])];
  const differences: FieldDifference[] = [];
  for (const path of paths) {
    const mineWords = valueWords(ours.get(path));
    const theirWords = valueWords(others.get(path));
    if (mineWords === theirWords) continue;
    differences.push({ label: labelFor(path), mine: mineWords, theirs: theirWords });
  }
  return differences;
}
