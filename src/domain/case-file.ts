import { z } from "zod";
import {
  ANSWER_SOURCES,
  ANSWER_VALUES,
  ASSESSOR_ROLES,
  BRAG_COLOURS,
  RISK_LEVELS,
  type AnswerSource,
  type AnswerValue,
} from "./answers";
import {
  FIRST_YEAR,
  isInSupportedYears,
  isLondonDateInSupportedYears,
  isValidIsoDate,
  isValidRfc3339,
  LAST_YEAR,
  londonDateOf,
} from "./dates";
import {
  isAllowedAnswerId,
  POLICE_ONLY_IDS,
  questionById,
  QUESTION_SET_IDS,
  type QuestionSetId,
} from "./question-sets/question-set-registry";
import { formatPath, issuesFromZod, type ValidationIssue } from "./validation-issues";

// The case file (interchange contract, version 1): what the engine reads. Validation is strict
// because a typo silently ignored (a misspelt "contxt", an answer "maybe") could hide the very
// fact that makes a case high risk.

export const CASE_SCHEMA_VERSION = 1;

export const PERPETRATOR_HISTORY_TAGS = [
  "previous-da",
  "previous-partner-violence",
  "violence-others",
  "stalking",
  "weapons",
  "threats-to-kill-others",
  "sexual-offences",
  "breach-of-orders",
] as const;
export const EXPLOITATION_TAGS = [
  "sexual-exploitation",
  "sex-for-accommodation",
  "cuckooing",
  "financial",
  "benefits-control",
  "forced-criminality",
  "trafficking",
] as const;
export const HOUSING_TAGS = ["settled", "temporary", "sofa-surfing", "rough-sleeping", "refuge", "high-rise"] as const;
export const SUBSTANCE_USE_TAGS = ["alcohol", "opiates", "crack", "other"] as const;
export const PROTECTIVE_ORDER_TYPES = [
  "non-molestation",
  "occupation",
  "restraining",
  "dvpo",
  "bail-conditions",
  "prohibited-steps",
  "other",
] as const;
export const CARE_NEEDS_KINDS = [
  "physical-disability",
  "learning-disability",
  "mental-ill-health",
  "substance-dependence",
  "brain-injury",
  "neurodivergence",
  "frailty",
  "sensory",
  "other",
] as const;
export const CAPACITY_VALUES = ["has-capacity", "lacks-capacity", "not-assessed"] as const;
export const SEPARATION_STATUSES = ["planned", "recent", "none"] as const;
export const CHILD_RELATIONSHIPS = ["child", "step-child", "none"] as const;
export const PERPETRATOR_CHECK_VALUES = ["done", "pending", "not-possible"] as const;

/** Top-level context keys, for checking nonDisclosure paths. */
export const CONTEXT_FIELDS = [
  "policeCallouts12m",
  "previousMaracDates",
  "safeguardingConcerns",
  "newIncident",
  "children",
  "pregnant",
  "separation",
  "victimRetracted",
  "perpetratorChecks",
  "perpetratorHistory",
  "careAndSupport",
  "exploitation",
  "housing",
  "substanceUse",
  "movedArea",
  "protectiveOrders",
  "nonDisclosure",
] as const;

const oneOf = (values: readonly string[]) => values.map((v) => `"${v}"`).join(", ");

function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) =>
      `expected one of ${oneOf(values)}${issue.input === undefined ? " (required)" : `, got ${JSON.stringify(issue.input)}`}`,
  });
}

const YEARS = `${FIRST_YEAR}–${LAST_YEAR}`;

const isoDate = z
  .string({ error: "expected a date as YYYY-MM-DD" })
  .refine(isValidIsoDate, {
    abort: true,
    error: (issue) => `expected a real calendar date as YYYY-MM-DD, got ${JSON.stringify(issue.input)}`,
  })
  .refine(isInSupportedYears, {
    error: (issue) => `expected a date in the years ${YEARS}, got ${JSON.stringify(issue.input)}`,
  });

/** "required" only when the field is absent; a present value of the wrong type is described as such. */
const requiredOr = (required: string, wrongType: string) => (issue: { code: string; input?: unknown }) =>
  issue.code !== "invalid_type" ? undefined : issue.input === undefined ? required : wrongType;

const answerValue = choice(ANSWER_VALUES as unknown as readonly [AnswerValue, ...AnswerValue[]]);

const answerObject = z.strictObject({
  answer: answerValue,
  detail: z.string({ error: "detail must be text" }).optional(),
  source: choice(ANSWER_SOURCES as unknown as readonly [AnswerSource, ...AnswerSource[]]).optional(),
});

const answerEntry = z.union([answerValue, answerObject], {
  error: (issue) =>
    `expected "yes", "no" or "not-known" (or an object with "answer"), got ${JSON.stringify(issue.input)}`,
});

const rationale = z
  .string({ error: "a rationale is required: say why, in your own words" })
  .refine((text) => text.trim().length > 0, { error: "a rationale is required: it must not be blank" });

const yesNoUnknown = answerValue;

const careAndSupportSchema = z.strictObject({
  needs: yesNoUnknown.optional(),
  needsKinds: z.array(choice(CARE_NEEDS_KINDS)).optional(),
  abuseOrNeglect: yesNoUnknown.optional(),
  unableToProtectSelf: yesNoUnknown.optional(),
  capacity: choice(CAPACITY_VALUES).optional(),
  rationale: z.string({ error: "rationale must be text" }).optional(),
});

const contextSchema = z.strictObject({
  policeCallouts12m: z
    .number({ error: "expected a whole number of call-outs" })
    .int({ error: "expected a whole number of call-outs" })
    .min(0, { error: "call-outs cannot be negative" })
    .optional(),
  previousMaracDates: z.array(isoDate).optional(),
  safeguardingConcerns: z.array(z.strictObject({ date: isoDate, agency: z.string().optional() })).optional(),
  newIncident: z.boolean({ error: "expected true or false" }).optional(),
  children: z
    .array(
      z.strictObject({
        age: z
          .number({ error: "age must be a whole number from 0 to 17" })
          .int({ error: "age must be a whole number from 0 to 17" })
          .min(0, { error: "age must be a whole number from 0 to 17" })
          .max(17, { error: "age must be a whole number from 0 to 17 (an adult is not a child here)" })
          .optional(),
        relationshipToPerpetrator: choice(CHILD_RELATIONSHIPS),
      }),
    )
    .optional(),
  pregnant: yesNoUnknown.optional(),
  separation: z.strictObject({ date: isoDate.optional(), status: choice(SEPARATION_STATUSES) }).optional(),
  victimRetracted: z.boolean({ error: "expected true or false" }).optional(),
  perpetratorChecks: choice(PERPETRATOR_CHECK_VALUES).optional(),
  perpetratorHistory: z.array(choice(PERPETRATOR_HISTORY_TAGS)).optional(),
  careAndSupport: careAndSupportSchema.optional(),
  exploitation: z.array(choice(EXPLOITATION_TAGS)).optional(),
  housing: choice(HOUSING_TAGS).optional(),
  substanceUse: z.array(choice(SUBSTANCE_USE_TAGS)).optional(),
  movedArea: z.boolean({ error: "expected true or false" }).optional(),
  protectiveOrders: z
    .array(
      z.strictObject({
        type: choice(PROTECTIVE_ORDER_TYPES),
        granted: isoDate.optional(),
        expires: isoDate.optional(),
      }),
    )
    .optional(),
  nonDisclosure: z.array(z.string({ error: "expected an answer id or a context path" })).optional(),
});

export const caseFileSchema = z.strictObject({
  schemaVersion: z.literal(CASE_SCHEMA_VERSION, {
    error: `schemaVersion must be ${CASE_SCHEMA_VERSION} (this tool reads case format version ${CASE_SCHEMA_VERSION})`,
  }),
  caseId: z.string({ error: "caseId must be text" }).optional(),
  assessedAt: z
    .string({ error: "assessedAt is required: an RFC 3339 date-time with a zone, e.g. 2024-03-10T21:00:00Z" })
    .refine(isValidRfc3339, {
      abort: true,
      error: (issue) =>
        `expected an RFC 3339 date-time with a zone (hours 00–23), e.g. 2024-03-10T21:00:00Z, got ${JSON.stringify(issue.input)}`,
    })
    .refine(isLondonDateInSupportedYears, {
      error: (issue) =>
        `expected an assessment date (Europe/London) in the years ${YEARS}, got ${JSON.stringify(issue.input)}`,
    }),
  assessor: z.strictObject(
    { role: choice(ASSESSOR_ROLES), agency: z.string({ error: "agency must be text" }).optional() },
    { error: requiredOr("assessor is required: an object with a role", "assessor must be an object with a role") },
  ),
  questionSet: choice(QUESTION_SET_IDS),
  safeToAsk: answerValue,
  answers: z.record(z.string(), answerEntry, {
    error: requiredOr(
      "answers is required: an object (it may be empty, {})",
      "answers must be an object of question ids (it may be empty, {})",
    ),
  }),
  context: contextSchema.optional(),
  professionalJudgement: z.strictObject({ level: choice(RISK_LEVELS), rationale }).optional(),
  bragJudgement: z.strictObject({ colour: choice(BRAG_COLOURS), rationale }).optional(),
  previousAssessments: z
    .array(
      z.strictObject({
        date: isoDate,
        riskLevel: choice(RISK_LEVELS),
        agency: z.string({ error: "agency must be text" }).optional(),
      }),
    )
    .optional(),
});

// Checks that need more than one field. The answer-id check runs even when other fields are
// invalid, so one pass names every offending field.
function answerIdIssues(input: unknown): ValidationIssue[] {
  if (typeof input !== "object" || input === null) return [];
  const { answers, questionSet } = input as { answers?: unknown; questionSet?: unknown };
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return [];
  if (!(QUESTION_SET_IDS as readonly unknown[]).includes(questionSet)) return [];
  const set = questionSet as QuestionSetId;
  const issues: ValidationIssue[] = [];
  for (const id of Object.keys(answers)) {
    if (isAllowedAnswerId(set, id)) continue;
    const message = (POLICE_ONLY_IDS as readonly string[]).includes(id)
      ? `${id} is asked only on the police form (dash-2009-police), not in a ${set} case`
      : `unknown question id "${id}" (see question-ids.md; check the spelling)`;
    issues.push({ path: formatPath(["answers", id]), message });
  }
  return issues;
}

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// Dates after the assessment and unknown nonDisclosure paths. Written over the raw input, so they
// are reported alongside any other problem in the same file rather than after it is fixed.
function dateAndReferenceIssues(input: unknown): ValidationIssue[] {
  if (!isRecord(input) || typeof input.assessedAt !== "string") return [];
  if (!isValidRfc3339(input.assessedAt) || !isLondonDateInSupportedYears(input.assessedAt)) return [];
  const issues: ValidationIssue[] = [];
  const assessmentDate = londonDateOf(input.assessedAt);
  const notAfterAssessment = (date: unknown, path: PropertyKey[]) => {
    if (typeof date === "string" && isValidIsoDate(date) && isInSupportedYears(date) && date > assessmentDate) {
      issues.push({
        path: formatPath(path),
        message: `${date} is after the assessment date (${assessmentDate}); only an order's expiry or a planned separation may be in the future`,
      });
    }
  };
  asArray(input.previousAssessments).forEach((p, i) =>
    notAfterAssessment(isRecord(p) ? p.date : undefined, ["previousAssessments", i, "date"]),
  );
  const context = input.context;
  if (!isRecord(context)) return issues;
  asArray(context.previousMaracDates).forEach((d, i) => notAfterAssessment(d, ["context", "previousMaracDates", i]));
  asArray(context.safeguardingConcerns).forEach((c, i) =>
    notAfterAssessment(isRecord(c) ? c.date : undefined, ["context", "safeguardingConcerns", i, "date"]),
  );
  asArray(context.protectiveOrders).forEach((o, i) =>
    notAfterAssessment(isRecord(o) ? o.granted : undefined, ["context", "protectiveOrders", i, "granted"]),
  );
  const separation = context.separation;
  if (isRecord(separation) && separation.status !== "planned")
    notAfterAssessment(separation.date, ["context", "separation", "date"]);
  const questionSet = (QUESTION_SET_IDS as readonly unknown[]).includes(input.questionSet)
    ? (input.questionSet as QuestionSetId)
    : null;
  asArray(context.nonDisclosure).forEach((entry, i) => {
    if (typeof entry === "string" && questionSet && !isKnownDisclosurePath(entry, questionSet, context)) {
      issues.push({
        path: formatPath(["context", "nonDisclosure", i]),
        message: `"${entry}" names no known answer id or recorded context field (e.g. "dash.pregnancy", "context.separation" or "context.children[0].age")`,
      });
    }
  });
  return issues;
}

// Which sub-paths each context field has: item fields for lists of objects, tag names for tag
// lists, and object fields. A nonDisclosure entry may name any of them (so a pack can hide one
// fact without hiding the whole field); a list index must name an item that exists.
const CONTEXT_SUB_PATHS: Record<
  string,
  { itemFields?: readonly string[]; tags?: readonly string[]; fields?: Record<string, readonly string[]> }
> = {
  previousMaracDates: { itemFields: [] },
  safeguardingConcerns: { itemFields: ["date", "agency"] },
  children: { itemFields: ["age", "relationshipToPerpetrator"] },
  protectiveOrders: { itemFields: ["type", "granted", "expires"] },
  perpetratorHistory: { tags: PERPETRATOR_HISTORY_TAGS, itemFields: [] },
  exploitation: { tags: EXPLOITATION_TAGS, itemFields: [] },
  substanceUse: { tags: SUBSTANCE_USE_TAGS, itemFields: [] },
  separation: { fields: { date: [], status: [] } },
  careAndSupport: {
    fields: {
      needs: [],
      needsKinds: CARE_NEEDS_KINDS,
      abuseOrNeglect: [],
      unableToProtectSelf: [],
      capacity: [],
      rationale: [],
    },
  },
};

function isKnownDisclosurePath(entry: string, questionSet: QuestionSetId, context: Raw): boolean {
  const answerId = entry.startsWith("answers.") ? entry.slice("answers.".length) : entry;
  if (questionById(answerId) !== undefined) return isAllowedAnswerId(questionSet, answerId);
  const match = /^context\.([A-Za-z0-9]+)(.*)$/.exec(entry);
  if (!match) return false;
  const field = match[1]!;
  const rest = match[2]!;
  if (!(CONTEXT_FIELDS as readonly string[]).includes(field)) return false;
  if (rest === "") return true;
  const shape = CONTEXT_SUB_PATHS[field];
  if (!shape) return false;
  const item = /^\[(\d+)\](?:\.([A-Za-z]+))?$/.exec(rest);
  if (item && shape.itemFields) {
    if (Number(item[1]) >= asArray(context[field]).length) return false;
    return item[2] === undefined || shape.itemFields.includes(item[2]);
  }
  const named = /^\.([A-Za-z0-9-]+)(?:\.([A-Za-z0-9-]+))?$/.exec(rest);
  if (!named) return false;
  const [, first, second] = named;
  if (shape.tags) return second === undefined && shape.tags.includes(first!);
  const sub = shape.fields?.[first!];
  if (!sub) return false;
  return second === undefined || sub.includes(second);
}

export type CaseFile = z.infer<typeof caseFileSchema>;
export type CaseContext = NonNullable<CaseFile["context"]>;
export type AnswerEntry = CaseFile["answers"][string];
export type CareAndSupport = NonNullable<CaseContext["careAndSupport"]>;

export type CaseValidation = { ok: true; caseFile: CaseFile } | { ok: false; issues: ValidationIssue[] };

export function validateCaseFile(input: unknown): CaseValidation {
  if (isPlainlyValidCaseFile(input)) {
    const crossIssues = [...answerIdIssues(input), ...dateAndReferenceIssues(input)];
    return crossIssues.length ? { ok: false, issues: crossIssues } : { ok: true, caseFile: input };
  }
  const result = caseFileSchema.safeParse(input);
  const crossIssues = [...answerIdIssues(input), ...dateAndReferenceIssues(input)];
  if (!result.success) return { ok: false, issues: [...issuesFromZod(result.error), ...crossIssues] };
  return crossIssues.length ? { ok: false, issues: crossIssues } : { ok: true, caseFile: result.data };
}

// ---------------------------------------------------------------------------------------------
// A fast recogniser of files the schema certainly accepts. `assess --jsonl` validates 10,000
// cases in one run, and building Zod's result objects was a third of its time. This mirrors
// caseFileSchema field by field and answers true only when every field is one the schema accepts
// unchanged; on any doubt (an unknown key, an absent value written as undefined, a shape it does
// not know) it answers false and the schema decides, with its messages. So it can only ever be
// too cautious, never more lenient: a test mutates every field of generated cases and checks that
// whatever this accepts, the schema accepts too. Change the two together.
// ---------------------------------------------------------------------------------------------

type Check = (value: unknown) => boolean;

const oneOfValues = (values: readonly unknown[]): Check => {
  const allowed = new Set(values);
  return (value) => typeof value === "string" && allowed.has(value);
};
const isText: Check = (value) => typeof value === "string";
const isBoolean: Check = (value) => typeof value === "boolean";
const isDateText: Check = (value) => typeof value === "string" && isValidIsoDate(value) && isInSupportedYears(value);
const wholeNumberFrom =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
const listOf =
  (item: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(item);

const isPlainObject = (value: unknown): value is Raw => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/** An object with only these keys, each present one passing its check; `required` keys present. */
const objectOf = (fields: Record<string, Check>, required: readonly string[] = []): Check => {
  const known = new Map(Object.entries(fields));
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (const key of required) if (!Object.hasOwn(value, key)) return false;
    for (const key of Object.keys(value)) {
      const check = known.get(key);
      if (!check || !check(value[key])) return false;
    }
    return true;
  };
};

const isAnswerValue = oneOfValues(ANSWER_VALUES);
const isAnswerObject = objectOf({ answer: isAnswerValue, detail: isText, source: oneOfValues(ANSWER_SOURCES) }, [
  "answer",
]);
const isAnswers: Check = (value) => {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    const entry = value[key];
    if (!isAnswerValue(entry) && !isAnswerObject(entry)) return false;
  }
  return true;
};
const isRationale: Check = (value) => typeof value === "string" && value.trim().length > 0;

const isContext = objectOf({
  policeCallouts12m: wholeNumberFrom(0),
  previousMaracDates: listOf(isDateText),
  safeguardingConcerns: listOf(objectOf({ date: isDateText, agency: isText }, ["date"])),
  newIncident: isBoolean,
  children: listOf(
    objectOf({ age: wholeNumberFrom(0, 17), relationshipToPerpetrator: oneOfValues(CHILD_RELATIONSHIPS) }, [
      "relationshipToPerpetrator",
    ]),
  ),
  pregnant: isAnswerValue,
  separation: objectOf({ date: isDateText, status: oneOfValues(SEPARATION_STATUSES) }, ["status"]),
  victimRetracted: isBoolean,
  perpetratorChecks: oneOfValues(PERPETRATOR_CHECK_VALUES),
  perpetratorHistory: listOf(oneOfValues(PERPETRATOR_HISTORY_TAGS)),
  careAndSupport: objectOf({
    needs: isAnswerValue,
    needsKinds: listOf(oneOfValues(CARE_NEEDS_KINDS)),
    abuseOrNeglect: isAnswerValue,
    unableToProtectSelf: isAnswerValue,
    capacity: oneOfValues(CAPACITY_VALUES),
    rationale: isText,
  }),
  exploitation: listOf(oneOfValues(EXPLOITATION_TAGS)),
  housing: oneOfValues(HOUSING_TAGS),
  substanceUse: listOf(oneOfValues(SUBSTANCE_USE_TAGS)),
  movedArea: isBoolean,
  protectiveOrders: listOf(
    objectOf({ type: oneOfValues(PROTECTIVE_ORDER_TYPES), granted: isDateText, expires: isDateText }, ["type"]),
  ),
  nonDisclosure: listOf(isText),
});

const isPlainlyValidFile = objectOf(
  {
    schemaVersion: (value) => value === CASE_SCHEMA_VERSION,
    caseId: isText,
    assessedAt: (value) => typeof value === "string" && isValidRfc3339(value) && isLondonDateInSupportedYears(value),
    assessor: objectOf({ role: oneOfValues(ASSESSOR_ROLES), agency: isText }, ["role"]),
    questionSet: oneOfValues(QUESTION_SET_IDS),
    safeToAsk: isAnswerValue,
    answers: isAnswers,
    context: isContext,
    professionalJudgement: objectOf({ level: oneOfValues(RISK_LEVELS), rationale: isRationale }, [
      "level",
      "rationale",
    ]),
    bragJudgement: objectOf({ colour: oneOfValues(BRAG_COLOURS), rationale: isRationale }, ["colour", "rationale"]),
    previousAssessments: listOf(
      objectOf({ date: isDateText, riskLevel: oneOfValues(RISK_LEVELS), agency: isText }, ["date", "riskLevel"]),
    ),
  },
  ["schemaVersion", "assessedAt", "assessor", "questionSet", "safeToAsk", "answers"],
);

/** True only for a case file that caseFileSchema certainly accepts as it is (see above). */
export function isPlainlyValidCaseFile(input: unknown): input is CaseFile {
  return isPlainlyValidFile(input);
}
