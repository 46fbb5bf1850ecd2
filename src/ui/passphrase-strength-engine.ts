// The heavy half of the passphrase checks: zxcvbn-ts with its common-password and English
// dictionaries (about 1 MB). Loaded only through loadStrengthEngine() in passphrase-strength.ts, so it
// is a separate chunk fetched by the screens that set a passphrase, never part of the first load.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import type { StrengthEngine } from "./passphrase-strength-types";

/**
 * Words of the suggestion list that read badly on a domestic-abuse service's screen (violence,
 * control, captivity, relationships, grief) or that could upset the person reading them.
 */
export const UNSUITABLE_WORDS: ReadonlySet<string> = new Set(
  (
    "anger arson ashamed backlash backstab bash browbeat bruising buckshot bully bullwhip cage casket catfight " +
    "chain coerce control crushed crusher crushing cruelly cruelty danger degraded divorcee dreaded dreadful " +
    "dropkick drown endanger enrage enslave entomb entrap evil fool flinch flirt frighten gore gory grief grope " +
    "handgun hate headlock husband hurt imprison isolated jailbird jailer kick kisser kissing lash married " +
    "mourner mournful obsessed outrage overkill padlock panic penknife poison police pregnant prison punch " +
    "punisher rage ribcage scared scarily scary scolding shame shout slain slapping slashed slashing smother " +
    "sneer spouse strangle stranger threaten trapped unchain undead unloved unwed widow wife wound yelling"
  ).split(" "),
);

/** The EFF's long diceware list (shipped by zxcvbn-ts), words of 4 to 8 letters, less the unsuitable ones. */
export const SUGGESTION_WORDS: readonly string[] = commonDictionary["diceware-common"].filter(
  (word) => /^[a-z]{4,8}$/.test(word) && !UNSUITABLE_WORDS.has(word),
);

const zxcvbn = new ZxcvbnFactory({
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
});

export const engine: StrengthEngine = {
  check(passphrase, userInputs = []) {
    const { score, feedback } = zxcvbn.check(passphrase, [...userInputs]);
    return { score, warning: feedback.warning, suggestions: feedback.suggestions };
  },
  words: SUGGESTION_WORDS,
};
