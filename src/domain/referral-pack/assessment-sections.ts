// Pack sections from the assessment itself: the questions and answers, records that disagree, the
// risk level with every reason, vulnerability factors and the homicide timeline.
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import type { Outcome } from "../outcome";
import { questionById, QUESTION_SETS, SUPPLEMENTARY_QUESTIONS } from "../question-sets/question-set-registry";
import { item, listRow, row, type PackRow, type PackSection } from "./pack-document";
import { describeLevel } from "../certainty/describe-level";
import { labelForFloorRule, labelForMissing } from "../labels/labels";
import { factConflicts, type FactConflict } from "./fact-conflicts";
import { packPathOf } from "./redaction";
import { ANSWER_LABELS, answerLabel, evidenceText, LEVEL_LABELS, SOURCE_LABELS } from "./pack-text";

export function vulnerabilityRow(outcome: Outcome): PackRow {
  return listRow(
    "Vulnerability factors",
    outcome.vulnerability.factors.map((factor) =>
      item(
        `${questionById(factor.factor)?.riskFactor ?? factor.factor} (${factor.evidence.map(evidenceText).join("; ")})`,
        factor.evidence.map(packPathOf),
      ),
    ),
    [],
    "None recorded",
  );
}

export function answersSection(caseFile: CaseFile): PackSection {
  const set = QUESTION_SETS[caseFile.questionSet];
  const answered = (id: string) => caseFile.answers[id] !== undefined;
  const questions = [
    ...set.questions.map((question, index) => ({ question, number: `${index + 1}. ` })),
    ...SUPPLEMENTARY_QUESTIONS.filter((question) => answered(question.id)).map((question) => ({
      question,
      number: "",
    })),
  ];
  return {
    id: "answers",
    title: `The questions and answers (${set.title})`,
    rows: [
      row("Safe to ask the questions", answerLabel(caseFile.safeToAsk), ["safeToAsk"]),
      ...questions.map(({ question, number }) => {
        const entry = caseFile.answers[question.id];
        const value = entry === undefined ? "not-asked" : typeof entry === "string" ? entry : entry.answer;
        const detail = typeof entry === "object" ? entry.detail?.trim() : undefined;
        const source =
          typeof entry === "object" && entry.source !== undefined ? SOURCE_LABELS[entry.source] : undefined;
        const text = [
          ANSWER_LABELS[value],
          detail ? `Detail: ${detail}` : undefined,
          source ? `Source: ${source}` : undefined,
        ]
          .filter(Boolean)
          .join(". ");
        return row(`${number}${question.wording}`, text, [`answers.${question.id}`]);
      }),
    ],
  };
}

/**
 * Records that disagree, each with both sources: shown near the top of the pack, so the reader
 * sees the question to resolve instead of one record silently chosen. Empty when none disagree.
 */
export function conflictsSection(caseFile: CaseFile, details: CaseDetails): PackSection[] {
  const conflicts: FactConflict[] = factConflicts(caseFile, details);
  if (conflicts.length === 0) return [];
  return [
    {
      id: "conflicts",
      title: "Records that disagree: resolve before sending",
      rows: conflicts.map((found) =>
        row(
          found.topic,
          found.sentence,
          found.sources.map((source) => source.path),
        ),
      ),
    },
  ];
}

export function riskSection(outcome: Outcome, details: CaseDetails, caseFile?: CaseFile): PackSection {
  // History checks recorded in the case details answer the engine's gap for them.
  const checksRecorded = details.perpetrator.historyChecks !== undefined;
  const gaps = outcome.missingInformation.filter(
    (missing) => !(checksRecorded && missing.field === "context.perpetratorChecks"),
  );
  const judgement = outcome.professionalJudgement;
  const judgementText = judgement.applied
    ? `${LEVEL_LABELS[judgement.level ?? ""] ?? judgement.level}. Rationale: ${judgement.rationale ?? ""}`
    : judgement.refusedBecause
      ? `Not applied: ${judgement.refusedBecause}`
      : "None given";
  return {
    id: "risk",
    title: "Risk level and why",
    rows: [
      // The level with its certainty: what set it and, when provisional, exactly why.
      row("Risk level", describeLevel(outcome, caseFile ? { caseFile } : {}).sentence, []),
      row(
        "Score",
        `${outcome.score.yes} yes of ${outcome.score.total} (${outcome.score.notKnown} not known, ${outcome.score.notAsked} not asked); score band ${LEVEL_LABELS[outcome.scoreBand]}`,
        [],
      ),
      row("Level the rules alone set", LEVEL_LABELS[outcome.ruleFloor], []),
      listRow(
        "Rule-floor reasons",
        outcome.escalations.map((escalation) =>
          item(
            `${escalation.reason} (rule: ${labelForFloorRule(escalation.rule)}; evidence: ${escalation.evidence.map(evidenceText).join("; ")})`,
            escalation.evidence.map(packPathOf),
          ),
        ),
        [],
        "No rule raised the level",
      ),
      row("Professional judgement", judgementText, ["professionalJudgement"]),
      row("BRAG rating", outcome.brag, []),
      vulnerabilityRow(outcome),
      listRow(
        "Warnings",
        outcome.warnings.map((warning) => item(warning.message, (warning.evidence ?? []).map(packPathOf))),
        [],
        "None",
      ),
      listRow(
        "Information still missing",
        gaps.map((missing) => item(`${labelForMissing(missing.field)}: ${missing.why}`, [missing.field])),
        [],
        "None",
      ),
      row("Review the assessment by", outcome.reviewBy, []),
    ],
  };
}

export function timelineSection(outcome: Outcome): PackSection {
  const rows = outcome.timeline.stages.map((stage) =>
    listRow(
      `Stage ${stage.stage}: ${stage.name}`,
      stage.indicators.map((indicator) => item(evidenceText(indicator), [packPathOf(indicator)])),
      [],
    ),
  );
  return {
    id: "timeline",
    title: "Homicide timeline: stages with evidence",
    rows: rows.length > 0 ? rows : [row("Stages", "No stage has evidence", [])],
  };
}
