// The fields issue 18 added, as the packs show them: in the right section, in plain English, and
// the sensitive ones (GP, who is and is not safe to talk to, who she fears) withheld when ticked.
import { describe, expect, it } from "vitest";
import { setNonDisclosure, type CaseDetails } from "../../case-record/case-details";
import { buildMaracPack } from "../build-marac-pack";
import { buildS42Pack } from "../build-s42-pack";
import { packPlainText, WITHHELD_MARKER, type PackCopy, type ReferralPackDocument } from "../pack-document";
import { fullDetails, fullScenario, PREPARED_AT } from "./pack-fixtures";

const marac = fullScenario();
const s42 = fullScenario("09-s42-three-tests-met.json");

const maracPack = (details: CaseDetails, copy: PackCopy = "referrer") =>
  buildMaracPack(details, marac.caseFile, marac.outcome, { copy, preparedAt: PREPARED_AT });
const s42Pack = (details: CaseDetails, copy: PackCopy = "referrer") =>
  buildS42Pack(details, s42.caseFile, s42.outcome, { copy, preparedAt: PREPARED_AT });

function valueIn(pack: ReferralPackDocument, sectionId: string, label: string): string | undefined {
  const entry = pack.sections.find((section) => section.id === sectionId)?.rows.find((row) => row.label === label);
  if (entry === undefined) throw new Error(`no row "${label}" in ${sectionId}`);
  return entry.value ?? entry.list?.map((listItem) => listItem.text).join(" | ");
}

describe("each new field in its section", () => {
  const pack = maracPack(fullDetails());

  it("MARAC: who she fears and who is safe to talk to, together", () => {
    expect(
      valueIn(
        pack,
        "threats",
        "Who the victim is afraid of (every potential threat, not only the person causing harm)",
      ),
    ).toBe("Sam Example (ex-partner): Has threatened to kill her | Lee Example (his brother): Drives past the house");
    expect(valueIn(pack, "threats", "Who the victim believes it is safe to talk to")).toBe(
      "Her sister Jo; the health visitor",
    );
    expect(valueIn(pack, "threats", "Who the victim believes it is not safe to talk to")).toBe(
      "His mother, who tells him everything",
    );
  });

  it("MARAC: earlier MARACs with the area, beside the criteria", () => {
    expect(valueIn(pack, "marac-criteria", "Referred to a MARAC before, here or in another area")).toBe("Yes");
    expect(valueIn(pack, "marac-criteria", "Earlier MARAC: which area's MARAC")).toBe("Lowtown MARAC");
    expect(valueIn(pack, "marac-criteria", "Earlier MARAC: date")).toBe("2023-05-10");
  });

  it("MARAC: awareness beside consent, police references in their own section, GP with the victim", () => {
    expect(valueIn(pack, "consent", "Is the victim aware of the referral")).toBe("Yes");
    expect(valueIn(pack, "police", "Crime reference numbers")).toBe("CR/12345/24");
    expect(valueIn(pack, "police", "Officer in charge")).toBe("DC Patel");
    expect(valueIn(pack, "police", "Does the victim want to speak to the police about offences disclosed here")).toBe(
      "Yes",
    );
    expect(valueIn(pack, "victim", "GP practice")).toBe("Hill Surgery, 3 Market Street, Townsville");
  });

  it("'not known' shows its reason; 'not aware' shows why not", () => {
    const full = fullDetails();
    const details: CaseDetails = {
      ...full,
      consent: { status: "not-sought", victimAware: "no", whyNotAware: "He reads her phone" },
      victim: { ...full.victim, afraidOf: { answer: "not-known", notKnownReason: "Not safe to ask yet" } },
      previousMarac: { referredBefore: "not-known", notKnownReason: "Moved here last year" },
    };
    const changed = maracPack(details);
    expect(valueIn(changed, "consent", "Is the victim aware of the referral")).toBe("No");
    expect(valueIn(changed, "consent", "Why the victim is not aware of the referral")).toBe("He reads her phone");
    expect(
      valueIn(
        changed,
        "threats",
        "Who the victim is afraid of (every potential threat, not only the person causing harm)",
      ),
    ).toBe("Not known: Not safe to ask yet");
    expect(valueIn(changed, "marac-criteria", "Referred to a MARAC before, here or in another area")).toBe(
      "Not known: Moved here last year",
    );
  });

  it("s42: whether the adult knows of the concern, and who else is at risk", () => {
    const full = fullDetails();
    const adult = s42Pack({
      ...full,
      consent: { ...full.consent, victimAware: "no", whyNotAware: "Lacks a safe time" },
    });
    expect(valueIn(adult, "consent", "Does the adult know about this concern")).toBe("No");
    expect(valueIn(adult, "consent", "Why the adult does not know about this concern")).toBe("Lacks a safe time");
    expect(valueIn(adult, "others-at-risk", "Is anyone else at risk (children or other adults)")).toBe("Yes");
    expect(valueIn(adult, "others-at-risk", "Who else is at risk")).toBe("Robin, who lives with her");
    expect(valueIn(adult, "others-at-risk", "Children named in this referral")).toBe(
      'One child: see "Children and dependants"',
    );
  });

  it("shows labels and values in plain English: no field paths, ids or codes", () => {
    for (const document of [pack, s42Pack(fullDetails())]) {
      for (const section of document.sections) {
        for (const entry of section.rows) {
          expect(entry.label).not.toMatch(/details\.|context\.|outcome\.|[a-z][A-Z]|not-known|no-one/);
          if (section.id === "answers") continue; // question wording, checked elsewhere
          const text = entry.value ?? entry.list?.map((listItem) => listItem.text).join(" ") ?? "";
          expect(text).not.toMatch(/details\.|outcome\.|not-known|no-one/);
        }
      }
    }
  });
});

describe("redaction of the new sensitive fields", () => {
  const SENSITIVE = {
    "victim.gpPractice": "Hill Surgery",
    "victim.safeToTalkTo": "Her sister Jo",
    "victim.notSafeToTalkTo": "His mother",
    "victim.afraidOf": "Lee Example",
  } as const;

  it.each(Object.entries(SENSITIVE))(
    "%s ticked never to share: withheld from both packs' shared copies",
    (path, text) => {
      const details = setNonDisclosure(fullDetails(), path, true);
      for (const build of [maracPack, s42Pack]) {
        const referrer = build(details, "referrer");
        const shareable = build(details, "shareable");
        if (!packPlainText(referrer).includes(text)) continue; // the s42 pack does not ask who she fears
        expect(referrer.withheldCount).toBeGreaterThan(0);
        expect(packPlainText(shareable)).not.toContain(text);
        expect(packPlainText(shareable)).toContain(WITHHELD_MARKER);
      }
    },
  );

  it("withholding who she fears hides every person listed, and nothing else of the section", () => {
    const shareable = maracPack(setNonDisclosure(fullDetails(), "victim.afraidOf", true), "shareable");
    const threats = shareable.sections.find((section) => section.id === "threats")!;
    expect(threats.rows[0]).toMatchObject({ value: WITHHELD_MARKER, withheld: true });
    expect(threats.rows[1]?.value).toBe("Her sister Jo; the health visitor");
  });

  it("an older record without the new fields builds both packs, saying 'Not recorded'", () => {
    const { previousMarac: _p, police: _q, othersAtRisk: _o, ...older } = fullDetails();
    const { afraidOf: _a, gpPractice: _g, safeToTalkTo: _s, notSafeToTalkTo: _n, ...victim } = older.victim;
    const pack = maracPack({ ...older, victim, consent: { status: "given" } });
    expect(valueIn(pack, "consent", "Is the victim aware of the referral")).toBe("Not recorded");
    expect(valueIn(pack, "police", "Crime reference numbers")).toBe("Not recorded");
    expect(valueIn(pack, "victim", "GP practice")).toBe("Not recorded");
  });
});
