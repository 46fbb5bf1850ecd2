// The practitioner's own details (name, role, agency, work phone and email), kept once per profile
// so that an officer at a scene never types them: a new assessment starts with the role and agency,
// a new case with the referrer's details. Sealed like any personal detail. The agency is kept as the
// code of one of the profile's agencies (Settings), so a renamed agency follows and a removed one is
// simply not offered.
import { z } from "zod";
import { ASSESSOR_ROLES, type AssessorRole } from "../domain/answers";
import type { VaultSession } from "./vault-session";

export const PRACTITIONER_DETAILS_SETTING = "profile.practitioner-details";

/** Long enough for any name, number or address; a stored value past it is dropped, never cut. */
const MAX_DETAIL_LENGTH = 200;

export interface PractitionerDetails {
  name?: string;
  role?: AssessorRole;
  /** The code of one of the profile's agencies (listAgencies). */
  agencyCode?: string;
  phone?: string;
  email?: string;
}

/** The details with the agency's name in place of its code, as a new assessment or case takes them. */
export interface PractitionerDefaults {
  name?: string;
  role?: AssessorRole;
  agency?: string;
  phone?: string;
  email?: string;
}

const text = z.string().trim().min(1).max(MAX_DETAIL_LENGTH);
const FIELD_SCHEMAS = {
  name: text,
  role: z.enum(ASSESSOR_ROLES),
  // Only ever looked up among the profile's agencies: an unknown code finds none. (Not record-schemas'
  // codeSchema: importing it here split that module into its own chunk, evaluated before main.tsx
  // sets zod's jitless mode, and its object schemas then probed for eval against the CSP.)
  agencyCode: text,
  phone: text,
  email: text,
} as const;
type Field = keyof typeof FIELD_SCHEMAS;
const FIELDS = Object.keys(FIELD_SCHEMAS) as Field[];

/** Keeps each field that reads as expected and drops the rest (one bad field never loses the others). */
function cleanDetails(value: unknown): PractitionerDetails {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const record = value as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const parsed = FIELD_SCHEMAS[field].safeParse(record[field]);
    if (parsed.success) details[field] = parsed.data;
  }
  return details as PractitionerDetails;
}

type SettingsSession = Pick<VaultSession, "getSetting" | "setSetting">;

/** The stored details; {} when none are kept (or none can be read). */
export async function readPractitionerDetails(session: Pick<VaultSession, "getSetting">): Promise<PractitionerDetails> {
  return cleanDetails(await session.getSetting(PRACTITIONER_DETAILS_SETTING));
}

/** Stores the details, blanks left out, sealed. */
export async function savePractitionerDetails(session: SettingsSession, details: PractitionerDetails): Promise<void> {
  await session.setSetting(PRACTITIONER_DETAILS_SETTING, cleanDetails(details), { sensitive: true });
}

/**
 * What a new assessment or case starts with: the stored details, the agency code read as the name it
 * has now. An agency since removed from the list is left out rather than guessed.
 */
export async function readPractitionerDefaults(
  session: Pick<VaultSession, "getSetting" | "listAgencies">,
): Promise<PractitionerDefaults> {
  const [{ agencyCode, ...rest }, agencies] = await Promise.all([
    readPractitionerDetails(session),
    session.listAgencies(),
  ]);
  const agency = agencies.find((entry) => entry.code === agencyCode)?.name;
  return { ...rest, ...(agency === undefined ? {} : { agency }) };
}
