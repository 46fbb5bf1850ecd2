// @vitest-environment node
// The acid test for "encrypted at rest": a distinctive name saved in every
// kind of record must not appear anywhere in a raw dump of the database,
// not even hidden inside base64, nor in an exported file.
import { describe, expect, it } from "vitest";
import { exportVault } from "../backup-export";
import { fromBase64, isBase64 } from "../bytes";
import {
  TestClock,
  TEST_ITERATIONS,
  collectStrings,
  createUnlockedProfile,
  dumpAllStores,
  freshVault,
} from "../../testing/test-vault";

const NAME = "Zebedee Quartermaine";
const NEEDLES = ["zebedee", "quartermaine"];

function leaks(text: string): boolean {
  const lower = text.toLowerCase();
  return NEEDLES.some((needle) => lower.includes(needle));
}

/** Every string, plus the UTF-8 decoding of every base64 string (in case something was encoded but not encrypted). */
function everyReadableForm(value: unknown): string[] {
  const strings = collectStrings(value);
  const decoded = strings
    .filter((text) => text.length >= 8 && isBase64(text))
    .map((text) => new TextDecoder("utf-8", { fatal: false }).decode(fromBase64(text)));
  return [...strings, ...decoded];
}

describe("no plaintext at rest", () => {
  it(`"${NAME}" never appears in clear in any store or export`, async () => {
    const { vault, db } = freshVault({ clock: new TestClock() });
    const { session } = await createUnlockedProfile(vault);

    const created = await session.saveCase({ details: { victim: { name: NAME }, notes: `${NAME} called at 10am` } });
    await session.saveCase({ id: created.id, details: { victim: { name: NAME, alias: "Zeb" } } });
    const draft = await session.saveAssessmentDraft({
      caseId: created.id,
      questionSetId: "dash-ric",
      questionSetVersion: "1",
      policyName: "marac",
      policyVersion: "1",
      content: { q1: { answer: "yes", note: `${NAME} is frightened` } },
    });
    await session.completeAssessment({
      id: draft.id,
      content: { q1: { answer: "yes", note: `${NAME} is frightened` } },
      outcome: { summary: `High risk to ${NAME}` },
      riskLevel: "high",
    });
    await session.savePack({ caseId: created.id, kind: "marac", status: "ready", content: { letter: `Re: ${NAME}` } });
    await session.setSetting("last-search", NAME, { sensitive: true });
    await session.getCase(created.id);
    await session.recordAudit("share-pack", { caseId: created.id, detail: "marac pack" });
    const backup = await exportVault(session, { passphrase: "export passphrase", iterations: TEST_ITERATIONS });
    const caseExport = await exportVault(session, {
      passphrase: "export passphrase",
      caseIds: [created.id],
      iterations: TEST_ITERATIONS,
    });

    const dump = await dumpAllStores(db);
    // Sanity: the dump really contains the records.
    expect(dump.cases).toHaveLength(1);
    expect(dump.assessments).toHaveLength(1);
    expect(dump.packs).toHaveLength(1);
    expect(dump.settings).toHaveLength(2); // the setting and the sealed clear-metadata index
    expect((dump.audit ?? []).length).toBeGreaterThan(3);

    expect(leaks(JSON.stringify(dump))).toBe(false);
    expect(everyReadableForm(dump).filter(leaks)).toEqual([]);
    expect(everyReadableForm(JSON.parse(backup.text)).filter(leaks)).toEqual([]);
    expect(everyReadableForm(JSON.parse(caseExport.text)).filter(leaks)).toEqual([]);
    expect(leaks(backup.fileName) || leaks(caseExport.fileName)).toBe(false);

    // …and yet it is all there for the unlocked practitioner.
    expect((await session.getCase(created.id)).details).toMatchObject({ victim: { name: NAME } });
  });
});
