// @vitest-environment node
// Every way a backup file can be wrong must end in an ImportError with a plain
// message AND leave the database exactly as it was (a dump of every store is
// compared before and after).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { exportVault } from "../backup-export";
import {
  canonicalJson,
  encryptEnvelope,
  type BackupEnvelope,
  type BackupKind,
  type BackupPayload,
} from "../backup-file";
import { importBackup, type ImportBackupOptions } from "../backup-import";
import { readBackupFile } from "../backup-read";
import { fromBase64, toBase64 } from "../bytes";
import { sha256Hex } from "../crypto";
import { ImportError, type ImportErrorCode } from "../errors";
import type { SafeReferralDb } from "../db";
import type { VaultSession } from "../vault-session";
import {
  TestClock,
  OTHER_PASSPHRASE,
  TEST_ITERATIONS,
  createUnlockedProfile,
  dumpAllStores,
  freshVault,
} from "../../testing/test-vault";

const FILE_PASSPHRASE = "the file passphrase";

let db: SafeReferralDb;
let target: VaultSession;
let validText: string;
let validEnvelope: BackupEnvelope;
let validPayload: BackupPayload;
let targetAssessmentId: string;

beforeAll(async () => {
  const setup = freshVault({ clock: new TestClock() });
  db = setup.db;
  const source = await createUnlockedProfile(setup.vault, "Source");
  const caseRow = await source.session.saveCase({ details: { person: "Someone" }, summary: { flags: ["f1"] } });
  await source.session.saveAssessmentDraft({
    caseId: caseRow.id,
    questionSetId: "dash-ric",
    questionSetVersion: "1",
    policyName: "marac",
    policyVersion: "1",
    content: { q1: "yes" },
  });
  await source.session.savePack({ caseId: caseRow.id, kind: "marac", status: "draft", content: { letter: "..." } });
  validText = (
    await exportVault(source.session, {
      passphrase: FILE_PASSPHRASE,
      caseIds: [caseRow.id],
      iterations: TEST_ITERATIONS,
    })
  ).text;
  validEnvelope = JSON.parse(validText) as BackupEnvelope;
  validPayload = await readBackupFile(validText, FILE_PASSPHRASE);

  // The importing profile already has data, including an earlier import of the same case.
  target = (await createUnlockedProfile(setup.vault, "Target", OTHER_PASSPHRASE)).session;
  const own = await target.saveCase({ details: { mine: true } });
  targetAssessmentId = (
    await target.saveAssessmentDraft({
      caseId: own.id,
      questionSetId: "dash-ric",
      questionSetVersion: "1",
      policyName: "marac",
      policyVersion: "1",
      content: {},
    })
  ).id;
  await importBackup(target, validText, FILE_PASSPHRASE);
  // A later version of the case, so a broken import would have something to overwrite.
  setup.clock.advance(60_000);
});

// ------------------------------------------------------------ file builders

const envelopeText = (changes: Record<string, unknown>) => JSON.stringify({ ...validEnvelope, ...changes });

function flipByte(base64: string, index: number): string {
  const bytes = fromBase64(base64);
  const position = index < 0 ? bytes.length + index : index;
  bytes[position] = bytes[position]! ^ 0x01;
  return toBase64(bytes);
}

function clonePayload(): BackupPayload {
  return structuredClone(validPayload);
}

/** Encrypts a (possibly broken) payload properly, recomputing the digest unless told not to, so only the intended fault is present. */
async function payloadFile(
  mutate: (payload: BackupPayload & Record<string, unknown>) => void,
  options: { keepDigest?: boolean; kind?: BackupKind } = {},
): Promise<string> {
  const payload = clonePayload() as BackupPayload & Record<string, unknown>;
  mutate(payload);
  if (!options.keepDigest) payload.digest = await sha256Hex(canonicalJson(payload.records));
  return JSON.stringify(
    await encryptEnvelope(JSON.stringify(payload), FILE_PASSPHRASE, options.kind ?? "case-export", TEST_ITERATIONS),
  );
}

/** A day after the test clock's start: newer than the copy on the device, and not in the future. */
const LATER = "2025-03-02T09:00:00.000Z";
const laterCase = (payload: BackupPayload) => {
  payload.records.cases[0]!.updatedAt = LATER;
};
const REPLACE = { decisions: { replace: true, applyPolicy: false } };

interface BadFile {
  name: string;
  code: ImportErrorCode;
  file: () => Promise<string | Blob>;
  passphrase?: string;
  options?: ImportBackupOptions;
}

const badFiles: BadFile[] = [
  { name: "not JSON at all", code: "not-json", file: async () => "PK\u0003\u0004 this is a zip, not a backup" },
  { name: "empty file", code: "empty", file: async () => "" },
  { name: "only whitespace", code: "empty", file: async () => "  \n\t " },
  {
    name: "truncated half way",
    code: "not-json",
    file: async () => validText.slice(0, Math.floor(validText.length / 2)),
  },
  { name: "JSON array instead of object", code: "not-a-backup", file: async () => "[1,2,3]" },
  { name: "JSON null", code: "not-a-backup", file: async () => "null" },
  { name: "wrong format name", code: "not-a-backup", file: async () => envelopeText({ format: "some-other-app" }) },
  { name: "newer formatVersion", code: "unsupported-version", file: async () => envelopeText({ formatVersion: 2 }) },
  {
    name: "formatVersion as a string",
    code: "unsupported-version",
    file: async () => envelopeText({ formatVersion: "1" }),
  },
  { name: "missing kdf", code: "invalid-envelope", file: async () => envelopeText({ kdf: undefined }) },
  {
    name: "zero iterations",
    code: "invalid-envelope",
    file: async () => envelopeText({ kdf: { ...validEnvelope.kdf, iterations: 0 } }),
  },
  {
    name: "absurd iterations (would freeze the device)",
    code: "invalid-envelope",
    file: async () => envelopeText({ kdf: { ...validEnvelope.kdf, iterations: 1_000_000_000 } }),
  },
  {
    name: "fractional iterations",
    code: "invalid-envelope",
    file: async () => envelopeText({ kdf: { ...validEnvelope.kdf, iterations: 1000.5 } }),
  },
  {
    name: "salt not base64",
    code: "invalid-envelope",
    file: async () => envelopeText({ kdf: { ...validEnvelope.kdf, salt: "not base64!!" } }),
  },
  {
    name: "iv of the wrong length",
    code: "invalid-envelope",
    file: async () => envelopeText({ iv: toBase64(new Uint8Array(8)) }),
  },
  { name: "unknown kind", code: "invalid-envelope", file: async () => envelopeText({ kind: "everything" }) },
  { name: "unknown envelope field", code: "invalid-envelope", file: async () => envelopeText({ comment: "hello" }) },
  { name: "missing ciphertext", code: "invalid-envelope", file: async () => envelopeText({ ciphertext: undefined }) },
  {
    name: "wrong passphrase",
    code: "cannot-decrypt",
    passphrase: "not the file passphrase",
    file: async () => validText,
  },
  {
    name: "tampered ciphertext",
    code: "cannot-decrypt",
    file: async () => envelopeText({ ciphertext: flipByte(validEnvelope.ciphertext, 40) }),
  },
  {
    name: "tampered authentication tag",
    code: "cannot-decrypt",
    file: async () => envelopeText({ ciphertext: flipByte(validEnvelope.ciphertext, -1) }),
  },
  {
    name: "tampered iv",
    code: "cannot-decrypt",
    file: async () => envelopeText({ iv: flipByte(validEnvelope.iv, 0) }),
  },
  {
    name: "ciphertext cut short",
    code: "cannot-decrypt",
    file: async () => envelopeText({ ciphertext: toBase64(fromBase64(validEnvelope.ciphertext).subarray(0, -8)) }),
  },
  {
    name: "header kind edited after encryption",
    code: "cannot-decrypt",
    file: async () => envelopeText({ kind: "backup" }),
  },
  {
    name: "header iterations edited after encryption",
    code: "cannot-decrypt",
    file: async () => envelopeText({ kdf: { ...validEnvelope.kdf, iterations: TEST_ITERATIONS + 1 } }),
  },
  {
    name: "encrypted contents are not JSON",
    code: "invalid-contents",
    file: async () =>
      JSON.stringify(await encryptEnvelope("definitely {not json", FILE_PASSPHRASE, "case-export", TEST_ITERATIONS)),
  },
  {
    name: "inner payload with the wrong format name",
    code: "invalid-contents",
    file: () => payloadFile((payload) => void (payload.format = "something-else" as never)),
  },
  {
    name: "inner payload missing the records",
    code: "invalid-contents",
    file: () => payloadFile((payload) => void delete (payload as Partial<BackupPayload>).records, { keepDigest: true }),
  },
  {
    name: "case missing a required field",
    code: "invalid-contents",
    file: () =>
      payloadFile(
        (payload) => void delete (payload.records.cases[0] as Partial<BackupPayload["records"]["cases"][0]>).updatedAt,
      ),
  },
  {
    name: "case missing its details",
    code: "invalid-contents",
    file: () =>
      payloadFile(
        (payload) => void delete (payload.records.cases[0] as Partial<BackupPayload["records"]["cases"][0]>).details,
      ),
  },
  {
    name: "unknown field on a case",
    code: "invalid-contents",
    file: () => payloadFile((payload) => void Object.assign(payload.records.cases[0]!, { nickname: "x" })),
  },
  {
    name: "unknown top-level field in the payload",
    code: "invalid-contents",
    file: () => payloadFile((payload) => void (payload.extra = true)),
  },
  {
    name: "invalid timestamp",
    code: "invalid-contents",
    file: () => payloadFile((payload) => void (payload.records.cases[0]!.createdAt = "yesterday")),
  },
  {
    name: "free text in a clear summary field",
    code: "invalid-contents",
    file: () => payloadFile((payload) => void (payload.records.cases[0]!.flags = ["Lives with Zebedee Quartermaine"])),
  },
  {
    name: "completed assessment without assessedAt",
    code: "invalid-contents",
    file: () => payloadFile((payload) => void (payload.records.assessments[0]!.status = "completed")),
  },
  {
    name: "case export carrying an audit trail",
    code: "invalid-contents",
    file: () =>
      payloadFile(
        (payload) =>
          void payload.records.audit.push({
            id: "audit-x",
            caseId: null,
            at: "2025-01-01T00:00:00.000Z",
            actor: "practitioner",
            action: "view",
            detail: null,
          }),
      ),
  },
  {
    name: "case export carrying audit entries of a case not in the file",
    code: "invalid-contents",
    file: () =>
      payloadFile(
        (payload) =>
          void payload.records.audit.push({
            id: "audit-y",
            caseId: "some-other-case",
            at: "2025-01-01T00:00:00.000Z",
            actor: "practitioner",
            action: "view",
            detail: null,
          }),
      ),
  },
  {
    name: "case carrying a reviewer note with an unknown status",
    code: "invalid-contents",
    file: () =>
      payloadFile((payload) => {
        (payload.records.cases[0] as Record<string, unknown>).review = {
          notes: [{ at: "2025-01-01T00:00:00.000Z", reviewer: "M", status: "approved", note: "" }],
        };
      }),
  },
  {
    name: "bad digest",
    code: "digest-mismatch",
    file: () =>
      payloadFile((payload) => void (payload.records.cases[0]!.details = { person: "Someone else" }), {
        keepDigest: true,
      }),
  },
  {
    name: "inner kind differs from envelope kind",
    code: "kind-mismatch",
    file: () => payloadFile((payload) => void (payload.kind = "backup")),
  },
  {
    name: "case export offered where a backup is expected",
    code: "kind-mismatch",
    options: { expectedKind: "backup" },
    file: async () => validText,
  },
  {
    name: "duplicate case ids",
    code: "duplicate-records",
    file: () => payloadFile((payload) => void payload.records.cases.push(structuredClone(payload.records.cases[0]!))),
  },
  {
    name: "duplicate assessment ids",
    code: "duplicate-records",
    file: () =>
      payloadFile((payload) => void payload.records.assessments.push(structuredClone(payload.records.assessments[0]!))),
  },
  {
    name: "assessment for a case that is not in the file",
    code: "dangling-reference",
    file: () => payloadFile((payload) => void (payload.records.assessments[0]!.caseId = "some-other-case")),
  },
  { name: "oversize text", code: "too-large", options: { maxBytes: 1_000 }, file: async () => validText },
  {
    name: "oversize file (rejected before reading)",
    code: "too-large",
    options: { maxBytes: 1_000 },
    file: async () => new Blob([validText]),
  },
  {
    name: "record clashing with a different local record (found when comparing with this device)",
    code: "invalid-contents",
    options: REPLACE,
    file: () =>
      payloadFile((payload) => {
        laterCase(payload);
        payload.records.assessments[0]!.id = targetAssessmentId;
        payload.records.assessments[0]!.updatedAt = LATER;
      }),
  },
  {
    name: "a record dated in the future (a wrong clock would make it win every later comparison)",
    code: "future-timestamp",
    options: REPLACE,
    file: () =>
      payloadFile((payload) => {
        payload.records.cases[0]!.updatedAt = "2099-01-01T00:00:00.000Z";
      }),
  },
  {
    name: "content nested deeper than any real record (would exhaust the stack in validation)",
    code: "invalid-contents",
    file: async () => {
      // Built as text: JSON.stringify itself recurses, so it can't write a value this deep.
      const payload = clonePayload();
      payload.records.cases[0]!.details = "DEEP";
      const depth = 100_000;
      const text = JSON.stringify(payload).replace('"DEEP"', `${"[".repeat(depth)}1${"]".repeat(depth)}`);
      return JSON.stringify(await encryptEnvelope(text, FILE_PASSPHRASE, "case-export", TEST_ITERATIONS));
    },
  },
];

describe("import rejects bad files and leaves the database untouched", () => {
  it("covers at least 20 distinct kinds of bad file", () => {
    expect(new Set(badFiles.map((bad) => bad.name)).size).toBe(badFiles.length);
    expect(badFiles.length).toBeGreaterThanOrEqual(20);
  });

  it.each(badFiles.map((bad) => [bad.name, bad] as const))("%s", async (_name, bad) => {
    const file = await bad.file();
    const before = await dumpAllStores(db);

    const error = await importBackup(target, file, bad.passphrase ?? FILE_PASSPHRASE, bad.options).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe(bad.code);
    expect((error as ImportError).message).toMatch(/^[A-Z].+\.\)?$/); // a sentence, not a stack trace
    expect((error as ImportError).message).not.toMatch(/Zebedee|Someone/); // never echoes content
    expect(await dumpAllStores(db)).toEqual(before);
  });

  it("a storage failure part-way through the write rolls everything back", async () => {
    const file = await payloadFile(laterCase);
    const before = await dumpAllStores(db);
    // The audit entries are added after the case is replaced, so the replaced case must be rolled back.
    const failure = vi.spyOn(db.audit, "bulkAdd").mockImplementation(() => {
      throw new Error("QuotaExceededError");
    });
    try {
      const error = await importBackup(target, file, FILE_PASSPHRASE, REPLACE).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe("write-failed");
    } finally {
      failure.mockRestore();
    }
    expect(await dumpAllStores(db)).toEqual(before);
  });

  it("the same file, unbroken, does import (so the rejections above are about the faults)", async () => {
    const result = await importBackup(target, await payloadFile(laterCase), FILE_PASSPHRASE, REPLACE);
    expect(result.summary.cases).toEqual({ added: 0, replaced: 1, kept: 0, skipped: 0 });
  });
});
