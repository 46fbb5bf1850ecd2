/**
 * An unlocked profile's passphrase and recovery-key changes (`VaultSession.changePassphrase`,
 * `regenerateRecoveryKey`). Both re-wrap the data key only: no record is re-encrypted.
 */

import {
  deriveRecoveryWrappingKey,
  derivePassphraseWrappingKey,
  generateRecoveryKey,
  generateSalt,
  parseRecoveryKey,
  wrapDataKey,
} from "./crypto";
import type { ProfileRow } from "./db";
import { passphraseSchema } from "./profile-rules";
import { parseInput } from "./record-schemas";
import type { SessionContext } from "./session-context";

/** What a credential change needs from the `Vault`: the current passphrase checked, and its PBKDF2 cost. */
export interface PassphraseCheck {
  readonly _iterations: number;
  _verifyPassphrase(profileId: string, passphrase: string): Promise<{ profile: ProfileRow; extractableKey: CryptoKey }>;
}

/** Re-wraps the data key under a new passphrase. No record is re-encrypted. */
export async function changePassphrase(
  context: SessionContext,
  vault: PassphraseCheck,
  currentPassphrase: string,
  newPassphrase: string,
): Promise<void> {
  context.requireKey();
  parseInput(passphraseSchema, newPassphrase, "new passphrase");
  const { extractableKey } = await vault._verifyPassphrase(context.profileId, currentPassphrase);
  const kdf = { salt: generateSalt(), iterations: vault._iterations };
  const wrappingKey = await derivePassphraseWrappingKey(newPassphrase, kdf.salt, kdf.iterations);
  const wrappedDataKey = await wrapDataKey(extractableKey, wrappingKey);
  const db = context.db;
  await context.write([db.profiles, db.audit], async () => {
    await db.profiles.update(context.profileId, { kdf, wrappedDataKey });
    await context.audit("passphrase-change");
  });
}

/** Issues a new recovery key (returned to be shown once); the old one stops working. */
export async function regenerateRecoveryKey(
  context: SessionContext,
  vault: PassphraseCheck,
  currentPassphrase: string,
): Promise<string> {
  context.requireKey();
  const { extractableKey } = await vault._verifyPassphrase(context.profileId, currentPassphrase);
  const recoveryKey = generateRecoveryKey();
  const salt = generateSalt();
  const wrappingKey = await deriveRecoveryWrappingKey(parseRecoveryKey(recoveryKey)!, salt);
  const recovery = { salt, wrappedDataKey: await wrapDataKey(extractableKey, wrappingKey) };
  const db = context.db;
  await context.write([db.profiles, db.audit], async () => {
    await db.profiles.update(context.profileId, { recovery });
    await context.audit("recovery-key-regenerated");
  });
  return recoveryKey;
}
