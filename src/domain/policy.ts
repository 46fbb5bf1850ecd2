import { z } from "zod";
import { dashIdsFor, QUESTION_SET_IDS } from "./question-sets/question-set-registry";

// Local configuration: thresholds differ between areas, so they live in a policy file. The rules
// that reviews found argued down again and again are locked: a policy may restate them as true,
// never switch them off.

export const LOCKED_RULES = [
  "strangulation",
  "threats-to-kill",
  "visible-high-risk",
  "children-threatened",
  "carry-forward",
] as const;
export type LockedRule = (typeof LOCKED_RULES)[number];

export const OPTIONAL_RULES = [
  "separation-and-stalking",
  "weapons-and-escalation",
  "planning-indicators",
  "hbv-threats",
  "pregnancy-and-violence",
] as const;
export type OptionalRule = (typeof OPTIONAL_RULES)[number];

export type FloorRule = LockedRule | OptionalRule;

export interface Policy {
  name: string;
  version: number;
  highRiskYesCount: number;
  mediumRiskYesCount: number;
  potentialEscalationCallouts: number;
  repeatMaracMonths: number;
  s42ConcernsCount: number;
  s42ConcernsMonths: number;
  reviewDays: number;
  carryForwardMonths: number;
  rules: Record<OptionalRule, boolean>;
}

export const DEFAULT_POLICY: Policy = Object.freeze({
  name: "default",
  version: 1,
  highRiskYesCount: 14,
  mediumRiskYesCount: 10,
  potentialEscalationCallouts: 3,
  repeatMaracMonths: 12,
  s42ConcernsCount: 3,
  s42ConcernsMonths: 6,
  reviewDays: 28,
  carryForwardMonths: 12,
  rules: Object.freeze({
    "separation-and-stalking": true,
    "weapons-and-escalation": true,
    "planning-indicators": true,
    "hbv-threats": true,
    "pregnancy-and-violence": true,
  }),
}) as Policy;

const count = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of at least 1` })
    .int({ error: `${what} must be a whole number of at least 1` })
    .min(1, { error: `${what} must be a whole number of at least 1` });

/**
 * The highest yes-count threshold a policy may set: the smallest question set's scored questions
 * (24, dash-ric-24). Above it, a case in that set could never reach the band, so
 * `visible-high-risk` could never fire.
 */
export const MAX_YES_COUNT_THRESHOLD = Math.min(...QUESTION_SET_IDS.map((set) => dashIdsFor(set).length));

const yesCount = (what: string) =>
  count(what).max(MAX_YES_COUNT_THRESHOLD, {
    error: `${what} must be at most ${MAX_YES_COUNT_THRESHOLD} (the scored questions in the smallest question set); above it the threshold could never be reached`,
  });

const lockedRuleSwitch = (rule: LockedRule) =>
  z.literal(true, {
    error: `the ${rule} rule is locked: it can never be switched off (only true is accepted)`,
  });

const rulesSchema = z.strictObject(
  {
    ...Object.fromEntries(LOCKED_RULES.map((rule) => [rule, lockedRuleSwitch(rule).optional()])),
    ...Object.fromEntries(
      OPTIONAL_RULES.map((rule) => [rule, z.boolean({ error: `${rule} must be true or false` }).optional()]),
    ),
  } as unknown as Record<FloorRule, z.ZodOptional<z.ZodType<boolean>>>,
  { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown rule name" : undefined) },
);

export const policyFileSchema = z
  .strictObject(
    {
      name: z
        .string({ error: "name is required: a text naming the policy" })
        .trim()
        .min(1, { error: "name must not be empty" }),
      version: count("version"),
      highRiskYesCount: yesCount("highRiskYesCount").optional(),
      mediumRiskYesCount: yesCount("mediumRiskYesCount").optional(),
      potentialEscalationCallouts: count("potentialEscalationCallouts").optional(),
      repeatMaracMonths: count("repeatMaracMonths").optional(),
      s42ConcernsCount: count("s42ConcernsCount").optional(),
      s42ConcernsMonths: count("s42ConcernsMonths").optional(),
      reviewDays: count("reviewDays").optional(),
      carryForwardMonths: count("carryForwardMonths").optional(),
      rules: rulesSchema.optional(),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown policy setting" : undefined) },
  )
  .superRefine((file, ctx) => {
    const high = file.highRiskYesCount ?? DEFAULT_POLICY.highRiskYesCount;
    const medium = file.mediumRiskYesCount ?? DEFAULT_POLICY.mediumRiskYesCount;
    if (medium > high) {
      ctx.addIssue({
        code: "custom",
        path: ["mediumRiskYesCount"],
        message: `mediumRiskYesCount (${medium}) must not be above highRiskYesCount (${high})`,
      });
    }
  });

export type PolicyFile = z.infer<typeof policyFileSchema>;

/** A validated policy file merged over the shipped default. */
export function policyFromFile(file: PolicyFile): Policy {
  const rules = { ...DEFAULT_POLICY.rules };
  for (const rule of OPTIONAL_RULES) {
    const setting = file.rules?.[rule];
    if (setting !== undefined) rules[rule] = setting;
  }
  return {
    name: file.name,
    version: file.version,
    highRiskYesCount: file.highRiskYesCount ?? DEFAULT_POLICY.highRiskYesCount,
    mediumRiskYesCount: file.mediumRiskYesCount ?? DEFAULT_POLICY.mediumRiskYesCount,
    potentialEscalationCallouts: file.potentialEscalationCallouts ?? DEFAULT_POLICY.potentialEscalationCallouts,
    repeatMaracMonths: file.repeatMaracMonths ?? DEFAULT_POLICY.repeatMaracMonths,
    s42ConcernsCount: file.s42ConcernsCount ?? DEFAULT_POLICY.s42ConcernsCount,
    s42ConcernsMonths: file.s42ConcernsMonths ?? DEFAULT_POLICY.s42ConcernsMonths,
    reviewDays: file.reviewDays ?? DEFAULT_POLICY.reviewDays,
    carryForwardMonths: file.carryForwardMonths ?? DEFAULT_POLICY.carryForwardMonths,
    rules,
  };
}

export function isRuleEnabled(policy: Policy, rule: FloorRule): boolean {
  return (LOCKED_RULES as readonly string[]).includes(rule) ? true : policy.rules[rule as OptionalRule];
}
