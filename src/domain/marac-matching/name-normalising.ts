// Names as referrers write them differ in ways that say nothing about the person: case, accents,
// apostrophes, hyphens, extra spaces, titles, which name comes first. These are removed before any
// comparison, so "O'BRIEN-SMITH,  Zoë" and "zoe obrien smith" give the same parts.

// Letters that Unicode decomposition does not reduce to a base letter plus accent.
const FOLDED_LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

/** Titles carry no identity, and only some referrers write them. */
const TITLES = new Set(["mr", "mrs", "miss", "ms", "mx", "dr"]);

/** Apostrophes of every kind join what they separate: O'Brien is written OBrien and O'Brien alike. */
const APOSTROPHES = /['’‘`ʼ]/g;

/** The parts of a name, folded to lower-case letters without accents, titles dropped, in written order. */
export function nameParts(name: string): string[] {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(APOSTROPHES, "")
    // Hyphens, dots, commas and any other non-letter separate parts: "Smith-Jones" is "Smith Jones".
    .replace(/[^\p{L}\p{N}]+/gu, " ");
  return folded.split(" ").filter((part) => part !== "" && !TITLES.has(part));
}

/** Other names as a list: the form's free text, split at commas, semicolons, slashes and new lines. */
export function otherNamesList(otherNames: string | undefined): string[] {
  if (otherNames === undefined) return [];
  return otherNames
    .split(/[,;/\n]+/)
    .map((name) => name.trim())
    .filter((name) => nameParts(name).length > 0);
}

/**
 * The ways a name may have been split: as written, and with each pair of neighbouring parts joined
 * ("Mc Donald" and "McDonald", "Abdul Rahman" and "Abdulrahman"), so a space is not a difference.
 */
export function namePartSplits(parts: readonly string[]): string[][] {
  const splits = [[...parts]];
  for (let index = 0; index + 1 < parts.length; index++) {
    splits.push([...parts.slice(0, index), parts[index]! + parts[index + 1]!, ...parts.slice(index + 2)]);
  }
  return splits;
}
