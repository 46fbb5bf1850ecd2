// @vitest-environment node
// Everything else uses 1,000 PBKDF2 iterations for speed; this proves the
// real default (3,000,000, above OWASP's 600,000 floor) is what a profile gets and that it works end to end.
import { describe, expect, it } from "vitest";
import { DEFAULT_PBKDF2_ITERATIONS } from "../crypto";
import { WrongPassphraseError } from "../errors";
import { Vault } from "../vault";
import { PASSPHRASE, freshDatabase } from "../../testing/test-vault";

describe("real key-derivation cost", () => {
  it("creates and unlocks a profile with the real 3,000,000 PBKDF2-SHA-256 iterations", async () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBe(3_000_000);
    expect(DEFAULT_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000); // OWASP's floor
    const db = freshDatabase();
    const vault = new Vault({ db }); // no iterations override: the production default
    const { profileId } = await vault.createProfile("Practitioner A", PASSPHRASE);
    expect((await db.profiles.get(profileId))!.kdf.iterations).toBe(3_000_000);

    await expect(vault.unlock(profileId, "wrong passphrase")).rejects.toBeInstanceOf(WrongPassphraseError);
    const session = await vault.unlock(profileId, PASSPHRASE);
    const saved = await session.saveCase({ details: { ok: true } });
    expect((await session.getCase(saved.id)).details).toEqual({ ok: true });
  }, 120_000);
});
