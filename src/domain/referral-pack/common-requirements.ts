// Requirements both packs share: referrer, victim identity and safe contact, the person causing
// harm, the children, awareness and consent, agencies, actions and the police.
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import { blank, type Collector, notKnownWithReason, requireText } from "./completeness-collector";

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

/** Both packs: a victim who wants to speak to the police about what they disclosed must be put in touch. */
function policeActions(collector: Collector, details: CaseDetails): void {
  if (details.police?.wantsToSpeakToPolice === "yes") {
    collector.actions.push({
      fixPath: "details.police.wantsToSpeakToPolice",
      text: "The victim wants to speak to the police about the offences disclosed: tell the officer in charge, or the police, today.",
    });
  }
}
