// Splits one line of the pack into runs to draw one after another, left to right: each run in one
// script (so one font) and one direction. The PDF has no text layout of its own, so the order a line's
// pieces appear in, and which of them run right to left, is decided here: the Unicode bidirectional
// algorithm (UAX #9) for a left-to-right paragraph (the pack is in English) without explicit
// embeddings, enough for names, addresses and notes typed in Arabic script among English text.
// Pure: no fonts, no PDF; which font can draw what is asked through `covers`.

/** Scripts drawn with their own shaping font: letters join or reorder, so they need OpenType layout. */
export type ShapedScript = "arabic" | "bengali" | "gurmukhi";

export const SHAPED_SCRIPTS: readonly ShapedScript[] = ["arabic", "bengali", "gurmukhi"];

const SCRIPT_PATTERNS: Record<ShapedScript, RegExp> = {
  arabic: /\p{Script=Arabic}/u,
  bengali: /\p{Script=Bengali}/u,
  gurmukhi: /\p{Script=Gurmukhi}/u,
};

/** The shaped script a character belongs to by its own Unicode script (Common and Inherited have none). */
export function shapedScriptOf(character: string): ShapedScript | undefined {
  return SHAPED_SCRIPTS.find((script) => SCRIPT_PATTERNS[script].test(character));
}

const SHAPED_OR_RIGHT_TO_LEFT = new RegExp(
  [...Object.values(SCRIPT_PATTERNS).map((pattern) => pattern.source), "\\u200f"].join("|"),
  "u",
);

/** Whether a line has anything for runs to do: a shaped script or a right-to-left mark. */
export function needsTextRuns(line: string): boolean {
  return SHAPED_OR_RIGHT_TO_LEFT.test(line);
}

/** Which shaped scripts appear in a text: the fonts a PDF of it needs. */
export function shapedScriptsIn(text: string): Set<ShapedScript> {
  const found = new Set<ShapedScript>();
  for (const script of SHAPED_SCRIPTS) if (SCRIPT_PATTERNS[script].test(text)) found.add(script);
  return found;
}

/** One piece of a line: `text` is in the order typed; `rightToLeft` says it is displayed reversed. */
export interface TextRun {
  text: string;
  /** The shaping font to draw it with, or undefined for the pack's ordinary font. */
  script: ShapedScript | undefined;
  rightToLeft: boolean;
}

/** Whether the font of `script` has a glyph for `character`. */
export type ScriptCovers = (script: ShapedScript, character: string) => boolean;

// Bidirectional character types (UAX #9 table 4), as far as a line of a pack needs them.
type BidiType = "L" | "R" | "AL" | "EN" | "ES" | "ET" | "AN" | "CS" | "NSM" | "BN" | "WS" | "ON";

const ARABIC_INDIC_DIGIT = /[\u0660-\u0669\u066b\u066c\u0600-\u0605\u06dd\u08e2]/u;
const EXTENDED_ARABIC_INDIC_DIGIT = /[\u06f0-\u06f9]/u;
const RIGHT_TO_LEFT_LETTER = /[\p{Script=Hebrew}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const ARABIC_LETTER = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Hanifi_Rohingya}\u061c]/u;
const EUROPEAN_TERMINATOR = /[#$%\u00b0\u00b1\u2030-\u2034\u066a\p{Sc}]/u;
const COMMON_SEPARATOR = /[,./:\u00a0\u060c\u202f\u2044\ufe50\ufe52\ufe55]/u;
// Zero-width joiners and the explicit direction marks and embeddings, which this layout does not honour
// beyond LRM and RLM: kept in the text, given no direction of their own.
const BOUNDARY_NEUTRAL = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]/u;

function bidiType(character: string): BidiType {
  if (character === "\u200e") return "L";
  if (character === "\u200f") return "R";
  if (BOUNDARY_NEUTRAL.test(character)) return "BN";
  if (/[\p{Mn}\p{Me}]/u.test(character)) return "NSM";
  if (/[0-9\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\uff10-\uff19]/u.test(character)) return "EN";
  if (EXTENDED_ARABIC_INDIC_DIGIT.test(character)) return "EN";
  if (ARABIC_INDIC_DIGIT.test(character)) return "AN";
  if (ARABIC_LETTER.test(character)) return "AL";
  if (RIGHT_TO_LEFT_LETTER.test(character)) return "R";
  if (character === "+" || character === "-" || character === "\u2212") return "ES";
  if (EUROPEAN_TERMINATOR.test(character)) return "ET";
  if (COMMON_SEPARATOR.test(character)) return "CS";
  if (/\s/u.test(character)) return "WS";
  if (/[\p{L}\p{Mc}\p{N}]/u.test(character)) return "L";
  return "ON";
}

const isStrong = (type: BidiType) => type === "L" || type === "R" || type === "AL";

/** The direction a resolved type gives its neutral neighbours: numbers count as right to left. */
function strongDirection(type: BidiType): "L" | "R" | undefined {
  if (type === "L") return "L";
  if (type === "R" || type === "EN" || type === "AN") return "R";
  return undefined;
}

const OPENING_BRACKETS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * N0: a pair of brackets takes the direction of what it encloses when that is right to left and so is
 * the text before it, so "فاطمة (أم علي)" keeps both its brackets with the Arabic.
 */
function resolveBracketPairs(characters: readonly string[], types: BidiType[]): void {
  const open: { index: number; closing: string }[] = [];
  const pairs: [number, number][] = [];
  characters.forEach((character, index) => {
    if (types[index] !== "ON") return;
    const closing = OPENING_BRACKETS[character];
    if (closing !== undefined) open.push({ index, closing });
    else {
      const match = open.map((bracket) => bracket.closing).lastIndexOf(character);
      if (match >= 0) pairs.push([open[match]!.index, index]);
      if (match >= 0) open.length = match;
    }
  });
  pairs.sort((a, b) => a[0] - b[0]);
  for (const [start, end] of pairs) {
    const inside = types.slice(start + 1, end).map(strongDirection);
    if (inside.includes("L") || !inside.includes("R")) continue;
    let before: "L" | "R" = "L";
    for (let index = start - 1; index >= 0; index -= 1) {
      const direction = strongDirection(types[index]!);
      if (direction !== undefined) {
        before = direction;
        break;
      }
    }
    if (before === "R") types[start] = types[end] = "R";
  }
}

/**
 * Each character's embedding level in a left-to-right line (0 left to right, 1 right to left, 2 a
 * number inside right-to-left text): rules W1–W7, N1–N2, I1 and L1 of UAX #9.
 */
export function bidiLevels(characters: readonly string[]): number[] {
  const types = characters.map(bidiType);
  const count = types.length;
  // W1: a mark (and a joiner) takes the type of what it follows.
  for (let index = 0; index < count; index += 1) {
    if (types[index] === "NSM" || types[index] === "BN") types[index] = index === 0 ? "ON" : types[index - 1]!;
  }
  // W2, W3: a European number after Arabic letters is an Arabic number; Arabic letters are then R.
  let lastStrong: BidiType = "L";
  for (let index = 0; index < count; index += 1) {
    const type = types[index]!;
    if (isStrong(type)) lastStrong = type;
    else if (type === "EN" && lastStrong === "AL") types[index] = "AN";
  }
  for (let index = 0; index < count; index += 1) if (types[index] === "AL") types[index] = "R";
  // W4: one separator between two numbers of the same kind joins them.
  for (let index = 1; index < count - 1; index += 1) {
    const [before, type, after] = [types[index - 1]!, types[index]!, types[index + 1]!];
    if (type === "ES" && before === "EN" && after === "EN") types[index] = "EN";
    else if (type === "CS" && (before === "EN" || before === "AN") && after === before) types[index] = before;
  }
  // W5: currency and percent signs next to a European number belong to it.
  for (let index = 0; index < count; index += 1) {
    if (types[index] !== "ET") continue;
    let end = index;
    while (end < count && types[end] === "ET") end += 1;
    if (types[index - 1] === "EN" || types[end] === "EN") for (let at = index; at < end; at += 1) types[at] = "EN";
    index = end - 1;
  }
  // W6: remaining separators and terminators are neutral.
  for (let index = 0; index < count; index += 1) {
    const type = types[index]!;
    if (type === "ES" || type === "ET" || type === "CS") types[index] = "ON";
  }
  // W7: a European number in left-to-right context is left to right.
  lastStrong = "L";
  for (let index = 0; index < count; index += 1) {
    const type = types[index]!;
    if (type === "L" || type === "R") lastStrong = type;
    else if (type === "EN" && lastStrong === "L") types[index] = "L";
  }
  resolveBracketPairs(characters, types);
  // N1, N2: neutrals between text of one direction take it (numbers count as right to left); others
  // take the paragraph's, left to right.
  for (let index = 0; index < count; index += 1) {
    if (strongDirection(types[index]!) !== undefined) continue;
    let end = index;
    while (end < count && strongDirection(types[end]!) === undefined) end += 1;
    const before = index === 0 ? "L" : strongDirection(types[index - 1]!);
    const after = end === count ? "L" : strongDirection(types[end]!);
    const resolved = before === after ? before! : "L";
    for (let at = index; at < end; at += 1) types[at] = resolved;
    index = end - 1;
  }
  // I1, then L1: trailing white space goes back to the paragraph's level.
  const levels = types.map((type) => (type === "R" ? 1 : type === "AN" || type === "EN" ? 2 : 0));
  for (let index = count - 1; index >= 0 && /\s|[\u200b-\u200d]/u.test(characters[index]!); index -= 1)
    levels[index] = 0;
  return levels;
}

// Bidi_Mirrored pairs a name is likely to hold; drawn right to left, "(" shows as ")".
const MIRRORED: Record<string, string> = {
  "(": ")",
  ")": "(",
  "[": "]",
  "]": "[",
  "{": "}",
  "}": "{",
  "<": ">",
  ">": "<",
  "«": "»",
  "»": "«",
  "‹": "›",
  "›": "‹",
};

/** The characters to show for text displayed right to left: brackets face the other way (rule L4). */
export function mirrorForRightToLeft(text: string): string {
  return [...text].map((character) => MIRRORED[character] ?? character).join("");
}

/**
 * Which font each character is drawn with: its own script's, if that font has it; a mark, joiner,
 * space or punctuation goes with the character before it at the same level (else the one after it)
 * when that font has it, so a name stays one run with its spaces and vowel signs; anything else uses
 * the pack's ordinary font.
 */
function scriptsFor(
  characters: readonly string[],
  levels: readonly number[],
  covers: ScriptCovers,
): (ShapedScript | undefined)[] {
  const own = characters.map(shapedScriptOf);
  const result = own.map((script, index) =>
    script !== undefined && covers(script, characters[index]!) ? script : undefined,
  );
  const joinsNeighbour = (index: number) => own[index] === undefined && !/[\p{L}\p{N}]/u.test(characters[index]!);
  for (let index = 0; index < characters.length; index += 1) {
    if (!joinsNeighbour(index)) continue;
    const character = characters[index]!;
    if (index > 0 && levels[index - 1] === levels[index]) {
      const before = result[index - 1];
      if (before === undefined || covers(before, character)) {
        result[index] = before;
        continue;
      }
    }
    let next = index + 1;
    while (next < characters.length && joinsNeighbour(next)) next += 1;
    const after = levels[next] === levels[index] ? result[next] : undefined;
    if (after !== undefined && covers(after, character)) result[index] = after;
  }
  return result;
}

/**
 * The line as runs in display order, left to right. Each run's text is in the order typed (a run
 * displayed right to left is reversed when drawn, by the shaper for a shaping font).
 */
export function textRuns(line: string, covers: ScriptCovers = () => true): TextRun[] {
  const characters = [...line];
  if (characters.length === 0) return [];
  const levels = bidiLevels(characters);
  const scripts = scriptsFor(characters, levels, covers);
  // Logical runs: the longest stretches of one level and one font.
  const runs: { text: string; script: ShapedScript | undefined; level: number }[] = [];
  characters.forEach((character, index) => {
    const last = runs.at(-1);
    if (last !== undefined && last.level === levels[index] && last.script === scripts[index]) last.text += character;
    else runs.push({ text: character, script: scripts[index], level: levels[index]! });
  });
  // L2: from the highest level down to 1, reverse every stretch of runs at that level or higher.
  const highest = Math.max(...runs.map((run) => run.level));
  for (let level = highest; level >= 1; level -= 1) {
    for (let start = 0; start < runs.length; start += 1) {
      if (runs[start]!.level < level) continue;
      let end = start;
      while (end < runs.length && runs[end]!.level >= level) end += 1;
      runs.splice(start, end - start, ...runs.slice(start, end).reverse());
      start = end;
    }
  }
  return runs.map(({ text, script, level }) => ({ text, script, rightToLeft: level % 2 === 1 }));
}
