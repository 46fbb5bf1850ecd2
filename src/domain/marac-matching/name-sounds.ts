// Names written in Latin letters from Arabic, Urdu, Somali, Bengali, Punjabi and other languages have
// no one spelling: the same woman is Aisha on one agency's form and Ayesha on another's, Mohammed and
// Muhammad, Yusuf and Yousef. These differ in their vowels and in a silent or breathy h, which is what
// romanisation varies (the ALA-LC and the informal English romanisations of Arabic differ most in short
// vowels and long-vowel digraphs such as "ou"/"u", "ee"/"i"), while the consonants stay. The key below
// keeps the consonants, as Soundex, Metaphone and Double Metaphone do (Philips 1990, 2000), folds the
// letters those schemes treat as one sound (ph/f, ck/k, c before e, i, y/s, z/s, kh/k, q/k), drops h
// unless it makes "sh" or "ch", and collapses every run of vowels (with y and w where they sound as
// vowels) to one mark; the first vowel sound keeps its broad class. It is never enough alone:
// `namesSoundAlike` also bounds the spelling difference and refuses short names.
import { editDistance } from "./string-distance";

const VOWELS = new Set(["a", "e", "i", "o", "u"]);
const isVowel = (letter: string | undefined) => letter !== undefined && VOWELS.has(letter);
/**
 * The first vowel sound is kept by its class, as romanisations vary within a class, not across:
 * a; e, i, y (Aisha's "ai" begins with a, Ayesha's "aye" too); o, u, w (Mohammed/Muhammad, Yusuf/Yousef,
 * Omar/Umar). So Lucy and Lacey, Eve and Ava, Ella and Ollie stay apart.
 */
const VOWEL_CLASS: Record<string, string> = { a: "A", e: "I", i: "I", y: "I", o: "U", u: "U", w: "U" };
const VOWEL_MARKS = new Set(["A", "I", "U", "·"]);

/** Letter pairs that stand for one sound in English spellings of names, replaced before anything else. */
const DIGRAPHS: ReadonlyArray<readonly [RegExp, string]> = [
  [/sch/g, "X"],
  [/sh/g, "X"],
  [/ch/g, "X"],
  [/ph/g, "f"],
  [/kh/g, "k"],
  [/gh/g, "g"],
  [/th/g, "t"],
  [/dh/g, "d"],
  [/ck/g, "k"],
  [/c(?=[eiy])/g, "s"],
  [/c/g, "k"],
  [/q/g, "k"],
  [/x/g, "ks"],
  [/z/g, "s"],
];

/**
 * The sound key of one folded name part (lower-case Latin letters, as `nameParts` gives them):
 * consonants as above, doubled ones once, the first run of vowels by its class (A, I or U), every
 * later run one "·". "aisha" and "ayesha" → "AX·"; "mohammed", "muhammad", "mohamed" → "mUm·d";
 * "yusuf" and "yousef" → "yUs·f"; "anna" and "hannah" → "An·". A part with a letter outside a–z
 * (another script) has no key: these rules say nothing about it.
 */
export function nameSoundKey(part: string): string | null {
  if (!/^[a-z]+$/.test(part)) return null;
  let spelled = part;
  for (const [pattern, sound] of DIGRAPHS) spelled = spelled.replace(pattern, sound);
  const letters = Array.from(spelled);
  const sounds: string[] = [];
  let firstVowelSeen = false;
  letters.forEach((letter, index) => {
    const before = letters[index - 1];
    const after = letters[index + 1];
    // A silent or breathy h (Hannah, Mohammed, Sarah) is what romanisations add or drop.
    if (letter === "h") return;
    // y and w after a vowel or before a consonant are vowel sounds (Ayesha, Lynn); starting a syllable
    // (Yusuf, William) they are consonants.
    const vowelLike = isVowel(letter) || ((letter === "y" || letter === "w") && (isVowel(before) || !isVowel(after)));
    const last = sounds[sounds.length - 1];
    if (!vowelLike) {
      if (letter !== last) sounds.push(letter);
      return;
    }
    if (last !== undefined && VOWEL_MARKS.has(last)) return;
    sounds.push(firstVowelSeen ? "·" : (VOWEL_CLASS[letter] ?? "·"));
    firstVowelSeen = true;
  });
  return sounds.join("");
}

/**
 * Two name parts sound alike: both are at least 4 letters (under 4 one sound is a different name:
 * Tom/Tim, Ali/Aly would pass a key but so would Ian/Ann), their sound keys are the same, and their
 * spellings differ by at most one edit more than `slipsAllowed` for the longer part (Aisha/Ayesha and
 * Yusuf/Yousef are two edits apart; a name three edits from another is a different name however alike
 * it sounds).
 */
export function namesSoundAlike(left: string, right: string, slipsAllowed: number): boolean {
  if (left === right) return false;
  if (Array.from(left).length < 4 || Array.from(right).length < 4) return false;
  const leftKey = nameSoundKey(left);
  if (leftKey === null || leftKey !== nameSoundKey(right)) return false;
  // Swaps of neighbouring letters count as two: they are typing slips, not another romanisation, and a
  // swap hidden by a dropped h ("Smyht" for "Smith") must not pass as a sound.
  return editDistance(left, right, slipsAllowed + 1, false) <= slipsAllowed + 1;
}
