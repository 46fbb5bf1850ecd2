// @vitest-environment node
import { describe, it, expect } from "vitest";
import type { CareAndSupport } from "../../case-file";
import { DEFAULT_POLICY } from "../../policy";
import { decideS42, recentSafeguardingConcerns } from "../s42";
import {
  ASSESSMENT_DATE,
  assessBuilt,
  buildCase,
  missingFields,
  pathwayOf,
  policyWith,
  withYes,
  type CaseOptions,
} from "../../__tests__/case-builder";

type TestValue = "yes" | "no" | "not-known" | undefined;
const TESTS = ["needs", "abuseOrNeglect", "unableToProtectSelf"] as const;
const VALUES: TestValue[] = ["yes", "no", "not-known", undefined];
const CAPACITIES = ["has-capacity", "lacks-capacity", "not-assessed", undefined] as const;

function careOf(values: TestValue[], capacity?: CareAndSupport["capacity"]): CareAndSupport {
  const care: CareAndSupport = {};
  TESTS.forEach((t, i) => {
    if (values[i] !== undefined) care[t] = values[i];
  });
  if (capacity !== undefined) care.capacity = capacity;
  return care;
}

const s42 = (options: CaseOptions, policy = DEFAULT_POLICY) => decideS42(buildCase(options), ASSESSMENT_DATE, policy);

const allCombinations: TestValue[][] = VALUES.flatMap((a) => VALUES.flatMap((b) => VALUES.map((c) => [a, b, c])));
const label = (values: TestValue[]) => values.map((v) => v ?? "(left out)").join(" / ");

const threeRecentConcerns = [{ date: "2024-01-01" }, { date: "2023-12-01", agency: "health" }, { date: "2023-10-01" }];

describe("the three s42 tests, every combination (careAndSupport recorded)", () => {
  it.each(allCombinations.map((values) => [label(values), values] as const))("%s", (_name, values) => {
    const { outcome, missing } = s42({ context: { careAndSupport: careOf(values) } });
    const effective = values.map((v) => v ?? "not-known");
    expect(outcome.tests).toEqual({
      needs: effective[0],
      abuseOrNeglect: effective[1],
      unableToProtectSelf: effective[2],
    });
    const unknown = TESTS.filter((_, i) => effective[i] === "not-known").map((t) => `context.careAndSupport.${t}`);
    if (effective.includes("no")) {
      expect(outcome.decision).toBe("not-met");
    } else if (effective.every((v) => v === "yes")) {
      expect(outcome.decision).toBe("refer");
      expect(missing).toEqual([]);
    } else {
      expect(outcome.decision).toBe("insufficient-information");
      expect(missing.map((m) => m.field)).toEqual(unknown);
    }
  });

  it("a test left out of careAndSupport counts as not-known", () => {
    const { outcome, missing } = s42({ context: { careAndSupport: { needs: "yes", abuseOrNeglect: "yes" } } });
    expect(outcome.tests.unableToProtectSelf).toBe("not-known");
    expect(outcome.decision).toBe("insufficient-information");
    expect(missing.map((m) => m.field)).toEqual(["context.careAndSupport.unableToProtectSelf"]);
  });

  it("an empty careAndSupport is insufficient information with all three tests missing", () => {
    const { outcome, missing } = s42({ context: { careAndSupport: {} } });
    expect(outcome.decision).toBe("insufficient-information");
    expect(missing.map((m) => m.field)).toEqual(TESTS.map((t) => `context.careAndSupport.${t}`));
  });
});

describe("capacity is recorded but never changes the decision", () => {
  it("the decision is the same for has-capacity, lacks-capacity, not-assessed and none, in every combination", () => {
    for (const values of allCombinations) {
      for (const concerns of [[], threeRecentConcerns]) {
        const decisions = CAPACITIES.map(
          (capacity) =>
            s42({ context: { careAndSupport: careOf(values, capacity), safeguardingConcerns: concerns } }).outcome
              .decision,
        );
        expect(new Set(decisions).size, `${label(values)}, ${concerns.length} concerns: ${decisions.join(", ")}`).toBe(
          1,
        );
      }
    }
  });

  it("having capacity does not stop a referral when all three tests are met", () => {
    const { outcome } = s42({
      context: {
        careAndSupport: { needs: "yes", abuseOrNeglect: "yes", unableToProtectSelf: "yes", capacity: "has-capacity" },
      },
    });
    expect(outcome.decision).toBe("refer");
    expect(outcome.capacity).toBe("has-capacity");
  });
});

describe("the concerns rule (3 concerns within 6 months)", () => {
  it("refers even with careAndSupport absent, and still lists the unknown tests as missing", () => {
    const { outcome, missing } = s42({ context: { safeguardingConcerns: threeRecentConcerns } });
    expect(outcome.decision).toBe("refer");
    expect(outcome.evidence).toContain("context.safeguardingConcerns");
    expect(missing.map((m) => m.field)).toEqual(TESTS.map((t) => `context.careAndSupport.${t}`));
  });

  it("refers over unknown tests, listing the ones still unknown", () => {
    const { outcome, missing } = s42({
      context: {
        safeguardingConcerns: threeRecentConcerns,
        careAndSupport: { needs: "yes", abuseOrNeglect: "not-known" },
      },
    });
    expect(outcome.decision).toBe("refer");
    expect(missing.map((m) => m.field)).toEqual([
      "context.careAndSupport.abuseOrNeglect",
      "context.careAndSupport.unableToProtectSelf",
    ]);
  });

  it("a concern exactly 6 months before (2023-09-10 for 2024-03-10) counts", () => {
    const concerns = [{ date: "2023-09-10" }, { date: "2024-01-01" }, { date: "2024-02-01" }];
    expect(
      recentSafeguardingConcerns(buildCase({ context: { safeguardingConcerns: concerns } }), ASSESSMENT_DATE, 6),
    ).toBe(3);
    expect(s42({ context: { safeguardingConcerns: concerns } }).outcome.decision).toBe("refer");
  });

  it("a concern 6 months and one day before (2023-09-09) does not count", () => {
    const concerns = [{ date: "2023-09-09" }, { date: "2024-01-01" }, { date: "2024-02-01" }];
    expect(
      recentSafeguardingConcerns(buildCase({ context: { safeguardingConcerns: concerns } }), ASSESSMENT_DATE, 6),
    ).toBe(2);
    expect(s42({ context: { safeguardingConcerns: concerns } }).outcome.decision).toBe("not-assessed");
  });

  it("a concern on the assessment date counts", () => {
    const concerns = [{ date: ASSESSMENT_DATE }, { date: "2024-01-01" }, { date: "2024-02-01" }];
    expect(s42({ context: { safeguardingConcerns: concerns } }).outcome.decision).toBe("refer");
  });

  it("two concerns are not enough", () => {
    expect(s42({ context: { safeguardingConcerns: threeRecentConcerns.slice(0, 2) } }).outcome.decision).toBe(
      "not-assessed",
    );
  });

  it.each(TESTS)("a %s test answered no beats the concerns rule", (test) => {
    const { outcome } = s42({
      context: { safeguardingConcerns: threeRecentConcerns, careAndSupport: { [test]: "no" } },
    });
    expect(outcome.decision).toBe("not-met");
  });

  it("follows the policy's s42ConcernsCount and s42ConcernsMonths", () => {
    const policy = policyWith({ s42ConcernsCount: 2, s42ConcernsMonths: 3 });
    expect(
      s42({ context: { safeguardingConcerns: [{ date: "2023-12-10" }, { date: "2024-03-01" }] } }, policy).outcome
        .decision,
    ).toBe("refer");
    expect(
      s42({ context: { safeguardingConcerns: [{ date: "2023-12-09" }, { date: "2024-03-01" }] } }, policy).outcome
        .decision,
    ).toBe("not-assessed");
  });
});

describe("careAndSupport not recorded (not-assessed)", () => {
  it("without vulnerability: not-assessed, pathway not-met, careAndSupport not asked for", () => {
    const outcome = assessBuilt();
    expect(outcome.s42.decision).toBe("not-assessed");
    expect(pathwayOf(outcome, "s42").decision).toBe("not-met");
    expect(missingFields(outcome)).not.toContain("context.careAndSupport");
  });

  it("with vulnerability: pathway consider, and context.careAndSupport listed as missing", () => {
    const outcome = assessBuilt({ context: { housing: "rough-sleeping" } });
    expect(outcome.s42.decision).toBe("not-assessed");
    const pathway = pathwayOf(outcome, "s42");
    expect(pathway.decision).toBe("consider");
    expect(pathway.reasons.length).toBeGreaterThan(0);
    expect(missingFields(outcome)).toContain("context.careAndSupport");
  });

  it("a BRAG answer yes is vulnerability too", () => {
    expect(pathwayOf(assessBuilt({ answers: withYes("brag.mental-health") }), "s42").decision).toBe("consider");
  });
});

describe("s42 through assessCase", () => {
  it("all three tests yes: refer, with the pathway refer", () => {
    const outcome = assessBuilt({
      context: {
        careAndSupport: {
          needs: "yes",
          abuseOrNeglect: "yes",
          unableToProtectSelf: "yes",
          needsKinds: ["substance-dependence"],
        },
      },
    });
    expect(outcome.s42.decision).toBe("refer");
    expect(pathwayOf(outcome, "s42").decision).toBe("refer");
  });

  it("insufficient information: pathway consider, unknown tests listed as missing", () => {
    const outcome = assessBuilt({
      context: { careAndSupport: { needs: "yes", abuseOrNeglect: "yes", unableToProtectSelf: "not-known" } },
    });
    expect(outcome.s42.decision).toBe("insufficient-information");
    expect(pathwayOf(outcome, "s42").decision).toBe("consider");
    expect(missingFields(outcome)).toContain("context.careAndSupport.unableToProtectSelf");
  });

  it("a test no: not-met, pathway not-met", () => {
    const outcome = assessBuilt({
      context: { careAndSupport: { needs: "no", abuseOrNeglect: "yes", unableToProtectSelf: "yes" } },
    });
    expect(outcome.s42.decision).toBe("not-met");
    expect(pathwayOf(outcome, "s42").decision).toBe("not-met");
  });

  it("MARAC and s42 can both refer at once", () => {
    const outcome = assessBuilt({
      answers: withYes("dash.strangulation"),
      context: { careAndSupport: { needs: "yes", abuseOrNeglect: "yes", unableToProtectSelf: "yes" } },
    });
    expect(pathwayOf(outcome, "marac").decision).toBe("refer");
    expect(pathwayOf(outcome, "s42").decision).toBe("refer");
  });

  it("the concerns rule and a MARAC repeat both refer at standard level", () => {
    const outcome = assessBuilt({
      context: { safeguardingConcerns: threeRecentConcerns, previousMaracDates: ["2024-01-01"] },
    });
    expect(outcome.riskLevel).toBe("standard");
    expect(pathwayOf(outcome, "marac").decision).toBe("refer");
    expect(pathwayOf(outcome, "s42").decision).toBe("refer");
    expect(missingFields(outcome)).toEqual(expect.arrayContaining(TESTS.map((t) => `context.careAndSupport.${t}`)));
  });
});
