// Phrases that serious case and domestic homicide reviews keep finding in referrals: words that
// place the responsibility for abuse or exploitation on the victim, or close a door on them. Each
// has a better phrasing to suggest. Matching is on whole words, ignoring case, so "chaotically"
// or "unchaotic" are not hits but "Chaotic" is. The wording of the suggestions is this project's
// own (docs/decisions.md, "Manager review decisions").

export interface BlamingPhrase {
  id: string;
  /** What the reviewer sees quoted back, e.g. "lifestyle choice". */
  label: string;
  /** Whole-word pattern (no flags: the matcher adds "gi"). */
  pattern: string;
  suggestion: string;
  why: string;
  /** Only a problem when exploitation is recorded (e.g. "sex worker" for an exploited person). */
  onlyWhereExploitationRecorded?: boolean;
}

export const BLAMING_PHRASES: readonly BlamingPhrase[] = [
  {
    id: "lifestyle-choice",
    label: "lifestyle choice",
    pattern: "lifestyle\\s+choices?",
    suggestion:
      "Describe what is happening to them and the pressures on them (for example dependency, coercion, fear, no safe housing).",
    why: "Calling abuse or exploitation a choice moves responsibility onto the victim and lowers the response.",
  },
  {
    id: "chaotic",
    label: "chaotic",
    pattern: "chaotic(?:\\s+lifestyle)?",
    suggestion:
      "Name the specific circumstances instead (for example unstable housing, substance dependency, trauma, moving between addresses).",
    why: '"Chaotic" hides the risks a reader needs to know about and suggests the victim is the problem.',
  },
  {
    id: "non-engager",
    label: "non-engager",
    pattern: "non[-\\s]?engag(?:er|ers|ing)|(?:failed|refused|refuses|fails)\\s+to\\s+engage",
    suggestion:
      'Say what contact was attempted, how, and what may be stopping them (for example fear, no safe phone, cost of travel), e.g. "has not yet been reached; attempts so far: …".',
    why: "Labelling someone a non-engager puts the gap on them rather than on how the service reaches them, and often precedes closing the case.",
  },
  {
    id: "sex-worker",
    label: "sex worker",
    pattern: "sex\\s+workers?|prostitutes?",
    suggestion:
      '"Person being sexually exploited" (say by whom and how, e.g. sex in exchange for accommodation or drugs).',
    why: "Where exploitation is recorded, this describes the harm as a job the victim chose, so it is not treated as abuse.",
    onlyWhereExploitationRecorded: true,
  },
  {
    id: "unwise-decision",
    label: "unwise decision",
    pattern: "unwise\\s+decisions?",
    suggestion: "Record the decision, whether it may be made under coercion or fear, and what was done about that.",
    why: "Capacity to make a decision is not the same as being able to protect oneself from abuse.",
  },
  {
    id: "erratic",
    label: "erratic",
    pattern: "erratic(?:ally)?",
    suggestion: "Describe what was seen or said, and when.",
    why: "A label instead of an observation gives the reader nothing to act on and can undermine the victim's account.",
  },
];

export interface FreeTextField {
  /** Where the text is, e.g. "details.notes" or "answers.dash.injury.detail". */
  path: string;
  text: string;
}

export interface BlamingLanguageHit {
  phraseId: string;
  /** The words exactly as written. */
  found: string;
  path: string;
  /** The position within that field's text. */
  index: number;
  suggestion: string;
  why: string;
}

/** Every hit in every field, in field order then position. */
export function findVictimBlamingLanguage(
  fields: readonly FreeTextField[],
  options: { exploitationRecorded: boolean },
): BlamingLanguageHit[] {
  const hits: BlamingLanguageHit[] = [];
  for (const field of fields) {
    const fieldHits: BlamingLanguageHit[] = [];
    for (const phrase of BLAMING_PHRASES) {
      if (phrase.onlyWhereExploitationRecorded && !options.exploitationRecorded) continue;
      // Word boundaries written with look-arounds so a hyphenated phrase ("non-engager") still matches whole.
      const matcher = new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrase.pattern})(?![\\p{L}\\p{N}])`, "giu");
      for (const match of field.text.matchAll(matcher)) {
        fieldHits.push({
          phraseId: phrase.id,
          found: match[0],
          path: field.path,
          index: match.index,
          suggestion: phrase.suggestion,
          why: phrase.why,
        });
      }
    }
    hits.push(...fieldHits.sort((a, b) => a.index - b.index));
  }
  return hits;
}
