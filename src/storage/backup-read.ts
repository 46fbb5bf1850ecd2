/** Reading a backup file or case export and checking everything in it (the format: backup-file.ts). */

import { utf8Decode } from "./bytes";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MAX_BACKUP_BYTES,
  canonicalJson,
  describeIssues,
  envelopeAad,
  envelopeSchema,
  payloadSchema,
  type BackupKind,
  type BackupPayload,
} from "./backup-file";
import { decryptBytes, derivePassphraseEncryptionKey, sha256Hex } from "./crypto";
import { ImportError } from "./errors";
import type { ImportControl } from "./import-types";

export interface ImportOptions extends ImportControl {
  maxBytes?: number;
  /** Refuse files of the other kind (e.g. the "restore backup" screen passes "backup"). */
  expectedKind?: BackupKind;
  /** This device's clock (tests pass a fixed one). */
  now?: Date;
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
export function nestingDepthExceeds(value: unknown, limit: number): boolean {
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

/** The first timestamp in `value` (clear fields: leave content out) later than `latest` (ms), or null. */
export function futureTimestampIn(value: unknown, latest: number): string | null {
  if (typeof value === "string") {
    return TIMESTAMP_PATTERN.test(value) && Date.parse(value) > latest ? value : null;
  }
  if (value !== null && typeof value === "object") {
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      const found = futureTimestampIn(child, latest);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * The first timestamp in the file's clear fields later than `latest` (ms), naming its record; the
 * content (details, answers, pack text) is not searched. A record "from the future" would otherwise
 * win every later comparison and never be replaced by real edits.
 */
function findFutureTimestamp(payload: BackupPayload, latest: number): { record: string; value: string } | null {
  const future = (value: unknown) => futureTimestampIn(value, latest);
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
