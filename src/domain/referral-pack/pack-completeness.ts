// Whether a pack can be marked "ready to send": every required field present, with a link (fixPath)
// to where each missing one is filled in. What is genuinely not known does not block the pack; it
// becomes a follow-up action listed on the pack, so "not known" is never quietly sent as "no".
//
// fixPath names where to fix it: "details.<path>" (the case details form), "answers.<id>" or
// "context.<path>" (the assessment), "assessment" (the assessment as a whole).
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import type { Outcome } from "../outcome";
import { labelForMissing } from "../labels/labels";
import { factConflicts, type FactConflict } from "./fact-conflicts";
import type { PackCopy, PackKind } from "./pack-document";
import { isWithinPath, withheldPathsOf, withholdingPaths } from "./redaction";

export interface MissingPackField {
  fixPath: string;
  /** What is missing, in a few words (the link text). */
  label: string;
  why: string;
}

export interface FollowUpAction {
  fixPath: string;
  text: string;
}

export interface PackCompleteness {
  ready: boolean;
  missing: MissingPackField[];
  actions: FollowUpAction[];
  /** Records that disagree (also listed in `missing`, as things to fix before sending). */
  conflicts: FactConflict[];
  /** The copy this check is for: the full copy needs the safe contact, the wider-sharing copy does not. */
  copy: PackCopy;
}

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === "";

export interface Collector {
  missing: MissingPackField[];
  actions: FollowUpAction[];
}

function requireText(
  collector: Collector,
  value: string | undefined,
  fixPath: string,
  label: string,
  why: string,
): void {
  if (blank(value)) collector.missing.push({ fixPath, label, why });
}

/** Referrer, victim identity and safe contact, the person causing harm, consent and actions: required by both packs. */
export function commonPackRequirements(details: CaseDetails, caseFile: CaseFile): Collector {
  const collector: Collector = { missing: [], actions: [] };
  const { referrer, victim, perpetrator, consent } = details;
  const contact = victim.safeContact ?? {};

  requireText(
    collector,
    referrer.name,
    "details.referrer.name",
    "Referrer's name",
    "The receiving agency must know who to call back.",
  );
  requireText(
    collector,
    referrer.agency,
    "details.referrer.agency",
    "Referring agency",
    "The referral must say which agency it comes from.",
  );
  if (blank(referrer.phone) && blank(referrer.email)) {
    collector.missing.push({
      fixPath: "details.referrer.phone",
      label: "Referrer's phone or email",
      why: "A way to reach the referrer is needed.",
    });
  }

  requireText(
    collector,
    victim.name,
    "details.victim.name",
    "Victim's name",
    "Agencies must be able to find the right person in their records.",
  );
  if (victim.dateOfBirth === undefined) {
    collector.actions.push({
      fixPath: "details.victim.dateOfBirth",
      text: "Find out the victim's date of birth (agencies search their records with it).",
    });
  }
  if (victim.address === undefined) {
    collector.missing.push({
      fixPath: "details.victim.address",
      label: "Victim's address",
      why: 'The address decides which area\'s meeting hears the case; record "no fixed abode" or "not known" if so.',
    });
  } else if (victim.address.kind === "not-known") {
    collector.actions.push({ fixPath: "details.victim.address", text: "Find out where the victim is living." });
  }
  if (blank(contact.phone) && blank(contact.email) && blank(contact.otherSafeMethod)) {
    collector.missing.push({
      fixPath: "details.victim.safeContact",
      label: "A safe way to contact the victim",
      why: "Agencies must be able to reach the victim without alerting the person causing harm.",
    });
  }
  if (!blank(contact.phone) && contact.safeToCall === undefined) {
    collector.missing.push({
      fixPath: "details.victim.safeContact.safeToCall",
      label: "Whether the phone number is safe to call",
      why: "Calling an unsafe number can put the victim in danger.",
    });
  } else if (contact.safeToCall === "not-known") {
    collector.actions.push({
      fixPath: "details.victim.safeContact.safeToCall",
      text: "Check with the victim whether the number is safe to call.",
    });
  }
  requireText(
    collector,
    contact.safeTimes,
    "details.victim.safeContact.safeTimes",
    "Safe times to make contact",
    "Contact at the wrong time can alert the person causing harm.",
  );
  if (victim.interpreterNeeded === undefined) {
    collector.missing.push({
      fixPath: "details.victim.interpreterNeeded",
      label: "Whether an interpreter is needed",
      why: "Agencies must be able to speak with the victim in their own language.",
    });
  } else if (victim.interpreterNeeded === "not-known") {
    collector.actions.push({
      fixPath: "details.victim.interpreterNeeded",
      text: "Find out whether the victim needs an interpreter.",
    });
  } else if (victim.interpreterNeeded === "yes") {
    requireText(
      collector,
      victim.interpreterLanguage,
      "details.victim.interpreterLanguage",
      "Interpreter language",
      "The interpreter's language is needed to book one.",
    );
  }

  requireText(
    collector,
    perpetrator.name,
    "details.perpetrator.name",
    "Name of the person causing harm",
    "Agencies check their records for the person causing harm by name.",
  );
  if (perpetrator.relationship === undefined) {
    collector.missing.push({
      fixPath: "details.perpetrator.relationship",
      label: "Their relationship to the victim",
      why: "The relationship decides which processes apply.",
    });
  }
  const checks = perpetrator.historyChecks ?? caseFile.context?.perpetratorChecks;
  if (checks === undefined) {
    collector.missing.push({
      fixPath: "details.perpetrator.historyChecks",
      label: "Whether history checks were done",
      why: "Answers about their history are only as good as the checks behind them.",
    });
  } else if (checks === "pending") {
    collector.actions.push({
      fixPath: "details.perpetrator.historyChecks",
      text: "Complete the police and agency history checks on the person causing harm.",
    });
  }

  details.children.forEach((child, index) => {
    const base = `details.children[${index}]`;
    const label = `Child ${index + 1}`;
    requireText(
      collector,
      child.name,
      `${base}.name`,
      `${label}: name`,
      "Children's services need to identify each child.",
    );
    if (child.dateOfBirth === undefined && child.age === undefined) {
      collector.missing.push({
        fixPath: `${base}.dateOfBirth`,
        label: `${label}: date of birth or age`,
        why: "Each child's age is needed.",
      });
    }
    if (child.relationshipToPerpetrator === undefined) {
      collector.missing.push({
        fixPath: `${base}.relationshipToPerpetrator`,
        label: `${label}: relationship to the person causing harm`,
        why: "Needed to plan contact and safety.",
      });
    }
    if (blank(child.school)) {
      collector.actions.push({
        fixPath: `${base}.school`,
        text: `${label}: find out the school or nursery, so it can be told of the risk and any orders.`,
      });
    }
  });
  // Children only in the checklist's answers (none recorded anywhere) are a disagreement between
  // records, listed by factConflicts; children recorded in the assessment must be named here.
  const childrenInAssessment = (caseFile.context?.children?.length ?? 0) > 0;
  if (childrenInAssessment && details.children.length === 0) {
    collector.missing.push({
      fixPath: "details.children",
      label: "The children's details",
      why: "The assessment records children; the referral must name them.",
    });
  }

  if (consent.status === undefined) {
    collector.missing.push({
      fixPath: "details.consent.status",
      label: "Whether the victim consents",
      why: "Record consent, or why the referral goes ahead without it.",
    });
  } else if (consent.status !== "given") {
    requireText(
      collector,
      consent.lawfulBasis,
      "details.consent.lawfulBasis",
      "Lawful basis for sharing without consent",
      "Sharing without consent must name its lawful basis.",
    );
    requireText(
      collector,
      consent.reasonWithoutConsent,
      "details.consent.reasonWithoutConsent",
      "Why it is shared without consent",
      "Record why sharing without consent is necessary and proportionate.",
    );
  }
  awarenessRequirements(collector, details);
  if (blank(victim.wishes)) {
    if (consent.status === "not-sought") {
      collector.actions.push({
        fixPath: "details.victim.wishes",
        text: "Ask the victim what they want to happen when it is safe to.",
      });
    } else {
      collector.missing.push({
        fixPath: "details.victim.wishes",
        label: "What the victim wants",
        why: "Their views and wishes shape the plan.",
      });
    }
  }
  if (details.agenciesInvolved.every((agency) => blank(agency))) {
    collector.missing.push({
      fixPath: "details.agenciesInvolved",
      label: "Agencies involved",
      why: 'List the services already working with them (write "none known" if so).',
    });
  }
  requireText(
    collector,
    details.actionsTaken,
    "details.actionsTaken",
    "Immediate safety actions taken",
    "Say what has already been done to keep them safe.",
  );

  policeActions(collector, details);
  if (caseFile.safeToAsk !== "yes") {
    collector.actions.push({
      fixPath: "assessment",
      text: "The questions could not be asked safely: repeat the assessment when it is safe.",
    });
  }
  return collector;
}

/**
 * An answer the forms make mandatory may be "not known", but only with the reason: then it does not
 * block the pack and finding out becomes a follow-up action. A bare "not known" is missing its reason.
 */
function notKnownWithReason(
  collector: Collector,
  reason: string | undefined,
  fixPath: string,
  label: string,
  action: string,
): void {
  requireText(collector, reason, fixPath, label, 'A "not known" answer needs its reason, so no one has to guess.');
  collector.actions.push({ fixPath, text: action });
}

/** Both forms: does the victim (the adult) know about this referral, and if not, why not. */
export function awarenessRequirements(collector: Collector, details: CaseDetails): void {
  const { consent } = details;
  if (consent.victimAware === undefined) {
    collector.missing.push({
      fixPath: "details.consent.victimAware",
      label: "Whether the victim knows about this referral",
      why: "The forms ask whether the victim is aware of the referral, separately from consent.",
    });
  } else if (consent.victimAware === "no") {
    requireText(
      collector,
      consent.whyNotAware,
      "details.consent.whyNotAware",
      "Why the victim is not aware of the referral",
      "Agencies must know why before anyone contacts the victim about it.",
    );
    if (consent.status === "given") {
      collector.missing.push({
        fixPath: "details.consent.victimAware",
        label: "Awareness and consent disagree",
        why: "Consent is recorded as given but the victim is recorded as not aware of the referral: check both answers.",
      });
    }
  } else if (consent.victimAware === "not-known") {
    notKnownWithReason(
      collector,
      consent.awareNotKnownReason,
      "details.consent.awareNotKnownReason",
      "Why it is not known whether the victim is aware",
      "Find out whether the victim knows about the referral, when it is safe to ask.",
    );
  }
}

/** MARAC form: who the victim is afraid of (every potential threat), and any earlier MARAC, here or elsewhere. */
export function maracFormRequirements(collector: Collector, details: CaseDetails, caseFile: CaseFile): void {
  const afraidOf = details.victim.afraidOf;
  if (afraidOf?.answer === undefined) {
    collector.missing.push({
      fixPath: "details.victim.afraidOf",
      label: "Who the victim is afraid of",
      why: "The MARAC form asks about every potential threat, not only the person causing harm.",
    });
  } else if (afraidOf.answer === "named") {
    const people = afraidOf.people ?? [];
    if (people.length === 0) {
      collector.missing.push({
        fixPath: "details.victim.afraidOf.people",
        label: "The people the victim is afraid of",
        why: "Name each person so agencies can check their records for them.",
      });
    }
    people.forEach((person, index) => {
      if (blank(person.name) && blank(person.relationship)) {
        collector.missing.push({
          fixPath: `details.victim.afraidOf.people[${index}].name`,
          label: `Person ${index + 1} the victim is afraid of: name or who they are`,
          why: "Agencies cannot check their records for someone not named or described.",
        });
      }
    });
  } else if (afraidOf.answer === "not-known") {
    notKnownWithReason(
      collector,
      afraidOf.notKnownReason,
      "details.victim.afraidOf.notKnownReason",
      "Why it is not known who the victim is afraid of",
      "Ask the victim, when it is safe to, who they are afraid of: every potential threat, not only the person causing harm.",
    );
  }

  const previous = details.previousMarac;
  const datesInAssessment = caseFile.context?.previousMaracDates ?? [];
  if (previous?.referredBefore === undefined) {
    collector.missing.push({
      fixPath: "details.previousMarac.referredBefore",
      label: "Whether the victim was referred to a MARAC before",
      why:
        datesInAssessment.length > 0
          ? "The assessment records an earlier MARAC date: say where it was heard, here or in another area."
          : "An earlier MARAC, here or in another area, lets the coordinators ask for its records.",
    });
  } else if (previous.referredBefore === "yes") {
    const referrals = previous.referrals ?? [];
    if (referrals.length === 0) {
      collector.missing.push({
        fixPath: "details.previousMarac.referrals",
        label: "Where and when the victim was referred to a MARAC",
        why: "The coordinators need the area and date to ask that MARAC for its records.",
      });
    }
    referrals.forEach((referral, index) => {
      if (!blank(referral.notKnownReason)) {
        if (blank(referral.area) || referral.date === undefined) {
          collector.actions.push({
            fixPath: `details.previousMarac.referrals[${index}]`,
            text: "Ask the MARAC coordinator to find where and when the earlier MARAC heard the case.",
          });
        }
        return;
      }
      const base = `details.previousMarac.referrals[${index}]`;
      const name = referrals.length === 1 ? "Earlier MARAC" : `Earlier MARAC ${index + 1}`;
      if (blank(referral.area)) {
        collector.missing.push({
          fixPath: `${base}.area`,
          label: `${name}: which area`,
          why: 'Record the area, or "not known" with the reason.',
        });
      }
      if (referral.date === undefined) {
        collector.missing.push({
          fixPath: `${base}.date`,
          label: `${name}: date`,
          why: 'Record the date, or "not known" with the reason.',
        });
      }
    });
  } else if (previous.referredBefore === "no" && datesInAssessment.length > 0) {
    collector.missing.push({
      fixPath: "details.previousMarac.referredBefore",
      label: "Earlier MARAC answers disagree",
      why: "The assessment records an earlier MARAC date but the case says the victim was never referred: check both.",
    });
  } else if (previous.referredBefore === "not-known") {
    notKnownWithReason(
      collector,
      previous.notKnownReason,
      "details.previousMarac.notKnownReason",
      "Why it is not known whether the victim was referred before",
      "Ask the MARAC coordinator to check for an earlier referral, here or in another area.",
    );
  }
}

/** Safeguarding-adults concern form: who else is at risk, children or other adults. */
export function othersAtRiskRequirements(collector: Collector, details: CaseDetails): void {
  const others = details.othersAtRisk;
  if (others?.anyone === undefined) {
    collector.missing.push({
      fixPath: "details.othersAtRisk.anyone",
      label: "Whether anyone else is at risk",
      why: "The concern form asks who else is at risk: children (a children's services referral) or other adults.",
    });
  } else if (others.anyone === "yes") {
    requireText(
      collector,
      others.who,
      "details.othersAtRisk.who",
      "Who else is at risk",
      "Name who else is at risk, so each can be safeguarded.",
    );
  } else if (others.anyone === "no" && details.children.some((child) => child.livesWithVictim === "yes")) {
    collector.missing.push({
      fixPath: "details.othersAtRisk.anyone",
      label: "Children living with the adult",
      why: "A child lives with the adult: children living with domestic abuse are at risk themselves. Check the answer.",
    });
  } else if (others.anyone === "not-known") {
    notKnownWithReason(
      collector,
      others.notKnownReason,
      "details.othersAtRisk.notKnownReason",
      "Why it is not known whether anyone else is at risk",
      "Find out whether anyone else (children or other adults) is at risk from the person alleged to cause harm.",
    );
  }
}

/** Both packs: a victim who wants to speak to the police about what they disclosed must be put in touch. */
function policeActions(collector: Collector, details: CaseDetails): void {
  if (details.police?.wantsToSpeakToPolice === "yes") {
    collector.actions.push({
      fixPath: "details.police.wantsToSpeakToPolice",
      text: "The victim wants to speak to the police about the offences disclosed: tell the officer in charge, or the police, today.",
    });
  }
}

function gapActions(outcome: Outcome, details: CaseDetails): FollowUpAction[] {
  // History checks recorded in the case details answer the engine's gap (and "pending" is already an action).
  const checksRecorded = details.perpetrator.historyChecks !== undefined;
  return outcome.missingInformation
    .filter((gap) => !(checksRecorded && gap.field === "context.perpetratorChecks"))
    .map((gap) => {
      return { fixPath: gap.field, text: `${labelForMissing(gap.field)}: ${gap.why}` };
    });
}

/** The safe contact belongs to the full copy: the copy for wider sharing is never the route to the victim. */
export const FULL_COPY_ONLY_PATHS: readonly string[] = ["details.victim.safeContact"];

/**
 * What the chosen copy needs. The full copy needs everything; the copy for wider sharing does not
 * need the safe contact, nor any fact withheld from it (it would show only the withheld marker).
 */
function result(
  collector: Collector,
  conflicts: FactConflict[],
  copy: PackCopy,
  details: CaseDetails,
  outcome: Outcome,
): PackCompleteness {
  const missing = [
    ...collector.missing,
    ...conflicts.map((found) => ({
      fixPath: found.fixPath,
      label: `Records disagree: ${found.topic}`,
      why: found.sentence,
    })),
  ];
  const withheld = withheldPathsOf(details, outcome.nonDisclosure);
  const needed =
    copy === "referrer"
      ? missing
      : missing.filter(
          (field) =>
            !FULL_COPY_ONLY_PATHS.some((path) => isWithinPath(field.fixPath, path)) &&
            withholdingPaths([field.fixPath], withheld).length === 0,
        );
  return { ready: needed.length === 0, missing: needed, actions: collector.actions, conflicts, copy };
}

/** Required for a MARAC pack: the common fields, and a MARAC criterion met (else professional judgement is needed). */
export function checkMaracPackCompleteness(
  details: CaseDetails,
  caseFile: CaseFile,
  outcome: Outcome,
  copy: PackCopy = "referrer",
): PackCompleteness {
  const collector = commonPackRequirements(details, caseFile);
  maracFormRequirements(collector, details, caseFile);
  if (!outcome.marac.refer) {
    collector.missing.push({
      fixPath: "assessment.professionalJudgement",
      label: "A MARAC criterion",
      why: "No MARAC criterion is met: record professional judgement (high) with a rationale if you are referring.",
    });
  }
  collector.actions.push(...gapActions(outcome, details));
  return result(collector, factConflicts(caseFile, details), copy, details, outcome);
}

/** Required for an s42 pack: the common fields, the care-and-support facts and capacity recorded. */
export function checkS42PackCompleteness(
  details: CaseDetails,
  caseFile: CaseFile,
  outcome: Outcome,
  copy: PackCopy = "referrer",
): PackCompleteness {
  const collector = commonPackRequirements(details, caseFile);
  othersAtRiskRequirements(collector, details);
  const care = caseFile.context?.careAndSupport;
  if (care === undefined && outcome.s42.decision !== "refer") {
    collector.missing.push({
      fixPath: "context.careAndSupport",
      label: "Care and support",
      why: "The three s42 tests need the care-and-support facts.",
    });
  }
  if (outcome.s42.decision === "not-met") {
    collector.missing.push({
      fixPath: "context.careAndSupport",
      label: "An s42 test answered no",
      why: "A test is answered no: check the answers, or raise the concern another way (for example MARM).",
    });
  }
  const tests = outcome.s42.tests;
  const testLabels = {
    needs: "care and support needs",
    abuseOrNeglect: "abuse or neglect",
    unableToProtectSelf: "unable to protect themselves",
  } as const;
  for (const test of ["needs", "abuseOrNeglect", "unableToProtectSelf"] as const) {
    if (tests[test] === "not-known") {
      collector.actions.push({
        fixPath: `context.careAndSupport.${test}`,
        text: `s42 test not yet known (${testLabels[test]}): find out during the enquiry.`,
      });
    }
  }
  if (tests.needs === "yes" && (care?.needsKinds?.length ?? 0) === 0) {
    collector.missing.push({
      fixPath: "context.careAndSupport.needsKinds",
      label: "What the care and support needs are",
      why: "The first test needs the kind of need (e.g. substance dependence).",
    });
  }
  if (blank(care?.rationale)) {
    collector.missing.push({
      fixPath: "context.careAndSupport.rationale",
      label: "Why they cannot protect themselves",
      why: "The third test needs the reason in the assessor's words.",
    });
  }
  if (care?.capacity === undefined) {
    collector.missing.push({
      fixPath: "context.careAndSupport.capacity",
      label: "Mental capacity",
      why: "Record capacity separately (it is not part of the test).",
    });
  } else if (care.capacity === "not-assessed") {
    collector.actions.push({
      fixPath: "context.careAndSupport.capacity",
      text: "Capacity not assessed: assess it for the decisions in question (it does not decide the test).",
    });
  }
  collector.actions.push(...gapActions(outcome, details));
  return result(collector, factConflicts(caseFile, details), copy, details, outcome);
}

/** Whether the chosen copy of a pack is ready to send (default: the full copy, which needs the most). */
export function checkPackCompleteness(
  kind: PackKind,
  details: CaseDetails,
  caseFile: CaseFile,
  outcome: Outcome,
  copy: PackCopy = "referrer",
): PackCompleteness {
  return kind === "marac"
    ? checkMaracPackCompleteness(details, caseFile, outcome, copy)
    : checkS42PackCompleteness(details, caseFile, outcome, copy);
}
