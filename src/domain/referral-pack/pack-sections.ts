// Section builders shared by the MARAC and s42 packs: the same facts, framed for each referral.
// One row per fact, each naming the path it came from; no row ever joins several people's or
// several fields' text unless it lists every one of those paths (redaction relies on it).
import { ASSESSOR_ROLE_LABELS, type AnswerSource, type AnswerValue } from "../answers";
import type { Address, CaseDetails, FearedPerson } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import { answerValueOf } from "../case-facts";
import type { Outcome } from "../outcome";
import { questionById, QUESTION_SETS, SUPPLEMENTARY_QUESTIONS } from "../question-sets/question-set-registry";
import { item, listRow, NOT_RECORDED, row, type PackListItem, type PackRow, type PackSection } from "./pack-document";
import { describeLevel } from "../certainty/describe-level";
import { labelForEvidence, labelForFloorRule, labelForMissing, ORDER_TYPE_LABELS } from "../labels/labels";
import { factConflicts, type FactConflict } from "./fact-conflicts";
import { packPathOf } from "./redaction";

export const ANSWER_LABELS: Record<AnswerValue | "not-asked", string> = {
  yes: "Yes",
  no: "No",
  "not-known": "Not known",
  "not-asked": "Not asked",
};

export const SOURCE_LABELS: Record<AnswerSource, string> = {
  victim: "the victim",
  observed: "observed by the assessor",
  records: "records",
  "third-party": "a third party",
};

export const ROLE_LABELS: Record<string, string> = ASSESSOR_ROLE_LABELS;

const RELATIONSHIP_LABELS: Record<string, string> = {
  "current-partner": "Current partner",
  "ex-partner": "Ex-partner",
  "family-member": "Family member",
  carer: "Carer",
  other: "Other",
};

const CHILD_RELATIONSHIP_LABELS: Record<string, string> = {
  child: "Their child",
  "step-child": "Their step-child",
  none: "Not related to them",
};

const CHECK_LABELS: Record<string, string> = {
  done: "Done",
  pending: "Pending: not yet checked",
  "not-possible": "Not possible",
};

export const LEVEL_LABELS: Record<string, string> = { standard: "Standard", medium: "Medium", high: "High" };

export function answerLabel(value: AnswerValue | undefined): string | undefined {
  return value === undefined ? undefined : ANSWER_LABELS[value];
}

/** Readable text for an evidence path, for lists of evidence ("dash.strangulation" → its risk factor). */
export function evidenceText(evidence: string): string {
  return labelForEvidence(evidence);
}

export function evidenceItems(evidence: readonly string[]): PackListItem[] {
  return evidence.map((path) => item(evidenceText(path), [packPathOf(path)]));
}

function addressText(address: Address | undefined): string | undefined {
  if (address === undefined) return undefined;
  if (address.kind === "no-fixed-abode") return `No fixed abode${address.text ? `: ${address.text}` : ""}`;
  if (address.kind === "not-known") return `Not known${address.text ? `: ${address.text}` : ""}`;
  return address.text;
}

/** "2024-06-02T09:30:00.000Z" → "2024-06-02 09:30 UTC": unambiguous in print, whatever the reader's zone. */
export function dateTimeText(iso: string): string {
  return iso.replace("T", " ").replace(/:\d{2}(\.\d+)?Z$/, " UTC");
}

// ----------------------------------------------------------------------------- sections

export function referralSection(details: CaseDetails, caseFile: CaseFile, preparedAt: string): PackSection {
  const { referrer } = details;
  return {
    id: "referrer",
    title: "Referrer and agency",
    rows: [
      row("Referring agency", referrer.agency, ["details.referrer.agency"]),
      row("Referrer's name", referrer.name, ["details.referrer.name"]),
      row("Referrer's role", referrer.role === undefined ? undefined : ROLE_LABELS[referrer.role], [
        "details.referrer.role",
      ]),
      row("Referrer's phone", referrer.phone, ["details.referrer.phone"]),
      row("Referrer's email", referrer.email, ["details.referrer.email"]),
      row("Date prepared", dateTimeText(preparedAt), ["preparedAt"]),
      row("Date of the risk assessment", dateTimeText(caseFile.assessedAt), ["assessedAt"]),
      row(
        "Assessed by",
        [ROLE_LABELS[caseFile.assessor.role] ?? caseFile.assessor.role, caseFile.assessor.agency]
          .filter(Boolean)
          .join(", "),
        ["assessor"],
      ),
    ],
  };
}

export function victimSection(details: CaseDetails, caseFile: CaseFile, title: string): PackSection {
  const { victim } = details;
  const contact = victim.safeContact ?? {};
  const context = caseFile.context ?? {};
  return {
    id: "victim",
    title,
    rows: [
      row("Name", victim.name, ["details.victim.name"]),
      row("Other names or spellings", victim.otherNames, ["details.victim.otherNames"]),
      row("Date of birth", victim.dateOfBirth, ["details.victim.dateOfBirth"]),
      row("Gender", victim.gender, ["details.victim.gender"]),
      row("Address", addressText(victim.address), ["details.victim.address.kind", "details.victim.address.text"]),
      row("Postcode", victim.address?.postcode, ["details.victim.address.postcode"]),
      row("Safe phone number", contact.phone, ["details.victim.safeContact.phone"]),
      row("Safe to call", answerLabel(contact.safeToCall), ["details.victim.safeContact.safeToCall"]),
      row("Safe to text", answerLabel(contact.safeToText), ["details.victim.safeContact.safeToText"]),
      row("Safe to leave a message", answerLabel(contact.safeToLeaveMessage), [
        "details.victim.safeContact.safeToLeaveMessage",
      ]),
      row("Safe times to make contact", contact.safeTimes, ["details.victim.safeContact.safeTimes"]),
      row("Other safe way to make contact", contact.otherSafeMethod, ["details.victim.safeContact.otherSafeMethod"]),
      row("Safe email", contact.email, ["details.victim.safeContact.email"]),
      row("Languages", victim.languages, ["details.victim.languages"]),
      row("Interpreter needed", answerLabel(victim.interpreterNeeded), ["details.victim.interpreterNeeded"]),
      ...(victim.interpreterNeeded === "yes"
        ? [row("Interpreter language", victim.interpreterLanguage, ["details.victim.interpreterLanguage"])]
        : []),
      row("Diversity, disability and access needs", victim.diversityAndAccessNeeds, [
        "details.victim.diversityAndAccessNeeds",
      ]),
      row("GP practice", victim.gpPractice, ["details.victim.gpPractice"]),
      // Two different facts, each printed with its own meaning (question 9 also covers a baby born
      // in the last 18 months, so "not pregnant now" beside a question 9 "yes" is not a contradiction).
      row("Pregnant now", answerLabel(context.pregnant), ["context.pregnant"]),
      row(
        "Pregnant or had a baby in the last 18 months (checklist question 9)",
        ANSWER_LABELS[answerValueOf(caseFile.answers["dash.pregnancy"])],
        ["answers.dash.pregnancy"],
      ),
      row("Housing", context.housing, ["context.housing"]),
      listRow(
        "Own substance use",
        (context.substanceUse ?? []).map((tag) => item(tag, [`context.substanceUse.${tag}`])),
        ["context.substanceUse"],
        context.substanceUse === undefined ? NOT_RECORDED : "None",
      ),
    ],
  };
}

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

export function perpetratorSection(details: CaseDetails, caseFile: CaseFile, title: string): PackSection {
  const { perpetrator } = details;
  const context = caseFile.context ?? {};
  const checks = perpetrator.historyChecks ?? context.perpetratorChecks;
  const checksSource =
    perpetrator.historyChecks !== undefined ? "details.perpetrator.historyChecks" : "context.perpetratorChecks";
  const checksConflict = factConflicts(caseFile, details).find((found) => found.id === "history-checks-disagree");
  return {
    id: "perpetrator",
    title,
    rows: [
      row("Name", perpetrator.name, ["details.perpetrator.name"]),
      row("Other names or spellings", perpetrator.otherNames, ["details.perpetrator.otherNames"]),
      row("Date of birth", perpetrator.dateOfBirth, ["details.perpetrator.dateOfBirth"]),
      row(
        "Relationship to the victim",
        perpetrator.relationship === undefined ? undefined : RELATIONSHIP_LABELS[perpetrator.relationship],
        ["details.perpetrator.relationship"],
      ),
      row("About the relationship", perpetrator.relationshipDetail, ["details.perpetrator.relationshipDetail"]),
      row("Address", addressText(perpetrator.address), ["details.perpetrator.address"]),
      checksConflict
        ? row("History checks (police and agency records)", `Records disagree: ${checksConflict.sentence}`, [
            "details.perpetrator.historyChecks",
            "context.perpetratorChecks",
          ])
        : row("History checks (police and agency records)", checks === undefined ? undefined : CHECK_LABELS[checks], [
            checksSource,
          ]),
      row("About the checks", perpetrator.historyChecksNote, ["details.perpetrator.historyChecksNote"]),
      listRow(
        "Known history",
        (context.perpetratorHistory ?? []).map((tag) =>
          item(tag.replace(/-/g, " "), [`context.perpetratorHistory.${tag}`]),
        ),
        [],
        context.perpetratorHistory === undefined ? NOT_RECORDED : "None recorded",
      ),
    ],
  };
}

export function childrenSection(details: CaseDetails, caseFile: CaseFile): PackSection {
  const rows: PackRow[] = [];
  details.children.forEach((child, index) => {
    const number = index + 1;
    const base = `details.children[${index}]`;
    rows.push(
      row(`Child ${number}: name`, child.name, [`${base}.name`]),
      row(
        `Child ${number}: date of birth or age`,
        child.dateOfBirth ?? (child.age === undefined ? undefined : `Aged ${child.age}`),
        [`${base}.dateOfBirth`, `${base}.age`],
      ),
      row(`Child ${number}: school or nursery`, child.school, [`${base}.school`]),
      row(
        `Child ${number}: relationship to the person causing harm`,
        child.relationshipToPerpetrator === undefined
          ? undefined
          : CHILD_RELATIONSHIP_LABELS[child.relationshipToPerpetrator],
        [`${base}.relationshipToPerpetrator`],
      ),
      row(`Child ${number}: lives with the victim`, answerLabel(child.livesWithVictim), [`${base}.livesWithVictim`]),
    );
  });
  if (details.children.length === 0) {
    const recorded = caseFile.context?.children ?? [];
    recorded.forEach((child, index) => {
      rows.push(
        row(
          `Child ${index + 1} (from the assessment)`,
          `${child.age === undefined ? "age not recorded" : `aged ${child.age}`}; ${CHILD_RELATIONSHIP_LABELS[child.relationshipToPerpetrator]?.toLowerCase()}`,
          [`context.children[${index}]`],
        ),
      );
    });
    const none = factConflicts(caseFile, details).find((found) => found.id === "children-none-recorded");
    if (recorded.length === 0)
      rows.push(
        none
          ? row("Children", `Records disagree: ${none.sentence}`, [
              "details.children",
              "context.children",
              ...none.sources.map((source) => source.path),
            ])
          : row("Children", "None recorded", ["details.children", "context.children"]),
      );
  }
  rows.push(row("Other dependants", details.otherDependants, ["details.otherDependants"]));
  return { id: "children", title: "Children and dependants", rows };
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

/**
 * An answer the forms make mandatory, with its "not known" reason beside it: "Not known: she has not
 * been seen since" — or a bare "Not known" when no reason was recorded, which the form check flags.
 */
export function answerOrNotKnown(
  value: AnswerValue | undefined,
  notKnownReason: string | undefined,
): string | undefined {
  if (value !== "not-known") return answerLabel(value);
  const reason = notKnownReason?.trim();
  return reason ? `Not known: ${reason}` : ANSWER_LABELS["not-known"];
}

/** Labels of the awareness question, in each form's words. */
export interface AwarenessLabels {
  aware: string;
  whyNot: string;
}

export function awarenessRows(details: CaseDetails, labels: AwarenessLabels): PackRow[] {
  const { consent } = details;
  return [
    row(labels.aware, answerOrNotKnown(consent.victimAware, consent.awareNotKnownReason), [
      "details.consent.victimAware",
      ...(consent.victimAware === "not-known" ? ["details.consent.awareNotKnownReason"] : []),
    ]),
    ...(consent.victimAware === "no" ? [row(labels.whyNot, consent.whyNotAware, ["details.consent.whyNotAware"])] : []),
  ];
}

function fearedPersonText(person: FearedPerson): string {
  const who = [person.name?.trim(), person.relationship?.trim() ? `(${person.relationship.trim()})` : undefined]
    .filter(Boolean)
    .join(" ");
  const details = person.details?.trim();
  return `${who || "Not named or described"}${details ? `: ${details}` : ""}`;
}

/** MARAC form: who the victim is afraid of (every potential threat) and who it is safe, and not safe, to talk to. */
export function threatsSection(details: CaseDetails): PackSection {
  const { victim } = details;
  const afraidOf = victim.afraidOf;
  const afraidOfRow = (): PackRow => {
    const label = "Who the victim is afraid of (every potential threat, not only the person causing harm)";
    if (afraidOf?.answer === "named") {
      return listRow(
        label,
        (afraidOf.people ?? []).map((person, index) =>
          item(fearedPersonText(person), [`details.victim.afraidOf.people[${index}]`]),
        ),
        ["details.victim.afraidOf"],
        NOT_RECORDED,
      );
    }
    const text =
      afraidOf?.answer === "no-one"
        ? "The victim says they are not afraid of anyone"
        : afraidOf?.answer === "not-known"
          ? answerOrNotKnown("not-known", afraidOf.notKnownReason)
          : undefined;
    return row(label, text, ["details.victim.afraidOf"]);
  };
  return {
    id: "threats",
    title: "Who the victim is afraid of, and who is safe to talk to",
    rows: [
      afraidOfRow(),
      row("Who the victim believes it is safe to talk to", victim.safeToTalkTo, ["details.victim.safeToTalkTo"]),
      row("Who the victim believes it is not safe to talk to", victim.notSafeToTalkTo, [
        "details.victim.notSafeToTalkTo",
      ]),
    ],
  };
}

/** Earlier MARAC referrals recorded in the case details: where (this area or another) and when. */
export function previousMaracRows(details: CaseDetails): PackRow[] {
  const previous = details.previousMarac;
  const rows: PackRow[] = [
    row(
      "Referred to a MARAC before, here or in another area",
      answerOrNotKnown(previous?.referredBefore, previous?.notKnownReason),
      [
        "details.previousMarac.referredBefore",
        ...(previous?.referredBefore === "not-known" ? ["details.previousMarac.notKnownReason"] : []),
      ],
    ),
  ];
  if (previous?.referredBefore !== "yes") return rows;
  const referrals = previous.referrals ?? [];
  if (referrals.length === 0) rows.push(row("Where and when", undefined, ["details.previousMarac.referrals"]));
  referrals.forEach((referral, index) => {
    const base = `details.previousMarac.referrals[${index}]`;
    const name = referrals.length === 1 ? "Earlier MARAC" : `Earlier MARAC ${index + 1}`;
    const reason = referral.notKnownReason?.trim();
    const notKnown = reason ? `Not known: ${reason}` : undefined;
    if (referral.date === undefined && !referral.area?.trim() && notKnown) {
      rows.push(row(`${name}: where and when`, notKnown, [`${base}.area`, `${base}.date`, `${base}.notKnownReason`]));
      return;
    }
    rows.push(
      row(`${name}: which area's MARAC`, referral.area?.trim() ? referral.area : notKnown, [`${base}.area`]),
      row(`${name}: date`, referral.date ?? notKnown, [`${base}.date`]),
    );
  });
  return rows;
}

/** Crime reference numbers, the officer in charge, and whether the victim wants to speak to the police. */
export function policeSection(details: CaseDetails): PackSection {
  const police = details.police ?? {};
  const officer = police.officerInCharge ?? {};
  const base = "details.police.officerInCharge";
  return {
    id: "police",
    title: "Police involvement",
    rows: [
      listRow(
        "Crime reference numbers",
        (police.crimeReferences ?? [])
          .map((reference, index) => ({ reference: reference.trim(), index }))
          .filter(({ reference }) => reference !== "")
          .map(({ reference, index }) => item(reference, [`details.police.crimeReferences[${index}]`])),
        ["details.police.crimeReferences"],
        NOT_RECORDED,
      ),
      row("Officer in charge", officer.name, [`${base}.name`]),
      row("Officer in charge: rank and number", officer.rankAndNumber, [`${base}.rankAndNumber`]),
      row("Officer in charge: phone", officer.phone, [`${base}.phone`]),
      row("Officer in charge: email", officer.email, [`${base}.email`]),
      row(
        "Does the victim want to speak to the police about offences disclosed here",
        answerLabel(police.wantsToSpeakToPolice),
        ["details.police.wantsToSpeakToPolice"],
      ),
      row("Why (in the victim's words where possible)", police.wantsToSpeakToPoliceReason, [
        "details.police.wantsToSpeakToPoliceReason",
      ]),
    ],
  };
}

/** Safeguarding-adults concern form: who else is at risk from the person causing harm, children or other adults. */
export function othersAtRiskRows(details: CaseDetails): PackRow[] {
  const others = details.othersAtRisk;
  const childCount = details.children.length;
  return [
    row("Is anyone else at risk (children or other adults)", answerOrNotKnown(others?.anyone, others?.notKnownReason), [
      "details.othersAtRisk.anyone",
      ...(others?.anyone === "not-known" ? ["details.othersAtRisk.notKnownReason"] : []),
    ]),
    ...(others?.anyone === "yes" ? [row("Who else is at risk", others.who, ["details.othersAtRisk.who"])] : []),
    ...(childCount > 0
      ? [
          row(
            "Children named in this referral",
            `${childCount === 1 ? "One child" : `${childCount} children`}: see "Children and dependants"`,
            ["details.children"],
          ),
        ]
      : []),
  ];
}

export function consentSection(
  details: CaseDetails,
  title: string,
  wishesLabel: string,
  awarenessLabels: AwarenessLabels,
): PackSection {
  const { consent } = details;
  const consentText: Record<string, string> = {
    given: "Given",
    refused: "Refused",
    "not-sought": "Not sought (not safe or not possible to ask)",
  };
  const withoutConsent = consent.status !== "given";
  return {
    id: "consent",
    title,
    rows: [
      row(wishesLabel, details.victim.wishes, ["details.victim.wishes"]),
      ...awarenessRows(details, awarenessLabels),
      row("Consent to this referral", consent.status === undefined ? undefined : consentText[consent.status], [
        "details.consent.status",
      ]),
      ...(withoutConsent
        ? [
            row("Lawful basis for sharing without consent", consent.lawfulBasis, ["details.consent.lawfulBasis"]),
            row("Why it is shared without consent", consent.reasonWithoutConsent, [
              "details.consent.reasonWithoutConsent",
            ]),
          ]
        : []),
    ],
  };
}

export function agenciesRow(details: CaseDetails): PackRow {
  return listRow(
    "Agencies involved",
    details.agenciesInvolved.map((agency, index) => item(agency, [`details.agenciesInvolved[${index}]`])),
    ["details.agenciesInvolved"],
    NOT_RECORDED,
  );
}

export function actionsRows(details: CaseDetails, caseFile: CaseFile): PackRow[] {
  return [
    row("Immediate safety actions already taken", details.actionsTaken, ["details.actionsTaken"]),
    listRow(
      "Protective orders",
      (caseFile.context?.protectiveOrders ?? []).map((order, index) =>
        item(
          [
            ORDER_TYPE_LABELS[order.type],
            order.granted ? `granted ${order.granted}` : undefined,
            order.expires ? `expires ${order.expires}` : "no expiry recorded",
          ]
            .filter(Boolean)
            .join(", "),
          [`context.protectiveOrders[${index}]`],
        ),
      ),
      [],
      "None recorded",
    ),
  ];
}

const PATHWAY_LABELS: Record<string, string> = {
  marac: "MARAC",
  s42: "Care Act s42 adult safeguarding",
  marm: "MARM (multi-agency risk management)",
  "childrens-services": "Children's services",
  idva: "IDVA",
  "stalking-advocacy": "Stalking advocacy",
};

export function pathwayLabel(pathway: string): string {
  return PATHWAY_LABELS[pathway] ?? pathway;
}

/** Each pathway the outcome refers to or asks to consider, with its reasons and evidence. */
export function pathwaysRow(outcome: Outcome, label: string, except: string): PackRow {
  return listRow(
    label,
    outcome.pathways
      .filter((pathway) => pathway.pathway !== except && pathway.decision !== "not-met")
      .map((pathway) =>
        item(
          `${pathwayLabel(pathway.pathway)}: ${pathway.decision === "refer" ? "refer" : "consider"}. ${pathway.reasons.join(" ")}`,
          pathway.evidence.map(packPathOf),
        ),
      ),
    [],
    "None",
  );
}
