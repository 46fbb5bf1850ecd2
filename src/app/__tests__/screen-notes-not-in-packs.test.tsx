// The "not safe to ask" notes are kept with the completed assessment, but a referral pack (a copy
// shared more widely) is built from the case file and outcome only: a note about how to reach the
// person safely must never travel in it.
import { assessCase } from "../../domain/assess";
import { validateCaseFile } from "../../domain/case-file";
import { buildPack, packsCalledFor } from "../../domain/referral-pack/build-pack";
import {
  emptyDraft,
  screenNotesOf,
  toCaseFile,
  type AssessmentDraft,
} from "../../features/assessment/assessment-draft";
import { seedDraft, sessionWithCase } from "../../features/assessment/__tests__/assessment-fixtures";
import { loadPackInputs } from "../../features/referral-pack/load-pack-inputs";
import { PACK_COPIES } from "../../domain/referral-pack/pack-document";

describe("notes kept with a completed assessment", () => {
  it("never reach a referral pack", async () => {
    const { session, caseId } = await sessionWithCase();
    const draft: AssessmentDraft = {
      ...emptyDraft(caseId),
      assessor: { role: "police" },
      safeToAsk: "no",
      observedOnly: true,
      notSafeReason: "Partner answered the door",
      safetyNote: "Text only on the work phone",
      returnOn: "2026-12-01",
      returnHow: "Ring the sister first",
      answers: { "dash.strangulation": { answer: "yes", source: "observed" } },
    };
    const id = await seedDraft(session, caseId, draft);
    const validation = validateCaseFile(toCaseFile(draft, new Date("2026-11-20T10:00:00Z")));
    if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
    const outcome = assessCase(validation.caseFile);
    const notes = screenNotesOf(draft);
    expect(notes).toBeDefined();
    await session.completeAssessment({
      id,
      content: validation.caseFile,
      outcome,
      riskLevel: outcome.riskLevel,
      notes,
    });
    expect((await session.getAssessment(id)).notes).toEqual(notes);

    const loaded = await loadPackInputs(session, caseId);
    if (!loaded.ok) throw new Error(loaded.reason);
    const kinds = packsCalledFor(loaded.inputs.outcome).map((offer) => offer.kind);
    expect(kinds).toContain("marac");
    for (const kind of kinds) {
      for (const copy of PACK_COPIES) {
        const pack = JSON.stringify(
          buildPack(kind, loaded.inputs.details, loaded.inputs.caseFile, loaded.inputs.outcome, {
            copy,
            preparedAt: "2026-11-20T11:00:00Z",
          }),
        );
        for (const text of ["Partner answered the door", "Text only on the work phone", "Ring the sister first"]) {
          expect(pack).not.toContain(text);
        }
      }
    }
  });
});
