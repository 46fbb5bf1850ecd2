import { describe, expect, it } from "vitest";
import { BLAMING_PHRASES, findVictimBlamingLanguage } from "../victim-blaming-language";

const find = (text: string, exploitationRecorded = false) =>
  findVictimBlamingLanguage([{ path: "notes", text }], { exploitationRecorded }).map((hit) => hit.found);

describe("victim-blaming language", () => {
  it("finds each phrase, ignoring case", () => {
    expect(find("It is a LIFESTYLE CHOICE")).toEqual(["LIFESTYLE CHOICE"]);
    expect(find("chaotic lifestyle, chaotic")).toEqual(["chaotic lifestyle", "chaotic"]);
    expect(find("non-engager; non engaging; failed to engage")).toEqual([
      "non-engager",
      "non engaging",
      "failed to engage",
    ]);
    expect(find("an unwise decision")).toEqual(["unwise decision"]);
    expect(find("Erratic at interview")).toEqual(["Erratic"]);
  });

  it("matches whole words only", () => {
    expect(find("chaotically unchaotic")).toEqual([]);
    expect(find("nonengagers")).toEqual(["nonengagers"]);
    expect(find("lifestyle choices")).toEqual(["lifestyle choices"]);
    expect(find("lifestylechoice")).toEqual([]);
  });

  it("flags 'sex worker' and 'prostitute' only where exploitation is recorded", () => {
    expect(find("a sex worker", false)).toEqual([]);
    expect(find("a sex worker, called a prostitute", true)).toEqual(["sex worker", "prostitute"]);
  });

  it("gives every phrase a suggestion and a reason, and reports where each hit is", () => {
    for (const phrase of BLAMING_PHRASES) {
      expect(phrase.suggestion.length).toBeGreaterThan(10);
      expect(phrase.why.length).toBeGreaterThan(10);
    }
    const [hit] = findVictimBlamingLanguage([{ path: "actionsTaken", text: "Seen. Chaotic." }], {
      exploitationRecorded: false,
    });
    expect(hit).toMatchObject({ path: "actionsTaken", index: 6, phraseId: "chaotic" });
  });
});
