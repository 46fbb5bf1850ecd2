import type { CaseFile } from "../case-file";
import { answerOf } from "../case-facts";
import type { MissingInformation, Warning } from "../outcome";
import { questionById } from "../question-sets/question-set-registry";

// An assessment with gaps is provisional, and each gap is a to-do. Reviews found "not known"
// recorded and never followed up, and perpetrator history never checked.

export interface Completeness {
  provisional: boolean;
  warnings: Warning[];
  missing: MissingInformation[];
}

function questionLabel(id: string): string {
  return questionById(id)?.riskFactor ?? id;
}

export function assessCompleteness(caseFile: CaseFile, dashIds: readonly string[]): Completeness {
  const warnings: Warning[] = [];
  const missing: MissingInformation[] = [];
  const notKnown: string[] = [];
  const notAsked: string[] = [];
  for (const id of dashIds) {
    const answer = answerOf(caseFile, id);
    if (answer === "not-known") notKnown.push(id);
    else if (answer === "not-asked") notAsked.push(id);
  }
  const supplementaryNotKnown = Object.keys(caseFile.answers).filter(
    (id) => !dashIds.includes(id) && answerOf(caseFile, id) === "not-known",
  );
  const allNotKnown = [...notKnown, ...supplementaryNotKnown];
  for (const id of allNotKnown) {
    missing.push({
      field: `answers.${id}`,
      why: `Answered "not known": ${questionLabel(id)}. Find out, or record why it cannot be known.`,
    });
  }
  for (const id of notAsked) {
    missing.push({ field: `answers.${id}`, why: `Not asked: ${questionLabel(id)}.` });
  }
  if (allNotKnown.length) {
    warnings.push({
      code: "unknown-not-no",
      message: `${allNotKnown.length} answer(s) are "not known". Not known is never treated as no: the assessment stays provisional until they are followed up.`,
      evidence: allNotKnown,
    });
  }
  if (caseFile.safeToAsk !== "yes") {
    warnings.push({
      code: "not-safe-to-ask",
      message:
        caseFile.safeToAsk === "no"
          ? "It was not safe to ask the questions. Record what was observed or known from records, and return to complete the assessment when the victim can speak freely."
          : "It is not known whether the victim could speak freely. Treat the answers as provisional and return when it is safe.",
    });
  }
  const checks = caseFile.context?.perpetratorChecks;
  if (checks === "pending") {
    warnings.push({
      code: "perpetrator-checks-pending",
      message:
        "Checks on the perpetrator's history are pending. The level may rise when they return: chase them and reassess.",
      evidence: ["context.perpetratorChecks"],
    });
  }
  if (checks !== "done") {
    missing.push({
      field: "context.perpetratorChecks",
      why:
        checks === "pending"
          ? "Perpetrator history checks are pending."
          : checks === "not-possible"
            ? "Perpetrator history checks were not possible: record why, and ask the police or another agency to check."
            : "Record whether the perpetrator's history (previous abuse, violence, orders) has been checked.",
    });
  }
  const provisional =
    allNotKnown.length > 0 || notAsked.length > 0 || caseFile.safeToAsk !== "yes" || checks === "pending";
  return { provisional, warnings, missing };
}
