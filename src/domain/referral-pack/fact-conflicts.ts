// Two records of one fact that disagree. A pack that silently picks one (prints "Children: none
// recorded" beside a checklist that says there are children) sends the wrong fact with the
// authority of the form; so each disagreement is shown with both sources, to be resolved before
// the pack is sent, and the completeness check lists it as a thing to fix.
//
// Only true contradictions count. "Pregnant now: no" beside question 9 "yes" is NOT one: question 9
// also covers a baby born in the last 18 months. "Pregnant now: yes" beside question 9 "no" is.
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import { answerOf } from "../case-facts";
import { labelForEvidence } from "../labels/labels";

export interface FactSource {
  /** The fact's path in the pack's namespace: "answers.<id>", "context.<path>" or "details.<path>". */
  path: string;
  /** Where it is recorded, in words: "Question 25: Children or dependants…", "Case details: children". */
  where: string;
  /** What that record says, in words. */
  says: string;
}

export const FACT_CONFLICT_IDS = [
  "children-none-recorded",
  "children-not-perpetrators-no",
  "children-recorded-but-none-said",
  "pregnant-now-but-question-9-no",
  "separation-recent-but-question-6-no",
  "history-checks-disagree",
] as const;
export type FactConflictId = (typeof FACT_CONFLICT_IDS)[number];

export interface FactConflict {
  id: FactConflictId;
  /** The fact in a few words: "Children in the household". */
  topic: string;
  /** Where to resolve it (a case-details or assessment path, as pack completeness uses). */
  fixPath: string;
  sources: [FactSource, FactSource];
  /** One plain sentence naming both records and what to do. */
  sentence: string;
}

const CHECK_WORDS: Record<string, string> = {
  done: "done",
  pending: "pending",
  "not-possible": "not possible",
};

function question(id: string, says: string): FactSource {
  return { path: `answers.${id}`, where: labelForEvidence(id), says };
}

function conflict(
  id: FactConflictId,
  topic: string,
  fixPath: string,
  first: FactSource,
  second: FactSource,
  todo: string,
): FactConflict {
  return {
    id,
    topic,
    fixPath,
    sources: [first, second],
    sentence: `${first.where} says ${first.says}, but ${second.where.charAt(0).toLowerCase()}${second.where.slice(1)} says ${second.says}: ${todo}`,
  };
}

/** Children the checklist says are in the household (question 25), or hurt or threatened (26, 27). */
function checklistChildren(caseFile: CaseFile): string | undefined {
  return ["dash.children-not-perpetrators", "dash.hurt-children", "dash.threatened-children"].find(
    (id) => answerOf(caseFile, id) === "yes",
  );
}

/** Every disagreement between two records of one fact, each with both sources and a plain sentence. */
export function factConflicts(caseFile: CaseFile, details: CaseDetails): FactConflict[] {
  const conflicts: FactConflict[] = [];
  const context = caseFile.context ?? {};
  const contextChildren = context.children ?? [];
  const detailsSayNone = details.hasChildrenOrDependants === "no";

  const childQuestion = checklistChildren(caseFile);
  if (childQuestion && details.children.length === 0 && contextChildren.length === 0) {
    conflicts.push(
      conflict(
        "children-none-recorded",
        "Children in the household",
        "details.children",
        question(childQuestion, "yes"),
        {
          path: "details.children",
          where: "Case details",
          says: detailsSayNone ? "there are no children or dependants" : "no children are recorded",
        },
        "name each child in the case details, or correct the answer.",
      ),
    );
  }

  if (detailsSayNone && contextChildren.length > 0) {
    conflicts.push(
      conflict(
        "children-recorded-but-none-said",
        "Children in the household",
        "details.hasChildrenOrDependants",
        {
          path: "context.children",
          where: "The assessment",
          says: `${contextChildren.length === 1 ? "one child lives" : `${contextChildren.length} children live`} in the household`,
        },
        { path: "details.hasChildrenOrDependants", where: "Case details", says: "there are no children or dependants" },
        "check with the victim and correct one of them.",
      ),
    );
  }

  // Question 25 asks about children who are NOT the perpetrator's: "no" contradicts a child recorded as not his.
  if (answerOf(caseFile, "dash.children-not-perpetrators") === "no") {
    const detailsIndex = details.children.findIndex(
      (child) => child.relationshipToPerpetrator === "none" && child.livesWithVictim !== "no",
    );
    const contextIndex = contextChildren.findIndex((child) => child.relationshipToPerpetrator === "none");
    const path =
      detailsIndex >= 0
        ? `details.children[${detailsIndex}].relationshipToPerpetrator`
        : contextIndex >= 0
          ? `context.children[${contextIndex}]`
          : undefined;
    if (path !== undefined) {
      const number = (detailsIndex >= 0 ? detailsIndex : contextIndex) + 1;
      conflicts.push(
        conflict(
          "children-not-perpetrators-no",
          "Children who are not the perpetrator's",
          "answers.dash.children-not-perpetrators",
          question("dash.children-not-perpetrators", "no"),
          {
            path,
            where: detailsIndex >= 0 ? "Case details" : "The assessment",
            says: `child ${number} in the household is not related to the person causing harm`,
          },
          "check which is right and correct the other.",
        ),
      );
    }
  }

  if (context.pregnant === "yes" && answerOf(caseFile, "dash.pregnancy") === "no") {
    conflicts.push(
      conflict(
        "pregnant-now-but-question-9-no",
        "Pregnancy",
        "answers.dash.pregnancy",
        { path: "context.pregnant", where: "The assessment's recorded facts", says: "she is pregnant now" },
        question("dash.pregnancy", "no"),
        "a current pregnancy makes question 9 yes; correct one of them.",
      ),
    );
  }

  if (context.separation?.status === "recent" && answerOf(caseFile, "dash.separation") === "no") {
    conflicts.push(
      conflict(
        "separation-recent-but-question-6-no",
        "Separation",
        "answers.dash.separation",
        { path: "context.separation", where: "The assessment's recorded facts", says: "they separated recently" },
        question("dash.separation", "no"),
        "a recent separation makes question 6 yes; correct one of them.",
      ),
    );
  }

  const detailsChecks = details.perpetrator.historyChecks;
  const contextChecks = context.perpetratorChecks;
  if (detailsChecks !== undefined && contextChecks !== undefined && detailsChecks !== contextChecks) {
    conflicts.push(
      conflict(
        "history-checks-disagree",
        "History checks on the person causing harm",
        "details.perpetrator.historyChecks",
        {
          path: "details.perpetrator.historyChecks",
          where: "Case details",
          says: `the checks are ${CHECK_WORDS[detailsChecks]}`,
        },
        {
          path: "context.perpetratorChecks",
          where: "The assessment",
          says: `the checks are ${CHECK_WORDS[contextChecks]}`,
        },
        "find out which is current and correct the other.",
      ),
    );
  }
  return conflicts;
}
