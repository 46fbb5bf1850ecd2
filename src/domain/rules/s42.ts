import type { CaseFile } from "../case-file";
import { isWithinMonthsBefore } from "../dates";
import type { MissingInformation, S42Outcome, TestAnswer } from "../outcome";

const CAPACITY_WORDS: Record<string, string> = {
  "has-capacity": "has capacity",
  "lacks-capacity": "lacks capacity",
  "not-assessed": "not assessed",
};

// Care Act 2014 s42: the duty to make enquiries arises when an adult (1) has care and support
// needs, whether or not met, (2) is experiencing or at risk of abuse or neglect, and (3) because
// of those needs cannot protect themselves. Capacity is recorded but is never one of the tests:
// reviews found enquiries declined because a person "had capacity" or because addiction was
// read as a choice.

const TESTS = ["needs", "abuseOrNeglect", "unableToProtectSelf"] as const;
type TestName = (typeof TESTS)[number];

const TEST_LABELS: Record<TestName, string> = {
  needs: "care and support needs (whether or not they are being met)",
  abuseOrNeglect: "experiencing, or at risk of, abuse or neglect",
  unableToProtectSelf: "unable to protect themselves because of those needs",
};

export interface S42Result {
  outcome: S42Outcome;
  missing: MissingInformation[];
}

/** Safeguarding concerns dated within the window before the assessment. */
export function recentSafeguardingConcerns(caseFile: CaseFile, assessmentDate: string, months: number): number {
  return (caseFile.context?.safeguardingConcerns ?? []).filter((c) =>
    isWithinMonthsBefore(c.date, assessmentDate, months),
  ).length;
}

export function decideS42(
  caseFile: CaseFile,
  assessmentDate: string,
  policy: { s42ConcernsCount: number; s42ConcernsMonths: number },
): S42Result {
  const care = caseFile.context?.careAndSupport;
  const tests: Record<TestName, TestAnswer> = {
    needs: care?.needs ?? "not-known",
    abuseOrNeglect: care?.abuseOrNeglect ?? "not-known",
    unableToProtectSelf: care?.unableToProtectSelf ?? "not-known",
  };
  const concerns = recentSafeguardingConcerns(caseFile, assessmentDate, policy.s42ConcernsMonths);
  const concernsRuleMet = concerns >= policy.s42ConcernsCount;
  const anyNo = TESTS.some((t) => tests[t] === "no");
  const allYes = TESTS.every((t) => tests[t] === "yes");
  const unknownTests = TESTS.filter((t) => tests[t] === "not-known");
  const evidence: string[] = [];
  if (care) evidence.push(...TESTS.filter((t) => care[t] !== undefined).map((t) => `context.careAndSupport.${t}`));
  if (concernsRuleMet) evidence.push("context.safeguardingConcerns");

  const reasons: string[] = [];
  for (const t of TESTS) {
    if (tests[t] === "yes") reasons.push(`Met: ${TEST_LABELS[t]}.`);
    else if (tests[t] === "no") reasons.push(`Not met: ${TEST_LABELS[t]} was recorded as no.`);
  }
  if (care?.needsKinds?.includes("substance-dependence")) {
    reasons.push("Substance dependence is a care and support need, not a lifestyle choice.");
  }
  if (care?.capacity) {
    reasons.push(
      `Capacity is recorded (${CAPACITY_WORDS[care.capacity]}). It is not one of the three tests: having capacity does not mean a person can protect themselves.`,
    );
  }
  if (concernsRuleMet) {
    reasons.push(
      `${concerns} adult safeguarding concerns in the last ${policy.s42ConcernsMonths} months (threshold ${policy.s42ConcernsCount}): repeated concerns call for an enquiry.`,
    );
  }

  const missingTests = (why: string): MissingInformation[] =>
    unknownTests.map((t) => ({ field: `context.careAndSupport.${t}`, why: `${why}: is the adult ${TEST_LABELS[t]}?` }));

  let decision: S42Outcome["decision"];
  let missing: MissingInformation[] = [];
  if (anyNo) {
    decision = "not-met";
  } else if (allYes || concernsRuleMet) {
    decision = "refer";
    reasons.unshift(
      allYes
        ? "All three s42 tests are met: refer for an adult safeguarding enquiry."
        : "Refer for an adult safeguarding enquiry.",
    );
    missing = missingTests("Still to establish for the s42 referral");
  } else if (care) {
    decision = "insufficient-information";
    reasons.unshift("Not enough is known to decide the s42 test: find out what is missing and consider a referral.");
    missing = missingTests("Needed to decide the s42 test");
  } else {
    decision = "not-assessed";
    reasons.unshift("Care and support needs were not assessed.");
  }
  return {
    outcome: {
      decision,
      tests,
      reasons,
      evidence,
      ...(care?.capacity ? { capacity: care.capacity } : {}),
    },
    missing,
  };
}
