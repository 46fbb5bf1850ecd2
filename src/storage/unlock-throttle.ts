/**
 * Slows down passphrase guessing on a shared device without ever destroying
 * data: a wrong guess only costs time. (An attacker who copies the database
 * off the device bypasses this, which is why PBKDF2's cost is the real
 * defence; this just stops casual guessing at the unlock screen.)
 */

import { appendAudit } from "./audit";
import type { SafeReferralDb } from "./db";
import { ProfileNotFoundError } from "./errors";

export const FREE_ATTEMPTS = 3;
export const FIRST_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 5 * 60_000;

/** 0 for the first three failures, then 2 s, 4 s, 8 s … capped at 5 minutes. */
export function unlockDelayAfterFailures(failedAttempts: number): number {
  if (failedAttempts <= FREE_ATTEMPTS) return 0;
  const exponent = failedAttempts - FREE_ATTEMPTS - 1;
  // Guard the exponent so a huge counter can't produce Infinity/NaN arithmetic.
  return exponent >= 20 ? MAX_DELAY_MS : Math.min(FIRST_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

/** Remaining wait before an attempt will be checked; 0 if one may be made now. */
export function remainingDelayMs(lockedUntil: string | null, now: Date): number {
  if (lockedUntil === null) return 0;
  return Math.max(0, Date.parse(lockedUntil) - now.getTime());
}

/** Persists one failed attempt (passphrase or recovery key) and returns the new count and delay. */
export async function recordFailedAttempt(
  db: SafeReferralDb,
  profileId: string,
  now: Date,
): Promise<{ failedAttempts: number; retryAfterMs: number }> {
  return db.transaction("rw", [db.profiles, db.audit], async () => {
    // Re-read inside the transaction so two tabs failing at once both count.
    const profile = await db.profiles.get(profileId);
    if (!profile) throw new ProfileNotFoundError();
    const failedAttempts = profile.failedAttempts + 1;
    const retryAfterMs = unlockDelayAfterFailures(failedAttempts);
    await db.profiles.update(profileId, {
      failedAttempts,
      lockedUntil: retryAfterMs > 0 ? new Date(now.getTime() + retryAfterMs).toISOString() : null,
    });
    await appendAudit(
      db,
      {
        profileId,
        action: "unlock-failed",
        at: now.toISOString(),
        detail: `consecutive failures: ${failedAttempts}`,
      },
      null,
    ); // no key yet: stored unchained, listed as "unverified"
    return { failedAttempts, retryAfterMs };
  });
}

export async function clearFailedAttempts(db: SafeReferralDb, profileId: string): Promise<void> {
  await db.profiles.update(profileId, { failedAttempts: 0, lockedUntil: null });
}
