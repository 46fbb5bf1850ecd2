// Whether a MARAC pack is ready to send: the common requirements, the MARAC form's own questions
// (who the victim is afraid of, earlier MARACs) and a MARAC criterion met.
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import type { Outcome } from "../outcome";
import { factConflicts } from "./fact-conflicts";
import type { PackCopy } from "./pack-document";
import { commonPackRequirements } from "./common-requirements";
import {
  blank,
  type Collector,
  completenessResult,
  gapActions,
  notKnownWithReason,
  type PackCompleteness,
} from "./completeness-collector";

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
  return completenessResult(collector, factConflicts(caseFile, details), copy, details, outcome);
}
