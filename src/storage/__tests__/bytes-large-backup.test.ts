// @vitest-environment node
// Regression (issue 15): a backup over about 5 MB saved fine but could not be restored, because the
// base64 check of its ciphertext overflowed the stack ("Maximum call stack size exceeded").
import { describe, expect, it } from "vitest";
import { encryptEnvelope, MIN_IMPORT_ITERATIONS } from "../backup-file";
import { readBackupFile } from "../backup-read";
import { ImportError } from "../errors";

describe("a large backup file gets past the envelope check", () => {
  it("a 6 MB file is decrypted and judged on its contents, not refused or crashed on its base64", async () => {
    const plaintext = JSON.stringify({ padding: "x".repeat(6 * 1024 * 1024) });
    const envelope = await encryptEnvelope(plaintext, "a passphrase", "backup", MIN_IMPORT_ITERATIONS);
    const text = JSON.stringify(envelope);
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const outcome = await readBackupFile(text, "a passphrase").catch((error: unknown) => error);
    // Not a real payload, so it must be refused, but only after decryption, for its contents.
    expect(outcome).toBeInstanceOf(ImportError);
    expect((outcome as ImportError).code).toBe("invalid-contents");
  });
});
