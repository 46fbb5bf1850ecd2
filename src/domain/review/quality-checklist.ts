// The referral-quality checklist a manager reviews a case against. Each item is one named function
// that says whether it applies to this case, whether it is met, why it matters and the evidence it
// looked at. Items that do not apply are not counted in the score (quality-score.ts).
//
// Inputs are the case's details (who, how to reach safely, consent), its latest completed
// assessment (case file + outcome), if any. A case with no completed assessment is still reviewed:
// items that only make sense after an assessment do not apply to it.
import { labelForS42Decision } from "../labels/labels";
import { answerOf, answerValueOf } from "../case-facts";
import type { CaseFile } from "../case-file";
import type { CaseDetails } from "../case-record/case-details";
import type { Outcome } from "../outcome";
import { isAllowedAnswerId, SUPPLEMENTARY_QUESTIONS } from "../question-sets/question-set-registry";
import { findVictimBlamingLanguage, type BlamingLanguageHit, type FreeTextField } from "./victim-blaming-language";

export const QUALITY_ITEM_IDS = [
  "judgement-rationale",
  "not-known-explained",
  "perpetrator-history",
  "children-pregnancy",
  "s42-considered",
  "safe-contact",
  "consent-or-lawful-basis",
  "timeline-reviewed",
  "language",
] as const;
export type QualityItemId = (typeof QUALITY_ITEM_IDS)[number];

export const QUALITY_ITEM_TITLES: Record<QualityItemId, string> = {
  "judgement-rationale": "Rationale written for professional judgement",
  "not-known-explained": 'Every "not known" followed up or explained',
  "perpetrator-history": "Perpetrator's history checked",
  "children-pregnancy": "Children and pregnancy considered",
  "s42-considered": "Care Act s42 considered where care and support needs are recorded",
  "safe-contact": "Safe contact details recorded",
  "consent-or-lawful-basis": "Consent or lawful basis for sharing recorded",
  "timeline-reviewed": "Timeline evidence reviewed",
  language: "Free text free of victim-blaming language",
};

export interface ReviewInput {
  details: CaseDetails;
  /** The latest completed assessment's case file and outcome; null when none is completed. */
  caseFile: CaseFile | null;
  outcome: Outcome | null;
}

export interface QualityItemResult {
  id: QualityItemId;
  title: string;
  applies: boolean;
  /** Always false when the item does not apply (it is then not counted either way). */
  met: boolean;
  /** Plain English: why it is met, missed or not applicable, and why it matters. */
  explanation: string;
  /** Paths in the details or case file that decided it. */
  evidence: string[];
  /** Only the language item: each phrase found, with a better phrasing. */
  languageHits?: BlamingLanguageHit[];
}

/** A rationale shorter than this is a placeholder ("see notes", "PJ"), not reasoning. */
export const MIN_RATIONALE_LENGTH = 20;

const hasText = (value: string | undefined): value is string => value !== undefined && value.trim().length > 0;

function result(
  id: QualityItemId,
  applies: boolean,
  met: boolean,
  explanation: string,
  evidence: string[] = [],
): QualityItemResult {
  return { id, title: QUALITY_ITEM_TITLES[id], applies, met: applies && met, explanation, evidence };
}

const NO_ASSESSMENT = "No completed assessment yet, so this does not apply.";

export function judgementRationaleItem({ caseFile }: ReviewInput): QualityItemResult {
  const judgements = [
    { path: "professionalJudgement.rationale", value: caseFile?.professionalJudgement?.rationale },
    { path: "bragJudgement.rationale", value: caseFile?.bragJudgement?.rationale },
  ].filter((entry) => entry.value !== undefined);
  if (caseFile === null || judgements.length === 0) {
    return result(
      "judgement-rationale",
      false,
      false,
      caseFile === null ? NO_ASSESSMENT : "No professional judgement was applied, so no rationale is needed.",
    );
  }
  const thin = judgements
    .filter((entry) => (entry.value ?? "").trim().length < MIN_RATIONALE_LENGTH)
    .map((entry) => entry.path);
  return thin.length === 0
    ? result(
        "judgement-rationale",
        true,
        true,
        "Each professional judgement has a written rationale a MARAC chair or reviewer can follow.",
        judgements.map((entry) => entry.path),
      )
    : result(
        "judgement-rationale",
        true,
        false,
        `A professional judgement needs its reasons in the practitioner's own words (at least ${MIN_RATIONALE_LENGTH} characters); this one is too short to explain the decision.`,
        thin,
      );
}

export function notKnownExplainedItem({ caseFile }: ReviewInput): QualityItemResult {
  if (caseFile === null) return result("not-known-explained", false, false, NO_ASSESSMENT);
  const notKnown: { path: string; explained: boolean }[] = [];
  for (const [id, entry] of Object.entries(caseFile.answers)) {
    if (answerValueOf(entry) !== "not-known") continue;
    notKnown.push({ path: `answers.${id}`, explained: typeof entry === "object" && hasText(entry.detail) });
  }
  const care = caseFile.context?.careAndSupport;
  for (const test of ["needs", "abuseOrNeglect", "unableToProtectSelf"] as const) {
    if (care?.[test] === "not-known")
      notKnown.push({ path: `context.careAndSupport.${test}`, explained: hasText(care.rationale) });
  }
  if (notKnown.length === 0)
    return result("not-known-explained", false, false, 'No answer was recorded as "not known".');
  const unexplained = notKnown.filter((entry) => !entry.explained).map((entry) => entry.path);
  return unexplained.length === 0
    ? result(
        "not-known-explained",
        true,
        true,
        'Every "not known" has a note saying why, or what is being done to find out.',
        notKnown.map((entry) => entry.path),
      )
    : result(
        "not-known-explained",
        true,
        false,
        `${unexplained.length} "not known" ${unexplained.length === 1 ? "answer has" : "answers have"} no note. "Not known" is not "no": say why it is not known and who will find out.`,
        unexplained,
      );
}

export function perpetratorHistoryItem({ details, caseFile }: ReviewInput): QualityItemResult {
  const fromAssessment = caseFile?.context?.perpetratorChecks;
  const fromDetails = details.perpetrator.historyChecks;
  const evidence = [
    ...(fromAssessment === undefined ? [] : ["context.perpetratorChecks"]),
    ...(fromDetails === undefined ? [] : ["perpetrator.historyChecks"]),
  ];
  if (fromAssessment === "done" || fromDetails === "done") {
    return result(
      "perpetrator-history",
      true,
      true,
      "Checks on the perpetrator's history with police and other agencies are recorded as done.",
      evidence,
    );
  }
  if (
    (fromAssessment === "not-possible" || fromDetails === "not-possible") &&
    hasText(details.perpetrator.historyChecksNote)
  ) {
    return result("perpetrator-history", true, true, "History checks were not possible, and the reason is recorded.", [
      ...evidence,
      "perpetrator.historyChecksNote",
    ]);
  }
  const why =
    fromAssessment === "pending" || fromDetails === "pending"
      ? "History checks are still pending. Answers about the perpetrator's past are unreliable until they are done."
      : fromAssessment === "not-possible" || fromDetails === "not-possible"
        ? "History checks were marked not possible but no reason is recorded."
        : "Nothing records whether the perpetrator's history was checked. Reviews repeatedly find relevant history that was never looked up.";
  return result("perpetrator-history", true, false, why, evidence);
}

export function childrenAndPregnancyItem({ details, caseFile }: ReviewInput): QualityItemResult {
  if (caseFile === null) return result("children-pregnancy", false, false, NO_ASSESSMENT);
  const childrenEvidence = [
    ...(caseFile.context?.children !== undefined ? ["context.children"] : []),
    ...(answerOf(caseFile, "dash.children-not-perpetrators") !== "not-asked"
      ? ["answers.dash.children-not-perpetrators"]
      : []),
    ...(details.children.length > 0 ? ["children"] : []),
  ];
  const pregnancyEvidence = [
    ...(caseFile.context?.pregnant !== undefined ? ["context.pregnant"] : []),
    ...(answerOf(caseFile, "dash.pregnancy") !== "not-asked" ? ["answers.dash.pregnancy"] : []),
  ];
  const missing = [
    ...(childrenEvidence.length === 0 ? ["children"] : []),
    ...(pregnancyEvidence.length === 0 ? ["pregnancy"] : []),
  ];
  return missing.length === 0
    ? result(
        "children-pregnancy",
        true,
        true,
        "Children in the household and pregnancy were both asked about or recorded.",
        [...childrenEvidence, ...pregnancyEvidence],
      )
    : result(
        "children-pregnancy",
        true,
        false,
        `Not recorded: ${missing.join(" and ")}. Children and pregnancy change who must be told and raise the risk; record them even when the answer is "none".`,
        [...childrenEvidence, ...pregnancyEvidence],
      );
}

export function s42ConsideredItem({ caseFile, outcome }: ReviewInput): QualityItemResult {
  const care = caseFile?.context?.careAndSupport;
  const needsRecorded = care?.needs === "yes" || (care?.needsKinds?.length ?? 0) > 0;
  if (!needsRecorded)
    return result(
      "s42-considered",
      false,
      false,
      "No care and support needs were recorded, so the s42 test does not apply.",
    );
  const evidence = ["context.careAndSupport.needs"];
  const unanswered = (["abuseOrNeglect", "unableToProtectSelf"] as const).filter((test) => care?.[test] === undefined);
  const decision = outcome?.s42.decision;
  if (unanswered.length > 0 || decision === undefined || decision === "not-assessed") {
    return result(
      "s42-considered",
      true,
      false,
      "Care and support needs are recorded but the other two s42 tests (abuse or neglect; unable to protect themselves) were not both considered.",
      [...evidence, ...unanswered.map((test) => `context.careAndSupport.${test}`)],
    );
  }
  return result(
    "s42-considered",
    true,
    true,
    `All three s42 tests were considered (decision: ${labelForS42Decision(decision)}).`,
    [...evidence, "context.careAndSupport.abuseOrNeglect", "context.careAndSupport.unableToProtectSelf"],
  );
}

export function safeContactItem({ details }: ReviewInput): QualityItemResult {
  const contact = details.victim.safeContact ?? {};
  const ways = (["phone", "email", "otherSafeMethod"] as const)
    .filter((field) => hasText(contact[field]))
    .map((field) => `victim.safeContact.${field}`);
  const safety = [
    ...(["safeToCall", "safeToText", "safeToLeaveMessage"] as const)
      .filter((field) => contact[field] !== undefined)
      .map((field) => `victim.safeContact.${field}`),
    ...(hasText(contact.safeTimes) ? ["victim.safeContact.safeTimes"] : []),
  ];
  if (ways.length > 0 && safety.length > 0) {
    return result(
      "safe-contact",
      true,
      true,
      "A way to reach the victim is recorded, with when or how it is safe to use it.",
      [...ways, ...safety],
    );
  }
  return result(
    "safe-contact",
    true,
    false,
    ways.length === 0
      ? "No way of reaching the victim is recorded. The receiving agency cannot make contact."
      : "A contact method is recorded but not whether it is safe to call, text or leave a message, or when. A call at the wrong time can put the victim at risk.",
    [...ways, ...safety],
  );
}

export function consentOrLawfulBasisItem({ details }: ReviewInput): QualityItemResult {
  const { status, lawfulBasis } = details.consent;
  if (status === "given")
    return result("consent-or-lawful-basis", true, true, "The victim's consent to share is recorded.", [
      "consent.status",
    ]);
  if (hasText(lawfulBasis)) {
    return result(
      "consent-or-lawful-basis",
      true,
      true,
      "Information is shared without consent, and the lawful basis is recorded.",
      [...(status === undefined ? [] : ["consent.status"]), "consent.lawfulBasis"],
    );
  }
  return result(
    "consent-or-lawful-basis",
    true,
    false,
    status === undefined
      ? "Neither consent nor a lawful basis for sharing is recorded."
      : "Consent was not given, but no lawful basis for sharing without it is recorded.",
    status === undefined ? [] : ["consent.status"],
  );
}

/** Timeline indicator questions this assessment's question set could have asked. */
function timelineQuestionIds(caseFile: CaseFile): string[] {
  return SUPPLEMENTARY_QUESTIONS.filter(
    (question) => question.section === "timeline" && isAllowedAnswerId(caseFile.questionSet, question.id),
  ).map((question) => question.id);
}

export function timelineReviewedItem({ caseFile }: ReviewInput): QualityItemResult {
  if (caseFile === null) return result("timeline-reviewed", false, false, NO_ASSESSMENT);
  const ids = timelineQuestionIds(caseFile);
  if (ids.length === 0)
    return result("timeline-reviewed", false, false, "This question set has no timeline indicators.");
  const notAsked = ids.filter((id) => answerOf(caseFile, id) === "not-asked");
  return notAsked.length === 0
    ? result(
        "timeline-reviewed",
        true,
        true,
        "Every homicide-timeline indicator was considered, so progression towards the later stages can be seen.",
        ids.map((id) => `answers.${id}`),
      )
    : result(
        "timeline-reviewed",
        true,
        false,
        `${notAsked.length} of ${ids.length} timeline indicators were not considered. Signs of planning or a change in thinking are missed when they are skipped.`,
        notAsked.map((id) => `answers.${id}`),
      );
}

/** True when anything in the assessment records exploitation. */
export function exploitationRecorded(caseFile: CaseFile | null): boolean {
  if (caseFile === null) return false;
  return (caseFile.context?.exploitation?.length ?? 0) > 0 || answerOf(caseFile, "brag.exploitation") === "yes";
}

/**
 * The practitioner-written prose of a case. Names, addresses and contact details are not prose; the
 * victim's wishes are their own words, quoted, so they are not checked either.
 */
export function freeTextOf({ details, caseFile }: ReviewInput): FreeTextField[] {
  const fields: FreeTextField[] = [];
  const add = (path: string, text: string | undefined) => {
    if (hasText(text)) fields.push({ path, text });
  };
  add("notes", details.notes);
  add("actionsTaken", details.actionsTaken);
  add("otherDependants", details.otherDependants);
  add("victim.diversityAndAccessNeeds", details.victim.diversityAndAccessNeeds);
  add("perpetrator.relationshipDetail", details.perpetrator.relationshipDetail);
  add("perpetrator.historyChecksNote", details.perpetrator.historyChecksNote);
  add("consent.reasonWithoutConsent", details.consent.reasonWithoutConsent);
  if (caseFile !== null) {
    for (const [id, entry] of Object.entries(caseFile.answers)) {
      if (typeof entry === "object") add(`answers.${id}.detail`, entry.detail);
    }
    add("professionalJudgement.rationale", caseFile.professionalJudgement?.rationale);
    add("bragJudgement.rationale", caseFile.bragJudgement?.rationale);
    add("context.careAndSupport.rationale", caseFile.context?.careAndSupport?.rationale);
  }
  return fields;
}

export function languageItem(input: ReviewInput): QualityItemResult {
  const fields = freeTextOf(input);
  if (fields.length === 0) return result("language", false, false, "There is no free text to check.");
  const hits = findVictimBlamingLanguage(fields, { exploitationRecorded: exploitationRecorded(input.caseFile) });
  const evidence = [...new Set(hits.map((hit) => hit.path))];
  const item =
    hits.length === 0
      ? result(
          "language",
          true,
          true,
          "No phrases that reviews have found to blame victims were found in the free text.",
          fields.map((field) => field.path),
        )
      : result(
          "language",
          true,
          false,
          `${hits.length} ${hits.length === 1 ? "phrase" : "phrases"} that can blame the victim or lower the response ${hits.length === 1 ? "was" : "were"} found. Each is shown with a better phrasing.`,
          evidence,
        );
  return { ...item, languageHits: hits };
}

export const QUALITY_ITEMS: readonly ((input: ReviewInput) => QualityItemResult)[] = [
  judgementRationaleItem,
  notKnownExplainedItem,
  perpetratorHistoryItem,
  childrenAndPregnancyItem,
  s42ConsideredItem,
  safeContactItem,
  consentOrLawfulBasisItem,
  timelineReviewedItem,
  languageItem,
];

export function runQualityChecklist(input: ReviewInput): QualityItemResult[] {
  return QUALITY_ITEMS.map((item) => item(input));
}
