// The Care Act s42 adult-safeguarding referral (reference §6.1–6.2): the three tests each with its
// evidence, the care-and-support needs, capacity recorded on its own (it never decides the test),
// the adult's views and desired outcomes, immediate risks and actions, and the other pathways
// running at the same time. A MARAC referral never blocks or replaces this one.
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import type { Outcome, TestAnswer } from "../outcome";
import { assemblePack, type PackOptions } from "./assemble-pack";
import { item, listRow, NOT_RECORDED, row, type PackSection, type ReferralPackDocument } from "./pack-document";
import {
  actionsRows,
  agenciesRow,
  consentSection,
  pathwaysRow,
  policeSection,
  referralSection,
} from "./referral-sections";
import { ANSWER_LABELS, evidenceItems, LEVEL_LABELS } from "./pack-text";
import { answersSection, conflictsSection, timelineSection, vulnerabilityRow } from "./assessment-sections";
import { childrenSection, othersAtRiskRows, perpetratorSection, victimSection } from "./people-sections";
import { packPathOf } from "./redaction";

const DECISION_LABELS: Record<string, string> = {
  refer: "Refer: all three tests are met (or the repeated-concerns rule applies)",
  "not-met": "Not met: at least one test is answered no",
  "insufficient-information": "Not yet known: at least one test is still unknown; refer as a concern and find out",
  "not-assessed": "Not assessed: care and support were not recorded",
};

const CAPACITY_LABELS: Record<string, string> = {
  "has-capacity": "Has capacity for the decisions in question",
  "lacks-capacity": "Lacks capacity for the decisions in question (act in their best interests)",
  "not-assessed": "Not assessed",
};

export const CAPACITY_IS_NOT_THE_TEST =
  "Capacity is recorded for the enquiry, not as part of the test: having capacity does not mean a person can protect themselves from abuse, and it never rules the referral out.";

function testText(answer: TestAnswer): string {
  return ANSWER_LABELS[answer];
}

export function s42TestsSection(outcome: Outcome, caseFile: CaseFile): PackSection {
  const care = caseFile.context?.careAndSupport;
  const concerns = caseFile.context?.safeguardingConcerns ?? [];
  const path = (field: string) => [`context.careAndSupport.${field}`];
  const { tests } = outcome.s42;
  return {
    id: "s42-tests",
    title: "The three s42 tests, each with its evidence",
    rows: [
      row("Decision", DECISION_LABELS[outcome.s42.decision], []),
      row(
        "1. Has needs for care and support (whether or not they are being met)",
        testText(tests.needs),
        path("needs"),
      ),
      listRow(
        "Care and support needs",
        (care?.needsKinds ?? []).map((kind) =>
          item(kind.replace(/-/g, " "), [`context.careAndSupport.needsKinds.${kind}`]),
        ),
        [],
        care?.needsKinds === undefined ? NOT_RECORDED : "None recorded",
      ),
      row(
        "2. Is experiencing, or at risk of, abuse or neglect (domestic abuse counts)",
        testText(tests.abuseOrNeglect),
        path("abuseOrNeglect"),
      ),
      row(
        "3. Because of those needs, is unable to protect themselves",
        testText(tests.unableToProtectSelf),
        path("unableToProtectSelf"),
      ),
      row("Why (in the assessor's words)", care?.rationale, path("rationale")),
      listRow(
        "Reasons",
        outcome.s42.reasons.map((reason) => item(reason, outcome.s42.evidence.map(packPathOf))),
        [],
        "None",
      ),
      listRow("Evidence", evidenceItems(outcome.s42.evidence), [], "None recorded"),
      listRow(
        "Safeguarding concerns already raised",
        concerns.map((concern, index) =>
          item(`${concern.date}${concern.agency ? `, ${concern.agency}` : ""}`, [
            `context.safeguardingConcerns[${index}]`,
          ]),
        ),
        [],
        "None recorded",
      ),
    ],
  };
}

export function capacitySection(caseFile: CaseFile): PackSection {
  const capacity = caseFile.context?.careAndSupport?.capacity;
  return {
    id: "capacity",
    title: "Mental capacity (recorded separately)",
    rows: [
      row("Capacity", capacity === undefined ? undefined : CAPACITY_LABELS[capacity], [
        "context.careAndSupport.capacity",
      ]),
      row("Why capacity does not decide the test", CAPACITY_IS_NOT_THE_TEST, []),
    ],
  };
}

export function immediateRiskSection(outcome: Outcome, details: CaseDetails, caseFile: CaseFile): PackSection {
  return {
    id: "immediate-risk",
    title: "Immediate risks and actions",
    rows: [
      row(
        "Domestic abuse risk level",
        `${LEVEL_LABELS[outcome.riskLevel]}${outcome.provisional ? " (provisional)" : ""}`,
        [],
      ),
      listRow(
        "Rule-floor reasons",
        outcome.escalations.map((escalation) => item(escalation.reason, escalation.evidence.map(packPathOf))),
        [],
        "No rule raised the level",
      ),
      row(
        "Professional judgement",
        outcome.professionalJudgement.applied
          ? `${LEVEL_LABELS[outcome.professionalJudgement.level ?? ""] ?? ""}. Rationale: ${outcome.professionalJudgement.rationale ?? ""}`
          : "None given",
        ["professionalJudgement"],
      ),
      vulnerabilityRow(outcome),
      ...actionsRows(details, caseFile),
    ],
  };
}

/** Builds an s42 adult-safeguarding referral. The shareable copy has every withheld fact replaced by the marker. */
export function buildS42Pack(
  details: CaseDetails,
  caseFile: CaseFile,
  outcome: Outcome,
  options: PackOptions,
): ReferralPackDocument {
  const sections: PackSection[] = [
    referralSection(details, caseFile, options.preparedAt),
    ...conflictsSection(caseFile, details),
    victimSection(details, caseFile, "The adult at risk"),
    s42TestsSection(outcome, caseFile),
    capacitySection(caseFile),
    consentSection(
      details,
      "The adult's views, wishes and desired outcomes, awareness and consent",
      "What the adult wants to happen",
      { aware: "Does the adult know about this concern", whyNot: "Why the adult does not know about this concern" },
    ),
    perpetratorSection(details, caseFile, "The person alleged to cause harm"),
    { id: "others-at-risk", title: "Others at risk", rows: othersAtRiskRows(details) },
    childrenSection(details, caseFile),
    immediateRiskSection(outcome, details, caseFile),
    policeSection(details),
    {
      id: "other-pathways",
      title: "Other pathways running at the same time",
      rows: [
        pathwaysRow(outcome, "Other referrals called for", "s42"),
        row(
          "How they fit together",
          "A MARAC referral runs alongside this referral: it never replaces, delays or blocks an s42 enquiry. Agree one lead and a shared plan.",
          [],
        ),
        agenciesRow(details),
      ],
    },
    timelineSection(outcome),
    answersSection(caseFile),
  ];
  return assemblePack("s42", "Adult safeguarding referral (Care Act 2014 s42)", sections, details, outcome, options);
}
