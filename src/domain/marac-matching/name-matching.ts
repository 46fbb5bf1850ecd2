// Is it the same person's name? Compared part by part in any order, tolerant of small spelling
// slips, initials, a middle name or half of a double-barrelled name on one referral only, and of
// the other names (aliases, earlier spellings) either referral gives.
import { notComparedReason, type ReferralVictim } from "./marac-referral";
import { editDistance } from "./string-distance";
import { namePartSplits, nameParts, otherNamesList } from "./name-normalising";
import { namesSoundAlike } from "./name-sounds";

/** same: every part agrees; close: every part of the shorter name agrees, allowing slips; partial: some part agrees. */
export type NameAgreementKind = "same" | "close" | "partial" | "different" | "unknown";

export interface NameAgreement {
  kind: NameAgreementKind;
  /** One plain-English sentence for the coordinator. */
  reason: string;
  evidence: string[];
}

/**
 * The spelling slips tolerated between two name parts, by the letters in the longer of them (a
 * dropped letter shortens a name: Jane typed as Jan is still one slip). Under 4 letters none: one
 * letter turns Tom into Tim or Ann into Amy. From 4 to 7 letters one (Jayne/Jane, Smyth/Smith,
 * Mohammed/Mohamed). From 8 letters two (Catherine/Kathryne is three and stays apart). Beyond that
 * a different name is as likely as a slip.
 */
export function spellingSlipsAllowed(letters: number): number {
  if (letters < 4) return 0;
  return letters < 8 ? 1 : 2;
}

interface PartPair {
  newIndex: number;
  heldIndex: number;
  slips: number;
  initial: boolean;
  /** Spelt further apart than slips allow, but sounding alike (Aisha/Ayesha): see `namesSoundAlike`. */
  soundsAlike: boolean;
}

interface PartsComparison {
  kind: Exclude<NameAgreementKind, "unknown">;
  pairs: PartPair[];
  /** Parts of the longer name that nothing matched, when the shorter one matched entirely. */
  extraParts: string[];
  extraOnNew: boolean;
  reordered: boolean;
  slips: number;
}

type PairCost = Pick<PartPair, "slips" | "initial" | "soundsAlike">;

function pairCost(newPart: string, heldPart: string): PairCost | null {
  if (newPart === heldPart) return { slips: 0, initial: false, soundsAlike: false };
  const [shorter, longer] = newPart.length <= heldPart.length ? [newPart, heldPart] : [heldPart, newPart];
  // An initial stands for a name: "J Smith" may be Jane Smith. Never an initial for an initial.
  if (Array.from(shorter).length === 1) {
    return longer.startsWith(shorter) ? { slips: 0, initial: true, soundsAlike: false } : null;
  }
  const allowed = spellingSlipsAllowed(Array.from(longer).length);
  if (allowed === 0) return null;
  const slips = editDistance(newPart, heldPart, allowed + 1);
  if (slips <= allowed) return { slips, initial: false, soundsAlike: false };
  return namesSoundAlike(newPart, heldPart, allowed) ? { slips, initial: false, soundsAlike: true } : null;
}

/** Pairs the parts one to one, closest first (exact, then fewest slips, initials last): order-free. */
function pairParts(newParts: readonly string[], heldParts: readonly string[]): PartPair[] {
  const options: PartPair[] = [];
  newParts.forEach((newPart, newIndex) =>
    heldParts.forEach((heldPart, heldIndex) => {
      const cost = pairCost(newPart, heldPart);
      if (cost) options.push({ newIndex, heldIndex, ...cost });
    }),
  );
  // Slips before sounding alike (a typing slip is the likelier story), initials last.
  const rank = (pair: PartPair) => (pair.initial ? 10 : pair.soundsAlike ? 5 : pair.slips);
  // Ties keep written order, so "Jane Jane" pairs first with first.
  options.sort((a, b) => rank(a) - rank(b) || a.newIndex - b.newIndex || a.heldIndex - b.heldIndex);
  const usedNew = new Set<number>();
  const usedHeld = new Set<number>();
  const pairs: PartPair[] = [];
  for (const option of options) {
    if (usedNew.has(option.newIndex) || usedHeld.has(option.heldIndex)) continue;
    usedNew.add(option.newIndex);
    usedHeld.add(option.heldIndex);
    pairs.push(option);
  }
  return pairs.sort((a, b) => a.newIndex - b.newIndex);
}

/** Compares two names already split into parts. Both must have at least one part. */
export function compareNameParts(newParts: readonly string[], heldParts: readonly string[]): PartsComparison {
  const pairs = pairParts(newParts, heldParts);
  const slips = pairs.reduce((sum, pair) => sum + pair.slips, 0);
  const reordered = pairs.some((pair, index) => index > 0 && pair.heldIndex < pairs[index - 1]!.heldIndex);
  const shorterLength = Math.min(newParts.length, heldParts.length);
  const extraOnNew = newParts.length > heldParts.length;
  const pairedOnLonger = new Set(pairs.map((pair) => (extraOnNew ? pair.newIndex : pair.heldIndex)));
  const longer = extraOnNew ? newParts : heldParts;
  const extraParts = longer.filter((_, index) => !pairedOnLonger.has(index));
  const base = { pairs, extraOnNew, reordered, slips };
  if (pairs.length === 0) return { kind: "different", extraParts: [], ...base };
  // A single shared part (a first name alone, or one of two surnames) is never more than partial.
  if (pairs.length < shorterLength || pairs.length < 2) return { kind: "partial", extraParts: [], ...base };
  const exact = newParts.length === heldParts.length && pairs.every((pair) => pair.slips === 0 && !pair.initial);
  return { kind: exact ? "same" : "close", extraParts, ...base };
}

const KIND_RANK: Record<PartsComparison["kind"], number> = { same: 3, close: 2, partial: 1, different: 0 };

function isBetter(candidate: PartsComparison, best: PartsComparison): boolean {
  const byKind = KIND_RANK[candidate.kind] - KIND_RANK[best.kind];
  if (byKind !== 0) return byKind > 0;
  if (candidate.pairs.length !== best.pairs.length) return candidate.pairs.length > best.pairs.length;
  return candidate.slips < best.slips;
}

interface WrittenName {
  text: string;
  parts: string[];
  isOtherName: boolean;
}

function writtenNames(victim: ReferralVictim): WrittenName[] {
  const names: WrittenName[] = [];
  const main = victim.name?.trim().replace(/\s+/g, " ");
  if (main && nameParts(main).length > 0) names.push({ text: main, parts: nameParts(main), isOtherName: false });
  for (const other of otherNamesList(victim.otherNames)) {
    names.push({ text: other.replace(/\s+/g, " "), parts: nameParts(other), isOtherName: true });
  }
  return names;
}

const capitalised = (part: string) => part.charAt(0).toUpperCase() + part.slice(1);
const quoted = (parts: readonly string[]) => parts.map((part) => `'${capitalised(part)}'`).join(", ");

/**
 * Whether a part is the first name as written: the first part, or the first after a comma
 * ("Khan, Aisha"). Only for the reason's wording; matching never depends on which part is which.
 */
function isFirstName(name: WrittenName, index: number): boolean {
  const comma = name.text.indexOf(",");
  const firstIndex = comma < 0 ? 0 : nameParts(name.text.slice(0, comma)).length;
  return index === (firstIndex < name.parts.length ? firstIndex : 0);
}

function closeDetails(comparison: PartsComparison, newName: WrittenName, heldName: WrittenName): string[] {
  const details: string[] = [];
  if (comparison.reordered) details.push("in a different order");
  const misspelt = comparison.pairs.filter((pair) => pair.slips > 0 && !pair.soundsAlike);
  const [onlyMisspelt] = misspelt;
  if (misspelt.length === 1 && onlyMisspelt) {
    details.push(onlyMisspelt.slips === 1 ? "with a one-letter difference" : "with a two-letter difference");
  } else if (misspelt.length > 1) {
    details.push(`with small spelling differences in ${misspelt.length} names`);
  }
  const alike = comparison.pairs.filter((pair) => pair.soundsAlike);
  if (alike.length > 0) {
    const spellings = alike.map(
      (pair) =>
        `'${capitalised(newName.parts[pair.newIndex] ?? "")}' / '${capitalised(heldName.parts[pair.heldIndex] ?? "")}'`,
    );
    const firstNames =
      alike.length === 1 &&
      alike.every((pair) => isFirstName(newName, pair.newIndex) || isFirstName(heldName, pair.heldIndex));
    details.push(`with ${firstNames ? "first names" : "names"} that sound alike (${spellings.join(", ")})`);
  }
  if (comparison.pairs.some((pair) => pair.initial)) details.push("with a name given only as an initial");
  if (comparison.extraParts.length > 0) {
    const where = comparison.extraOnNew ? "the new referral" : "the earlier referral";
    details.push(`with ${quoted(comparison.extraParts)} only on ${where}`);
  }
  return details;
}

function reasonFor(comparison: PartsComparison, newName: WrittenName, heldName: WrittenName): string {
  const both = `'${newName.text}' / '${heldName.text}'`;
  const otherName = [
    newName.isOtherName ? " (another name given on the new referral)" : "",
    heldName.isOtherName ? " (another name given on the earlier referral)" : "",
  ].join("");
  switch (comparison.kind) {
    case "same":
      if (comparison.reordered) return `Same names in a different order: ${both}${otherName}`;
      return newName.text.toLowerCase() === heldName.text.toLowerCase()
        ? `Same name: '${heldName.text}'${otherName}`
        : `Same name, written differently: ${both}${otherName}`;
    case "close":
      return `Names match ${closeDetails(comparison, newName, heldName).join(" and ")}: ${both}${otherName}`;
    case "partial": {
      const shared = comparison.pairs.map((pair) => newName.parts[pair.newIndex] ?? "");
      return `Only part of the names match (${quoted(shared)}): ${both}${otherName}`;
    }
    case "different":
      return `Names differ: ${both}`;
  }
}

/**
 * Compares the victim's names on the new and the earlier referral, trying every name each gives
 * (main and other names) and every way of splitting them, and keeps the closest agreement.
 */
export function compareNames(newVictim: ReferralVictim, heldVictim: ReferralVictim): NameAgreement {
  const newNames = writtenNames(newVictim);
  const heldNames = writtenNames(heldVictim);
  if (newNames.length === 0 || heldNames.length === 0) {
    const reason = notComparedReason({ one: "name", many: "names" }, newNames.length === 0, heldNames.length === 0);
    return { kind: "unknown", reason, evidence: [] };
  }
  let best: { comparison: PartsComparison; newName: WrittenName; heldName: WrittenName } | null = null;
  for (const newName of newNames) {
    for (const heldName of heldNames) {
      for (const newSplit of namePartSplits(newName.parts)) {
        for (const heldSplit of namePartSplits(heldName.parts)) {
          const comparison = compareNameParts(newSplit, heldSplit);
          if (!best || isBetter(comparison, best.comparison)) {
            best = {
              comparison,
              newName: { ...newName, parts: newSplit },
              heldName: { ...heldName, parts: heldSplit },
            };
          }
        }
      }
    }
  }
  const { comparison, newName, heldName } = best!;
  const evidence = [
    newName.isOtherName ? "newReferral.victim.otherNames" : "newReferral.victim.name",
    heldName.isOtherName ? "heldReferral.victim.otherNames" : "heldReferral.victim.name",
  ];
  return { kind: comparison.kind, reason: reasonFor(comparison, newName, heldName), evidence };
}
