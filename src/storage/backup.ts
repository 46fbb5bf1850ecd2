/**
 * Backup files and case exports.
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
 */

import { z } from "zod";
import { AUDIT_DETAIL_MAX_LENGTH } from "./audit";
import { isBase64, utf8Decode, utf8Encode } from "./bytes";
import {
  DEFAULT_PBKDF2_ITERATIONS,
  GCM_IV_BYTES,
  decryptBytes,
  derivePassphraseEncryptionKey,
  encryptBytes,
  generateSalt,
  sha256Hex,
} from "./crypto";
import { ASSESSMENT_STATUSES, AUDIT_ACTIONS, type JsonValue } from "./db";
import { ImportError, InvalidInputError, StorageError, VaultLockedError } from "./errors";
import {
  KEEP_EVERYTHING,
  ImportChangedError,
  type ImportControl,
  type ImportDecisions,
  type ImportPlan,
  type ImportSummary,
  type PortableRecords,
} from "./portable-records";
import { MIN_PASSPHRASE_LENGTH } from "./profile-rules";
import { caseReviewFieldsSchema, caseStatusSchema, codeSchema, isoTimestampSchema } from "./record-schemas";
import { REVIEW_STATUSES } from "./review-notes";
import type { VaultSession } from "./vault-session";

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

const envelopeSchema = z.strictObject({
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

const portableCaseSchema = z.strictObject({
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
  review: z
    .strictObject({
      notes: z.array(
        z.strictObject({
          at: isoTimestampSchema,
          reviewer: z.string().max(200),
          status: z.enum(REVIEW_STATUSES),
          note: z.string().max(10_000),
        }),
      ),
    })
    .optional(),
});

const portableAssessmentSchema = z
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

const portablePackSchema = z.strictObject({
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

const payloadSchema = z.strictObject({
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
function envelopeAad(header: Pick<BackupEnvelope, "format" | "formatVersion" | "kind" | "kdf">): string {
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

function describeIssues(error: z.ZodError): string {
  // Paths and rule names only; never values, which could be case content.
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`)
    .join("; ");
}

// ------------------------------------------------------------------ export

export interface ExportOptions {
  /** Chosen by the practitioner for this file; give it to the recipient separately. */
  passphrase: string;
  /** Export only these cases (a "case export"). Omit for a whole-vault backup. */
  caseIds?: readonly string[];
  /** With caseIds: also carry those cases' audit entries (e.g. sending cases to a manager for review). */
  includeCaseAudit?: boolean;
  iterations?: number;
  now?: Date;
}

export interface ExportedFile {
  kind: BackupKind;
  /** Contains no names or case details. */
  fileName: string;
  mimeType: "application/json";
  text: string;
}

export async function exportVault(session: VaultSession, options: ExportOptions): Promise<ExportedFile> {
  if ([...options.passphrase.normalize("NFC")].length < MIN_PASSPHRASE_LENGTH) {
    throw new InvalidInputError(`The export passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  if (options.caseIds !== undefined && options.caseIds.length === 0) {
    throw new InvalidInputError("Choose at least one case to export.");
  }
  const kind: BackupKind = options.caseIds === undefined ? "backup" : "case-export";
  const now = options.now ?? new Date();
  const records = await session.exportRecords(
    options.caseIds === undefined
      ? {}
      : { caseIds: options.caseIds, includeCaseAudit: options.includeCaseAudit === true },
  );
  const payload = await buildBackupPayload(kind, records, now);
  // Refuse to write a file this app would refuse to read back.
  const check = payloadSchema.safeParse(payload);
  if (!check.success) {
    throw new InvalidInputError(`Some saved records can't be exported (${describeIssues(check.error)}).`);
  }
  const envelope = await encryptEnvelope(JSON.stringify(payload), options.passphrase, kind, options.iterations);
  return {
    kind,
    fileName: `safe-referral-${kind}-${now.toISOString().slice(0, 10)}.json`,
    mimeType: "application/json",
    text: JSON.stringify(envelope, null, 2),
  };
}

// ------------------------------------------------------------------ import

export interface ImportOptions extends ImportControl {
  maxBytes?: number;
  /** Refuse files of the other kind (e.g. the "restore backup" screen passes "backup"). */
  expectedKind?: BackupKind;
  /** This device's clock (tests pass a fixed one). */
  now?: Date;
}

export interface ImportResult {
  kind: BackupKind;
  exportedAt: string;
  summary: ImportSummary;
}

export interface ImportBackupOptions extends ImportOptions {
  /** What to do with records here the file would replace, and with a policy change; keep everything by default. */
  decisions?: ImportDecisions;
}

/** A checked file and what importing it would do here; nothing has been written yet. */
export interface AnalysedImport {
  kind: BackupKind;
  exportedAt: string;
  plan: ImportPlan;
}

/** Timestamps later than this device's clock by more than this are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The deepest nesting accepted inside a file's records. Real case content is under 10 levels;
 * the cap keeps every recursive step after parsing (validation, digest, comparison) far from the
 * stack limit, whatever a crafted file holds.
 */
export const MAX_RECORD_DEPTH = 64;

/** Reads and fully checks a file without touching the database. Returns the validated payload. */
export async function readBackupFile(
  file: string | Blob,
  passphrase: string,
  options: ImportOptions = {},
): Promise<BackupPayload> {
  const maxBytes = options.maxBytes ?? MAX_BACKUP_BYTES;
  const tooLarge = new ImportError("too-large", "This file is too large to be a Safe Referral backup.");
  if (typeof file !== "string" && file.size > maxBytes) throw tooLarge;
  const text = typeof file === "string" ? file : await file.text();
  if (text.length > maxBytes) throw tooLarge;
  if (text.trim() === "") throw new ImportError("empty", "This file is empty.");

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImportError(
      "not-json",
      "This file is not a Safe Referral backup, or it is incomplete (it may have been cut short while copying).",
      { cause: error },
    );
  }
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    Array.isArray(parsed) ||
    (parsed as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    throw new ImportError("not-a-backup", "This file is not a Safe Referral backup.");
  }
  const formatVersion = (parsed as { formatVersion?: unknown }).formatVersion;
  if (formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new ImportError(
      "unsupported-version",
      typeof formatVersion === "number" && formatVersion > BACKUP_FORMAT_VERSION
        ? "This backup was made by a newer version of Safe Referral. Update the app, then try again."
        : "This backup is in a format this version of Safe Referral does not recognise.",
    );
  }
  const envelopeResult = envelopeSchema.safeParse(parsed);
  if (!envelopeResult.success) {
    throw new ImportError(
      "invalid-envelope",
      `This backup file is damaged and can't be opened (${describeIssues(envelopeResult.error)}).`,
    );
  }
  const envelope = envelopeResult.data;
  if (options.expectedKind !== undefined && envelope.kind !== options.expectedKind) {
    throw new ImportError(
      "kind-mismatch",
      envelope.kind === "backup"
        ? "This is a full backup, not a case export."
        : "This is a case export, not a full backup.",
    );
  }

  options.signal?.throwIfAborted();
  const key = await derivePassphraseEncryptionKey(passphrase, envelope.kdf.salt, envelope.kdf.iterations);
  options.signal?.throwIfAborted();
  const plaintextBytes = await decryptBytes(key, envelope.iv, envelope.ciphertext, envelopeAad(envelope));
  if (plaintextBytes === null) {
    throw new ImportError(
      "cannot-decrypt",
      "This file can't be opened. Either the passphrase is wrong, or the file has been damaged or changed since it was made.",
    );
  }

  const invalidContents = (why: string, cause?: unknown) =>
    new ImportError(
      "invalid-contents",
      `This backup opened, but its contents are not valid (${why}). Nothing was imported.`,
      { cause },
    );
  let inner: unknown;
  try {
    inner = JSON.parse(utf8Decode(plaintextBytes));
  } catch (error) {
    throw invalidContents("not readable data", error);
  }
  options.signal?.throwIfAborted();
  if (nestingDepthExceeds(inner, MAX_RECORD_DEPTH)) {
    throw invalidContents(`records nested more than ${MAX_RECORD_DEPTH} levels deep`);
  }
  const payloadResult = payloadSchema.safeParse(inner);
  if (!payloadResult.success) throw invalidContents(describeIssues(payloadResult.error));
  const payload = payloadResult.data;

  if (payload.kind !== envelope.kind) {
    throw new ImportError(
      "kind-mismatch",
      "This file says it is one kind of backup but contains another. Nothing was imported.",
    );
  }
  // A case export may carry the audit entries of its own cases (so a manager sees the trail), never
  // settings or profile-level entries.
  const exportedCaseIds = new Set(payload.records.cases.map((row) => row.id));
  if (
    payload.kind === "case-export" &&
    (payload.records.settings.length > 0 ||
      payload.records.audit.some((entry) => entry.caseId === null || !exportedCaseIds.has(entry.caseId)))
  ) {
    throw invalidContents("a case export cannot contain settings or audit entries for anything but its cases");
  }
  options.signal?.throwIfAborted();
  if ((await sha256Hex(canonicalJson(payload.records))) !== payload.digest) {
    throw new ImportError(
      "digest-mismatch",
      "This backup failed its integrity check, so it may be incomplete or altered. Nothing was imported.",
    );
  }

  const { records } = payload;
  const duplicated = (ids: string[]) => new Set(ids).size !== ids.length;
  if (
    duplicated(records.cases.map((row) => row.id)) ||
    duplicated(records.assessments.map((row) => row.id)) ||
    duplicated(records.packs.map((row) => row.id)) ||
    duplicated(records.audit.map((row) => row.id)) ||
    duplicated(records.settings.map((row) => row.key))
  ) {
    throw new ImportError(
      "duplicate-records",
      "This backup contains the same record twice, so it may be damaged. Nothing was imported.",
    );
  }
  const caseIds = new Set(records.cases.map((row) => row.id));
  if ([...records.assessments, ...records.packs].some((row) => !caseIds.has(row.caseId))) {
    throw new ImportError(
      "dangling-reference",
      "This backup contains assessments or packs for a case that is not in the file. Nothing was imported.",
    );
  }
  const future = findFutureTimestamp(payload, (options.now ?? new Date()).getTime() + MAX_CLOCK_SKEW_MS);
  if (future !== null) {
    throw new ImportError(
      "future-timestamp",
      `${future.record} is dated ${future.value}, which is in the future. The clock on the device that made this file may be wrong. Nothing was imported.`,
    );
  }
  return payload;
}

/** Iteratively (no recursion, so no stack limit): does any value sit deeper than `limit` levels? */
function nestingDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T/;

/**
 * The first timestamp in the file's clear fields later than `latest` (ms), naming its record; the
 * content (details, answers, pack text) is not searched. A record "from the future" would otherwise
 * win every later comparison and never be replaced by real edits.
 */
function findFutureTimestamp(payload: BackupPayload, latest: number): { record: string; value: string } | null {
  const future = (value: unknown): string | null => {
    if (typeof value === "string") {
      return TIMESTAMP_PATTERN.test(value) && Date.parse(value) > latest ? value : null;
    }
    if (value !== null && typeof value === "object") {
      for (const child of Array.isArray(value) ? value : Object.values(value)) {
        const found = future(child);
        if (found !== null) return found;
      }
    }
    return null;
  };
  const ref = (id: string) => id.replace(/-/g, "").slice(0, 8).toUpperCase();
  if (future(payload.exportedAt) !== null) return { record: "The file itself", value: payload.exportedAt };
  const { records } = payload;
  const checks: [string, unknown][] = [
    ...records.cases.map(({ details: _details, ...clear }): [string, unknown] => [
      `The case with reference ${ref(clear.id)}`,
      clear,
    ]),
    ...records.assessments.map(({ content: _c, outcome: _o, notes: _n, ...clear }): [string, unknown] => [
      `An assessment (reference ${ref(clear.id)}) of the case with reference ${ref(clear.caseId)}`,
      clear,
    ]),
    ...records.packs.map(({ content: _c, ...clear }): [string, unknown] => [
      `A referral pack (reference ${ref(clear.id)}) of the case with reference ${ref(clear.caseId)}`,
      clear,
    ]),
    ...records.audit.map((entry): [string, unknown] => [
      `An activity record entry (reference ${ref(entry.id)})`,
      entry.at,
    ]),
    ...records.settings.map(({ value: _v, ...clear }): [string, unknown] => [`The setting "${clear.key}"`, clear]),
  ];
  for (const [record, clear] of checks) {
    const value = future(clear);
    if (value !== null) return { record, value };
  }
  return null;
}

/**
 * Step one of an import: reads and fully checks the file, then compares it with the unlocked
 * profile. Writes nothing. Show `plan.replacements` and `plan.policyChange` before committing.
 */
export async function analyseBackup(
  session: VaultSession,
  file: string | Blob,
  passphrase: string,
  options: ImportOptions = {},
): Promise<AnalysedImport> {
  if (session.isLocked) {
    throw new ImportError("write-failed", "The vault is locked. Unlock it, then import again.");
  }
  try {
    const payload = await readBackupFile(file, passphrase, options);
    options.signal?.throwIfAborted();
    const plan = await session.analyseImport(payload.records);
    options.signal?.throwIfAborted();
    return { kind: payload.kind, exportedAt: payload.exportedAt, plan };
  } catch (error) {
    throw asImportError(error, options.signal);
  }
}

/**
 * Step two: writes the analysed import in one transaction. A record here is replaced only with
 * `decisions.replace`, the active policy only with `decisions.applyPolicy`. Cancelling through
 * `control.signal` before it commits, or any failure, leaves the database as it was (ImportError).
 */
export async function commitBackupImport(
  session: VaultSession,
  analysed: AnalysedImport,
  decisions: ImportDecisions,
  control: ImportControl = {},
): Promise<ImportResult> {
  const { records } = analysed.plan;
  try {
    const summary = await session.commitImport(
      analysed.plan,
      decisions,
      `${analysed.kind}: ${records.cases.length} cases, ${records.assessments.length} assessments`,
      control,
    );
    return { kind: analysed.kind, exportedAt: analysed.exportedAt, summary };
  } catch (error) {
    throw asImportError(error, control.signal);
  }
}

/**
 * Imports a backup or case export into the unlocked profile in one go. Records are re-encrypted
 * under this profile's key. Nothing here is replaced and the active policy stays unless `decisions`
 * say so (the screens analyse first and ask; see analyseBackup).
 */
export async function importBackup(
  session: VaultSession,
  file: string | Blob,
  passphrase: string,
  options: ImportBackupOptions = {},
): Promise<ImportResult> {
  const analysed = await analyseBackup(session, file, passphrase, options);
  return commitBackupImport(session, analysed, options.decisions ?? KEEP_EVERYTHING, options);
}

const CANCELLED = "Import cancelled. Nothing on this device was changed.";

function asImportError(error: unknown, signal: AbortSignal | undefined): ImportError {
  if (error instanceof ImportError) return error;
  if (signal?.aborted) return new ImportError("cancelled", CANCELLED, { cause: error });
  if (error instanceof ImportChangedError) {
    return new ImportError("changed-since-check", `${error.message} Nothing was imported.`, { cause: error });
  }
  if (error instanceof VaultLockedError) {
    return new ImportError("write-failed", "The vault was locked before the import finished. Nothing was imported.", {
      cause: error,
    });
  }
  if (error instanceof InvalidInputError) {
    return new ImportError("invalid-contents", `${error.message} Nothing was imported.`, { cause: error });
  }
  return new ImportError(
    "write-failed",
    error instanceof StorageError
      ? `${error.message} Nothing was imported.`
      : "The file was read, but saving it failed. Nothing was imported.",
    { cause: error },
  );
}
