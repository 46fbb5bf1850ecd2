// Whether an s42 pack is ready to send: the common requirements, who else is at risk, the
// care-and-support facts behind the three tests, and capacity recorded.
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
  requireText,
} from "./completeness-collector";

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
  return completenessResult(collector, factConflicts(caseFile, details), copy, details, outcome);
}
