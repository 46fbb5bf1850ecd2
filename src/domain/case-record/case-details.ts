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

/** An answer the referral forms make mandatory: each message says what to choose, GOV.UK style. */
const formAnswer = (whatToSelect: string) => z.enum(ANSWER_VALUES, { error: `Select ${whatToSelect}` });
/** Free text with the GOV.UK message for a value that is not text (only a damaged record gives one). */
const formText = (whatToEnter: string) => z.string({ error: `Enter ${whatToEnter}` });

export const AFRAID_OF_ANSWERS = ["named", "no-one", "not-known"] as const;
export type AfraidOfAnswer = (typeof AFRAID_OF_ANSWERS)[number];

/** One person the victim is afraid of: the person causing harm, and every other potential threat. */
export const fearedPersonSchema = z.object({
  name: formText("the name of the person the victim is afraid of").optional(),
  /** Who they are to the victim ("his brother", "her father", "his new partner"). */
  relationship: formText("who the person is to the victim").optional(),
  /** What the victim fears they will do, in the victim's words. */
  details: formText("what the victim fears from this person").optional(),
});
export type FearedPerson = z.infer<typeof fearedPersonSchema>;

/**
 * Who the victim is afraid of (SafeLives MARAC form: "all potential threats, not only the primary
 * perpetrator"). "named" lists them; "no-one" is the victim's own answer; "not-known" needs a reason.
 */
export const afraidOfSchema = z.object({
  answer: z.enum(AFRAID_OF_ANSWERS, { error: "Select whether the victim has said who they are afraid of" }).optional(),
  people: z.array(fearedPersonSchema).optional(),
  notKnownReason: formText("why it is not known who the victim is afraid of").optional(),
});
export type AfraidOf = z.infer<typeof afraidOfSchema>;

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
  /** Who the victim is afraid of: every potential threat, not only the person causing harm. */
  afraidOf: afraidOfSchema.optional(),
  /** Who the victim believes it is safe to talk to (family, friends, professionals). Can be withheld. */
  safeToTalkTo: formText("who the victim believes it is safe to talk to").optional(),
  /** Who the victim believes it is not safe to talk to (crucial in family and honour-based abuse). Can be withheld. */
  notSafeToTalkTo: formText("who the victim believes it is not safe to talk to").optional(),
  /** The victim's GP practice (name and address). Can be withheld. */
  gpPractice: formText("the victim's GP practice").optional(),
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
  /** Whether the victim knows about this referral: a separate question from consent (the forms ask both). */
  victimAware: formAnswer("whether the victim knows about this referral").optional(),
  /** When the victim is not aware: why not (e.g. "not safe to tell her while he is at home"). */
  whyNotAware: formText("why the victim is not aware of the referral").optional(),
  /** When it is not known whether the victim is aware: why not. */
  awareNotKnownReason: formText("why it is not known whether the victim is aware").optional(),
});
export type Consent = z.infer<typeof consentSchema>;

/** One earlier MARAC referral: which area's MARAC (this one or another) and when. */
export const previousMaracReferralSchema = z.object({
  area: formText("which area's MARAC the victim was referred to").optional(),
  date: isoDate.optional(),
  dateAsEntered: dateEntrySchema.optional(),
  /** Where or when is not known: why (e.g. "she remembers a MARAC in Leeds but not the year"). */
  notKnownReason: formText("why where or when is not known").optional(),
});
export type PreviousMaracReferral = z.infer<typeof previousMaracReferralSchema>;

/** Whether the victim was referred to a MARAC before, here or in another area: supports MARAC-to-MARAC transfer. */
export const previousMaracSchema = z.object({
  referredBefore: formAnswer("whether the victim has been referred to a MARAC before").optional(),
  referrals: z.array(previousMaracReferralSchema).optional(),
  notKnownReason: formText("why it is not known whether the victim was referred before").optional(),
});
export type PreviousMarac = z.infer<typeof previousMaracSchema>;

export const officerInChargeSchema = z.object({
  name: formText("the officer in charge's name").optional(),
  /** Rank and collar or staff number, as the police write it. */
  rankAndNumber: formText("the officer's rank and number").optional(),
  phone: formText("the officer in charge's phone number").optional(),
  email: formText("the officer in charge's email address").optional(),
});
export type OfficerInCharge = z.infer<typeof officerInChargeSchema>;

/**
 * The police side of the incident behind this referral. Held in the case details because the
 * assessment's content is the engine's case file, whose fields are a fixed contract.
 */
export const policeInvolvementSchema = z.object({
  crimeReferences: z.array(formText("the crime reference number")).optional(),
  officerInCharge: officerInChargeSchema.optional(),
  /** Whether the victim wants to speak to the police about offences disclosed in this referral. */
  wantsToSpeakToPolice: formAnswer("whether the victim wants to speak to the police").optional(),
  /** Why (the form asks for the rationale whatever the answer). */
  wantsToSpeakToPoliceReason: formText("why the victim does or does not want to speak to the police").optional(),
});
export type PoliceInvolvement = z.infer<typeof policeInvolvementSchema>;

/** Who else is at risk from the person causing harm (the safeguarding-adults concern form asks it). */
export const othersAtRiskSchema = z.object({
  anyone: formAnswer("whether anyone else is at risk").optional(),
  /** Who: children or other adults, and how. */
  who: formText("who else is at risk").optional(),
  notKnownReason: formText("why it is not known whether anyone else is at risk").optional(),
});
export type OthersAtRisk = z.infer<typeof othersAtRiskSchema>;

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
  /** Earlier MARAC referrals, here or in another area. Absent in records made before it was asked. */
  previousMarac: previousMaracSchema.optional(),
  /** Crime references, officer in charge, and whether the victim wants to speak to the police. */
  police: policeInvolvementSchema.optional(),
  /** Who else is at risk (children or other adults). */
  othersAtRisk: othersAtRiskSchema.optional(),
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
  "victim.afraidOf",
  "victim.safeToTalkTo",
  "victim.notSafeToTalkTo",
  "victim.gpPractice",
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
  if (inner instanceof z.ZodArray) {
    if (!Array.isArray(value)) return undefined;
    const element = inner.element as z.ZodType;
    // Object entries are all kept (unreadable ones as empty) so index-based paths keep naming the same entry.
    if (element instanceof z.ZodObject) return value.map((entry) => readObject(element, entry));
    return readArray(value, (entry) => {
      const parsed = element.safeParse(entry);
      return parsed.success ? parsed.data : undefined;
    });
  }
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

function withWholeAsEntered(referral: PreviousMaracReferral): PreviousMaracReferral {
  if (referral.dateAsEntered === undefined) return referral;
  const entry: Partial<DateEntry> = referral.dateAsEntered;
  return { ...referral, dateAsEntered: { day: entry.day ?? "", month: entry.month ?? "", year: entry.year ?? "" } };
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
  // Added later (issue 18): set only when stored, so an older record reads exactly as before.
  if (record.previousMarac !== undefined) {
    const previousMarac = readObject(previousMaracSchema, record.previousMarac);
    if (previousMarac.referrals !== undefined)
      previousMarac.referrals = previousMarac.referrals.map(withWholeAsEntered);
    details.previousMarac = previousMarac;
  }
  if (record.police !== undefined) details.police = readObject(policeInvolvementSchema, record.police);
  if (record.othersAtRisk !== undefined) details.othersAtRisk = readObject(othersAtRiskSchema, record.othersAtRisk);
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
