// The people and referral facts of a case: who the victim is and how to reach them safely, who the
// perpetrator is, the children, the referrer, consent and what has been done. This is the part of a
// case the referral packs and the manager's review read; the risk questions live in assessments.
//
// Stored encrypted (opaque to the vault), so it is read defensively: a field that is missing or not
// in the expected shape falls back to "not recorded" rather than failing the whole case, and an
// older record (victimName/notes only, from the first case editor) is read into the new shape.
// Every field is optional in practice: "not recorded" must stay distinguishable from "no".
import { z } from "zod";
import { ANSWER_VALUES, ASSESSOR_ROLES } from "../answers";

export const CASE_DETAILS_VERSION = 1;

const answer = z.enum(ANSWER_VALUES);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD");
/** Free text: optional, kept exactly as typed (trimming is the screen's job when it validates). */
const text = z.string();

/**
 * A date exactly as typed into the three day/month/year boxes. Kept beside the ISO date so that a
 * half-typed or mistyped date (31/02, "19 85") survives a reload and can be corrected: the ISO field
 * holds a date only once it is real and not in the future.
 */
export const dateEntrySchema = z.object({ day: text, month: text, year: text });
export type DateEntry = z.infer<typeof dateEntrySchema>;

export const ADDRESS_KINDS = ["address", "no-fixed-abode", "not-known"] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export const RELATIONSHIPS_TO_VICTIM = ["current-partner", "ex-partner", "family-member", "carer", "other"] as const;
export type RelationshipToVictim = (typeof RELATIONSHIPS_TO_VICTIM)[number];

export const PERPETRATOR_CHECK_STATES = ["done", "pending", "not-possible"] as const;
export type PerpetratorCheckState = (typeof PERPETRATOR_CHECK_STATES)[number];

export const CHILD_RELATIONSHIPS = ["child", "step-child", "none"] as const;
export type ChildRelationship = (typeof CHILD_RELATIONSHIPS)[number];

export const CONSENT_STATES = ["given", "refused", "not-sought"] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const addressSchema = z.object({
  kind: z.enum(ADDRESS_KINDS),
  /** The address itself when kind is "address"; where they can be found otherwise (optional). */
  text: text.optional(),
  postcode: text.optional(),
});
export type Address = z.infer<typeof addressSchema>;

export const safeContactSchema = z.object({
  phone: text.optional(),
  email: text.optional(),
  safeToCall: answer.optional(),
  safeToText: answer.optional(),
  safeToLeaveMessage: answer.optional(),
  /** When it is safe to make contact, in the victim's words (e.g. "weekdays 10–2, not weekends"). */
  safeTimes: text.optional(),
  /** Another safe way to reach them (a friend's number, via the IDVA, at the GP surgery). */
  otherSafeMethod: text.optional(),
});
export type SafeContact = z.infer<typeof safeContactSchema>;

export const victimSchema = z.object({
  name: text.optional(),
  otherNames: text.optional(),
  dateOfBirth: isoDate.optional(),
  dateOfBirthAsEntered: dateEntrySchema.optional(),
  gender: text.optional(),
  address: addressSchema.optional(),
  safeContact: safeContactSchema.optional(),
  languages: text.optional(),
  interpreterNeeded: answer.optional(),
  interpreterLanguage: text.optional(),
  /** Diversity, disability and access needs that change how agencies must reach and support them. */
  diversityAndAccessNeeds: text.optional(),
  /** What the victim wants to happen, in their own words. */
  wishes: text.optional(),
});
export type Victim = z.infer<typeof victimSchema>;

export const perpetratorSchema = z.object({
  name: text.optional(),
  otherNames: text.optional(),
  dateOfBirth: isoDate.optional(),
  dateOfBirthAsEntered: dateEntrySchema.optional(),
  relationship: z.enum(RELATIONSHIPS_TO_VICTIM).optional(),
  relationshipDetail: text.optional(),
  address: addressSchema.optional(),
  /** Police/agency history checks on the perpetrator: the engine's context.perpetratorChecks. */
  historyChecks: z.enum(PERPETRATOR_CHECK_STATES).optional(),
  historyChecksNote: text.optional(),
});
export type Perpetrator = z.infer<typeof perpetratorSchema>;

export const childSchema = z.object({
  name: text.optional(),
  dateOfBirth: isoDate.optional(),
  /** Whole years, 0–17, when the date of birth is not known. */
  age: z.number().int().min(0).max(17).optional(),
  dateOfBirthAsEntered: dateEntrySchema.optional(),
  /** The age box as typed, kept when it is not a whole number 0–17 so nothing typed is lost. */
  ageAsEntered: text.optional(),
  school: text.optional(),
  relationshipToPerpetrator: z.enum(CHILD_RELATIONSHIPS).optional(),
  livesWithVictim: answer.optional(),
});
export type Child = z.infer<typeof childSchema>;

export const referrerSchema = z.object({
  name: text.optional(),
  role: z.enum(ASSESSOR_ROLES).optional(),
  agency: text.optional(),
  phone: text.optional(),
  email: text.optional(),
});
export type Referrer = z.infer<typeof referrerSchema>;

export const consentSchema = z.object({
  status: z.enum(CONSENT_STATES).optional(),
  /** When sharing without consent: the lawful basis (e.g. "Crime and Disorder Act 1998 s115; risk of serious harm"). */
  lawfulBasis: text.optional(),
  reasonWithoutConsent: text.optional(),
});
export type Consent = z.infer<typeof consentSchema>;

export const caseDetailsSchema = z.object({
  detailsVersion: z.literal(CASE_DETAILS_VERSION),
  victim: victimSchema,
  perpetrator: perpetratorSchema,
  children: z.array(childSchema),
  /** Whether the victim has children or dependants: "no" lets the section be complete with an empty list. */
  hasChildrenOrDependants: answer.optional(),
  /** Other dependants (adults cared for, unborn child noted in the assessment) in free text. */
  otherDependants: text.optional(),
  referrer: referrerSchema,
  consent: consentSchema,
  agenciesInvolved: z.array(text),
  /** Immediate safety actions already taken (e.g. "arrested", "refuge place found", "locks changed"). */
  actionsTaken: text.optional(),
  notes: text.optional(),
  /**
   * Paths of facts in these details that must never reach the perpetrator, e.g. "victim.address",
   * "victim.safeContact", "children[1].school". Packs marked for wider sharing remove them.
   */
  nonDisclosure: z.array(text),
});
export type CaseDetails = z.infer<typeof caseDetailsSchema>;

export function emptyCaseDetails(): CaseDetails {
  return {
    detailsVersion: CASE_DETAILS_VERSION,
    victim: {},
    perpetrator: {},
    children: [],
    referrer: {},
    consent: {},
    agenciesInvolved: [],
    nonDisclosure: [],
  };
}

/** The paths a nonDisclosure entry may name: whole sections or single fields of the details. */
export const NON_DISCLOSABLE_PATHS = [
  "victim.address",
  "victim.safeContact",
  "victim.safeContact.phone",
  "victim.safeContact.email",
  "victim.safeContact.safeTimes",
  "victim.safeContact.otherSafeMethod",
  "victim.otherNames",
  "victim.wishes",
  "victim.diversityAndAccessNeeds",
  "otherDependants",
  "agenciesInvolved",
  "actionsTaken",
  "notes",
] as const;

const CHILD_PATH = /^children\[(\d+)\](?:\.(name|dateOfBirth|school))?$/;

/** True when `path` names something in the details that can be withheld from a shared copy. */
export function isNonDisclosablePath(path: string): boolean {
  if ((NON_DISCLOSABLE_PATHS as readonly string[]).includes(path)) return true;
  return CHILD_PATH.test(path);
}

// ---------------------------------------------------------------- defensive reading

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Keeps each field of `value` that `schema` accepts on its own; drops the rest. */
function readObject<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  value: unknown,
): z.infer<z.ZodObject<Shape>> {
  const record = asRecord(value);
  const result: Record<string, unknown> = {};
  for (const [key, fieldSchema] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    if (!(key in record)) continue;
    const parsed = readField(fieldSchema, record[key]);
    if (parsed !== undefined) result[key] = parsed;
  }
  return result as z.infer<z.ZodObject<Shape>>;
}

function readField(schema: z.ZodType, value: unknown): unknown {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (inner instanceof z.ZodObject) return value === undefined ? undefined : readObject(inner, value);
  const parsed = inner.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function readArray<Item>(value: unknown, readItem: (item: unknown) => Item | undefined): Item[] {
  if (!Array.isArray(value)) return [];
  return value.map(readItem).filter((item): item is Item => item !== undefined);
}

/** A date entry read field by field may lack a box; an absent box reads as empty, never as undefined. */
function withWholeDateEntry<Holder extends { dateOfBirthAsEntered?: DateEntry | undefined }>(holder: Holder): Holder {
  if (holder.dateOfBirthAsEntered === undefined) return holder;
  const entry: Partial<DateEntry> = holder.dateOfBirthAsEntered;
  return {
    ...holder,
    dateOfBirthAsEntered: { day: entry.day ?? "", month: entry.month ?? "", year: entry.year ?? "" },
  };
}

/**
 * Reads stored case details into the current shape. Never throws: what cannot be read is treated
 * as not recorded. Records from the first case editor ({ victimName, notes }) are carried across.
 */
export function readCaseDetails(value: unknown): CaseDetails {
  const record = asRecord(value);
  const details = emptyCaseDetails();
  details.victim = withWholeDateEntry(readObject(victimSchema, record.victim));
  if (details.victim.name === undefined && typeof record.victimName === "string" && record.victimName !== "") {
    details.victim.name = record.victimName;
  }
  details.perpetrator = withWholeDateEntry(readObject(perpetratorSchema, record.perpetrator));
  // Every entry is kept (unreadable ones as empty) so index-based nonDisclosure paths keep naming the same child.
  details.children = readArray(record.children, (item) => withWholeDateEntry(readObject(childSchema, item)));
  details.referrer = readObject(referrerSchema, record.referrer);
  details.consent = readObject(consentSchema, record.consent);
  details.agenciesInvolved = readArray(record.agenciesInvolved, (item) =>
    typeof item === "string" ? item : undefined,
  );
  details.nonDisclosure = readArray(record.nonDisclosure, (item) =>
    typeof item === "string" && isNonDisclosablePath(item) ? item : undefined,
  );
  const hasChildren = answer.safeParse(record.hasChildrenOrDependants);
  if (hasChildren.success) details.hasChildrenOrDependants = hasChildren.data;
  for (const key of ["otherDependants", "actionsTaken", "notes"] as const) {
    const field = record[key];
    if (typeof field === "string") details[key] = field;
  }
  return details;
}

/** Validates details before they are saved; the issues name the field paths. */
export function validateCaseDetails(
  value: unknown,
): { ok: true; details: CaseDetails } | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = caseDetailsSchema.strict().safeParse(value);
  if (parsed.success) {
    const unknownPaths = parsed.data.nonDisclosure.filter((path) => !isNonDisclosablePath(path));
    if (unknownPaths.length === 0) return { ok: true, details: parsed.data };
    return {
      ok: false,
      issues: unknownPaths.map((path) => ({
        path: "nonDisclosure",
        message: `"${path}" is not a field that can be withheld`,
      })),
    };
  }
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path
        .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
        .join("")
        .replace(/^\./, ""),
      message: issue.message,
    })),
  };
}

/**
 * Removes a child and keeps every nonDisclosure path pointing at the same child as before: paths for
 * the removed child go, later children's indices shift down. Doing this by hand in a screen is how
 * a withheld school ends up attached to the wrong child, or not withheld at all.
 */
export function removeChild(details: CaseDetails, index: number): CaseDetails {
  const nonDisclosure: string[] = [];
  for (const path of details.nonDisclosure) {
    const match = CHILD_PATH.exec(path);
    if (!match) {
      nonDisclosure.push(path);
      continue;
    }
    const childIndex = Number(match[1]);
    if (childIndex === index) continue;
    nonDisclosure.push(
      childIndex > index ? path.replace(`children[${childIndex}]`, `children[${childIndex - 1}]`) : path,
    );
  }
  return { ...details, children: details.children.filter((_, position) => position !== index), nonDisclosure };
}

/**
 * Marks `path` as never to be shared (or shares it again). Refuses a path that cannot be withheld,
 * so a screen cannot record a withholding that no pack would honour.
 */
export function setNonDisclosure(details: CaseDetails, path: string, withheld: boolean): CaseDetails {
  if (!isNonDisclosablePath(path)) throw new Error(`"${path}" is not a field that can be withheld`);
  const others = details.nonDisclosure.filter((entry) => entry !== path);
  return { ...details, nonDisclosure: withheld ? [...others, path] : others };
}
