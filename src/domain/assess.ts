import { higherRisk } from "./answers";
import type { CaseFile } from "./case-file";
import { answerOf } from "./case-facts";
import { londonDateOf } from "./dates";
import type { MissingInformation, Outcome, PathwayOutcome, Warning } from "./outcome";
import { DEFAULT_POLICY, type Policy } from "./policy";
import { dashIdsFor, QUESTION_SETS, questionById } from "./question-sets/question-set-registry";
import { computeBragColour, presentVulnerabilityFactors } from "./rules/brag";
import { assessCompleteness } from "./rules/completeness";
import {
  childrenAtRisk,
  honourBasedAbuse,
  movedArea,
  previousLevelCarriedForward,
  repeatMarac,
  retractionDoesNotLowerRisk,
  unknownsCouldMakeItHigh,
} from "./rules/contract-warnings";
import { applyBragJudgement, applyProfessionalJudgement } from "./rules/judgement";
import { decideMarac } from "./rules/marac";
import {
  childrensServicesPathway,
  idvaPathway,
  maracPathway,
  marmPathway,
  s42Pathway,
  stalkingAdvocacyPathway,
} from "./rules/pathways";
import {
  capacityIsNotTheTest,
  exploitationIsAbuse,
  historyAnsweredWithoutChecks,
  keyQuestionsUnresolved,
  riskOfPlace,
  supplementaryQuestionsNotAsked,
  timelineProgression,
  unrecordedContextFacts,
  victimSuicideRisk,
} from "./rules/practice-prompts";
import { carryForwardRule, changeSinceLastAssessment, mostRecentPreviousAssessment } from "./rules/previous-assessment";
import { reviewByDate, reviewProtectiveOrders } from "./rules/protective-orders";
import { applyFloorRules, floorLevel } from "./rules/rule-floor";
import { decideS42 } from "./rules/s42";
import { scoreAnswers, scoreBand } from "./rules/score";
import { mapTimeline } from "./rules/timeline";

/**
 * The engine: a validated case file and a policy in, an outcome out. Pure and deterministic:
 * the same case and policy always give the same outcome.
 */
export function assessCase(caseFile: CaseFile, policy: Policy = DEFAULT_POLICY): Outcome {
  const assessmentDate = londonDateOf(caseFile.assessedAt);
  const dashIds = dashIdsFor(caseFile.questionSet);
  const dashYesIds = dashIds.filter((id) => answerOf(caseFile, id) === "yes");

  const score = scoreAnswers(caseFile, dashIds);
  const band = scoreBand(score, policy);
  const escalations = applyFloorRules(caseFile, dashYesIds, policy);
  const completeness = assessCompleteness(caseFile, dashIds);
  const retracted = caseFile.context?.victimRetracted === true;

  const previous = mostRecentPreviousAssessment(caseFile);
  const beforeCarryForward = higherRisk(band, floorLevel(escalations));
  const carried = carryForwardRule(
    previous,
    beforeCarryForward,
    completeness.provisional,
    retracted,
    assessmentDate,
    policy.carryForwardMonths,
  );
  if (carried) escalations.push(carried);
  const ruleFloor = floorLevel(escalations);
  const computedLevel = higherRisk(band, ruleFloor);

  const judgement = applyProfessionalJudgement(caseFile.professionalJudgement, computedLevel);
  const riskLevel = judgement.level;

  const vulnerability = presentVulnerabilityFactors(caseFile);
  const computedBrag = computeBragColour(vulnerability, riskLevel);
  const bragJudgement = applyBragJudgement(caseFile.bragJudgement, computedBrag);

  const marac = decideMarac(caseFile, { escalations, judgement: judgement.outcome, assessmentDate, policy });
  const s42 = decideS42(caseFile, assessmentDate, policy);
  const childrensServices = childrensServicesPathway(caseFile, riskLevel);
  const pathways: PathwayOutcome[] = [
    maracPathway(marac),
    s42Pathway(s42.outcome, vulnerability),
    marmPathway(s42.outcome, vulnerability, riskLevel),
    childrensServices,
    idvaPathway(riskLevel),
    stalkingAdvocacyPathway(caseFile),
  ];

  const orders = reviewProtectiveOrders(caseFile, assessmentDate, policy.reviewDays);
  const timeline = mapTimeline(caseFile, {
    stagesOfYesAnswers: Object.keys(caseFile.answers)
      .filter((id) => answerOf(caseFile, id) === "yes")
      .map((id) => ({ id, stages: questionById(id)?.timelineStages ?? [] })),
    triggeringOrders: orders.triggeringOrders,
  });

  const warnings: Warning[] = [...completeness.warnings];
  for (const warning of [
    previousLevelCarriedForward(carried),
    retractionDoesNotLowerRisk(caseFile),
    judgement.warning,
    bragJudgement.warning,
    unknownsCouldMakeItHigh(caseFile, dashIds, score, riskLevel, policy),
    changeSinceLastAssessment(previous, riskLevel),
    repeatMarac(marac),
    honourBasedAbuse(caseFile),
    childrenAtRisk(childrensServices),
    movedArea(caseFile),
  ]) {
    if (warning) warnings.push(warning);
  }
  warnings.push(...orders.warnings);
  warnings.push(...supplementaryQuestionsNotAsked(caseFile));
  for (const prompt of [
    keyQuestionsUnresolved(caseFile, dashIds, riskLevel),
    historyAnsweredWithoutChecks(caseFile),
    timelineProgression(timeline.stages),
    victimSuicideRisk(caseFile),
    riskOfPlace(caseFile),
    capacityIsNotTheTest(caseFile),
    exploitationIsAbuse(caseFile),
  ]) {
    if (prompt) warnings.push(prompt);
  }

  const missingInformation: MissingInformation[] = [...completeness.missing, ...s42.missing];
  if (s42.outcome.decision === "not-assessed" && vulnerability.length) {
    missingInformation.push({
      field: "context.careAndSupport",
      why: "Vulnerability factors are present: record whether the adult has care and support needs, is at risk of abuse, and can protect themselves (the s42 test).",
    });
  }
  missingInformation.push(...unrecordedContextFacts(caseFile));

  const set = QUESTION_SETS[caseFile.questionSet];
  return {
    schemaVersion: 1,
    ...(caseFile.caseId !== undefined ? { caseId: caseFile.caseId } : {}),
    policy: { name: policy.name, version: policy.version },
    questionSet: { id: set.id, version: set.version },
    assessmentDate,
    riskLevel,
    provisional: completeness.provisional,
    score,
    scoreBand: band,
    ruleFloor,
    escalations,
    professionalJudgement: judgement.outcome,
    bragJudgement: bragJudgement.outcome,
    brag: bragJudgement.colour,
    computedBrag,
    vulnerability: { present: vulnerability.length > 0, factors: vulnerability },
    marac,
    s42: s42.outcome,
    pathways,
    timeline,
    reviewBy: reviewByDate(assessmentDate, policy.reviewDays, orders.earliestExpiry),
    warnings,
    missingInformation,
    nonDisclosure: [...(caseFile.context?.nonDisclosure ?? [])],
  };
}
