/**
 * Backup files and case exports: the file format and its encryption.
 *
 * File = a small clear JSON envelope around one AES-GCM ciphertext:
 *   { format: "safe-referral-backup", formatVersion: 1, kind, kdf: { salt, iterations }, iv, ciphertext }
 * The key comes from a passphrase chosen at export time (PBKDF2-SHA-256), not
 * from the profile's data key, so the file can be restored on another device
 * or handed to another practitioner with the passphrase given separately.
 * The envelope header is bound in as associated data, so it can't be edited
 * (e.g. kind or iterations) without the decryption failing.
 *
 * The plaintext holds the decrypted records plus a SHA-256 digest of them.
 * Import checks everything (envelope, decryption, full inner schema, digest,
 * duplicates, references) before writing anything, then writes in a single
 * transaction. Any failure is an ImportError and leaves the database exactly
 * as it was.
 *
 * Writing a file: backup-export.ts. Reading and checking one: backup-read.ts. Importing it:
 * backup-import.ts.
 */

import { z } from "zod";
import { AUDIT_DETAIL_MAX_LENGTH } from "./audit";
import { isBase64, utf8Encode } from "./bytes";
import {
  DEFAULT_PBKDF2_ITERATIONS,
  GCM_IV_BYTES,
  derivePassphraseEncryptionKey,
  encryptBytes,
  generateSalt,
  sha256Hex,
} from "./crypto";
import { ASSESSMENT_STATUSES, AUDIT_ACTIONS, type JsonValue } from "./db";
import type { PortableRecords } from "./portable-records";
import { caseReviewFieldsSchema, caseStatusSchema, codeSchema, isoTimestampSchema } from "./record-schemas";
import { REVIEW_STATUSES } from "./review-notes";

export const BACKUP_FORMAT = "safe-referral-backup";
export const BACKUP_FORMAT_VERSION = 1;
const PAYLOAD_FORMAT = "safe-referral-backup-payload";
export const BACKUP_KINDS = ["backup", "case-export"] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/**
 * Large enough for a year's caseload of a busy service with its assessments and packs (8,000 cases
 * make a file of about 60 MB); small enough that a hostile file can't exhaust a tablet's memory.
 */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;
/**
 * Iteration bounds accepted on import. The floor admits test fixtures; the
 * ceiling stops a crafted file from freezing the device in key derivation.
 */
export const MIN_IMPORT_ITERATIONS = 1_000;
export const MAX_IMPORT_ITERATIONS = 10_000_000;

// ------------------------------------------------------------------ schemas

const base64Bytes = (minBytes: number, maxBytes: number) =>
  z
    .string()
    .refine(isBase64, "must be base64")
    .refine((value) => {
      const length = (value.length / 4) * 3 - (value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0);
      return length >= minBytes && length <= maxBytes;
    }, "has the wrong length");

export const envelopeSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  kind: z.enum(BACKUP_KINDS),
  kdf: z.strictObject({
    salt: base64Bytes(16, 64),
    iterations: z.int().min(MIN_IMPORT_ITERATIONS).max(MAX_IMPORT_ITERATIONS),
  }),
  iv: base64Bytes(GCM_IV_BYTES, GCM_IV_BYTES),
  // At least the 16-byte GCM tag.
  ciphertext: base64Bytes(16, MAX_BACKUP_BYTES),
});
export type BackupEnvelope = z.infer<typeof envelopeSchema>;

/**
 * A record's opaque content (case details, answers, pack text, a setting's value). The payload
 * comes from JSON.parse, so every value in it is JSON already; only its presence is checked here,
 * and its depth before validation (MAX_RECORD_DEPTH). z.json() re-walked every node of up to 64 MiB
 * through a recursive union, the slowest step of restoring a large backup.
 */
const contentSchema = z.custom<JsonValue>((value) => value !== undefined, "is missing");

/** The reviewer's notes on a case (ReviewRecord), as files and team sync carry them. */
export const portableReviewSchema = z.strictObject({
  notes: z.array(
    z.strictObject({
      at: isoTimestampSchema,
      reviewer: z.string().max(200),
      status: z.enum(REVIEW_STATUSES),
      note: z.string().max(10_000),
    }),
  ),
});

/** The record schemas are shared with team sync, which checks what arrives from other devices the same way. */
export const portableCaseSchema = z.strictObject({
  id: codeSchema,
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  status: caseStatusSchema,
  riskLevel: codeSchema.nullable(),
  brag: codeSchema.nullable(),
  flags: z.array(codeSchema).max(100),
  qualityScore: z.number().finite().nullable(),
  latestAssessedAt: isoTimestampSchema.nullable(),
  // Review fields (author, agency, referrals sent, review status): optional, older files have none.
  ...caseReviewFieldsSchema.shape,
  details: contentSchema,
  // The reviewer's notes, when a case export carries them (see VaultSession.exportRecords).
  review: portableReviewSchema.optional(),
});

export const portableAssessmentSchema = z
  .strictObject({
    id: codeSchema,
    caseId: codeSchema,
    createdAt: isoTimestampSchema,
    updatedAt: isoTimestampSchema,
    assessedAt: isoTimestampSchema.nullable(),
    status: z.enum(ASSESSMENT_STATUSES),
    questionSetId: codeSchema,
    questionSetVersion: codeSchema,
    policyName: codeSchema,
    policyVersion: codeSchema,
    riskLevel: codeSchema.nullable(),
    content: contentSchema,
    outcome: contentSchema,
    // Notes kept beside a completed assessment's case file; optional, older files have none.
    notes: contentSchema.optional(),
  })
  .refine((assessment) => (assessment.status === "completed") === (assessment.assessedAt !== null), {
    message: "a completed assessment needs assessedAt, and a draft must not have one",
  });

export const portablePackSchema = z.strictObject({
  id: codeSchema,
  caseId: codeSchema,
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  kind: codeSchema,
  status: codeSchema,
  readyAt: isoTimestampSchema.nullable().optional(),
  sentAt: isoTimestampSchema.nullable().optional(),
  content: contentSchema,
});

const portableAuditSchema = z.strictObject({
  id: codeSchema,
  caseId: codeSchema.nullable(),
  at: isoTimestampSchema,
  actor: z.enum(["practitioner", "system"]),
  action: z.enum(AUDIT_ACTIONS),
  detail: z.string().max(AUDIT_DETAIL_MAX_LENGTH).nullable(),
});

const portableSettingSchema = z.strictObject({
  key: codeSchema,
  updatedAt: isoTimestampSchema,
  sensitive: z.boolean(),
  value: contentSchema,
});

const recordsSchema = z.strictObject({
  cases: z.array(portableCaseSchema),
  assessments: z.array(portableAssessmentSchema),
  packs: z.array(portablePackSchema),
  audit: z.array(portableAuditSchema),
  settings: z.array(portableSettingSchema),
});

export const payloadSchema = z.strictObject({
  format: z.literal(PAYLOAD_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  kind: z.enum(BACKUP_KINDS),
  exportedAt: isoTimestampSchema,
  records: recordsSchema,
  /** SHA-256 (hex) of canonicalJson(records). */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupPayload = z.infer<typeof payloadSchema>;

// ---------------------------------------------------------------- helpers

/** JSON with object keys sorted, so the digest doesn't depend on property order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The header fields, canonically serialised, authenticated alongside the ciphertext. */
export function envelopeAad(header: Pick<BackupEnvelope, "format" | "formatVersion" | "kind" | "kdf">): string {
  return canonicalJson({
    format: header.format,
    formatVersion: header.formatVersion,
    kind: header.kind,
    kdf: header.kdf,
  });
}

export async function buildBackupPayload(
  kind: BackupKind,
  records: PortableRecords,
  exportedAt: Date,
): Promise<BackupPayload> {
  return {
    format: PAYLOAD_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    kind,
    exportedAt: exportedAt.toISOString(),
    records: records as BackupPayload["records"],
    digest: await sha256Hex(canonicalJson(records)),
  };
}

/** Encrypts any plaintext into an envelope. Exported so tests can build deliberately broken files. */
export async function encryptEnvelope(
  plaintext: string,
  passphrase: string,
  kind: BackupKind,
  iterations: number = DEFAULT_PBKDF2_ITERATIONS,
): Promise<BackupEnvelope> {
  const header = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    kind,
    kdf: { salt: generateSalt(), iterations },
  } as const;
  const key = await derivePassphraseEncryptionKey(passphrase, header.kdf.salt, iterations);
  const { iv, ciphertext } = await encryptBytes(key, utf8Encode(plaintext), envelopeAad(header));
  return { ...header, iv, ciphertext };
}

export function describeIssues(error: z.ZodError): string {
  // Paths and rule names only; never values, which could be case content.
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`)
    .join("; ");
}
