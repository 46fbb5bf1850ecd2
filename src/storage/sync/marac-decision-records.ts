/**
 * The coordinators' answers to a referral's suggested matches, shared by every coordinator device of the
 * area (decisions §35). One `marac-decisions` record per referral, written as its status is: under the
 * referral's key into the referring team's stream (the server takes a coordinator's record only under a
 * key sent to its area), so the area feed brings it to every coordinator device. The referring team holds
 * that key, so the answers inside are sealed a second time to the area's public key: the team's devices
 * store the record and cannot read which other referrals were weighed, by whom, or the notes.
 *
 * The record carries the whole history. Two devices answering at once: the later push is refused as a
 * conflict, the next round pulls the other's version, the histories merge (mergeDecisionHistories) and
 * the merged one goes on top. The answer that counts is the latest by time, the same on every device.
 */

import { z } from "zod";
import { fromBase64, toBase64, utf8Decode, utf8Encode } from "../bytes";
import { mergeDecisionHistories, type MatchDecision } from "../../domain/marac-matching/match-decision";
import { importCaseKey } from "./case-keys";
import { sealEnvelope, type OutgoingEnvelope } from "./envelope";
import type { DecisionsSync, InboxRow } from "./marac-inbox-view";
import { decisionsRecordId, MARAC_DECISIONS_KIND, readDecisionsBody } from "./marac-records";
import { newestKeyIdOf } from "./marac-referral-keys";
import { openSealed, sealToPublicKey } from "../../domain/team-sync/sealed-box";

const decisionSchema = z.strictObject({
  newReferralId: z.string().max(64),
  heldReferralId: z.string().max(64),
  verdict: z.enum(["confirmed", "rejected"]),
  decidedBy: z.string().min(1).max(200),
  decidedAt: z.iso.datetime({ offset: true }),
  note: z.string().max(2000).optional(),
});
const decisionsSchema = z.array(decisionSchema).max(10_000);

const purpose = (referralId: string) => `marac-decisions:${referralId}`;

/** The decisions sealed to the area's public key (base64 of the raw point): the body's `sealed`. */
export async function sealDecisions(
  decisions: readonly MatchDecision[],
  areaPublicKey: string,
  referralId: string,
): Promise<string> {
  const plaintext = utf8Encode(JSON.stringify(decisions));
  return toBase64(await sealToPublicKey(plaintext, fromBase64(areaPublicKey), purpose(referralId)));
}

/** The decisions from a body's `sealed`, or null when they do not open with the area key or are not decisions of this referral. */
export async function openDecisions(
  sealed: string,
  areaPrivateKey: CryptoKey,
  referralId: string,
): Promise<MatchDecision[] | null> {
  try {
    const opened = await openSealed(fromBase64(sealed), areaPrivateKey, purpose(referralId));
    const parsed = decisionsSchema.safeParse(JSON.parse(utf8Decode(opened)));
    if (!parsed.success || parsed.data.some((decision) => decision.newReferralId !== referralId)) return null;
    return parsed.data as MatchDecision[];
  } catch {
    return null;
  }
}

export const NO_DECISIONS_SYNC: DecisionsSync = { stored: null, outgoing: null };

/** The row's decisions record state (rows stored before decisions were shared have none). */
export function decisionsSyncOf(row: InboxRow): DecisionsSync {
  return row.decisionsSync ?? NO_DECISIONS_SYNC;
}

/** Whether the row holds answers the stored record does not: given here, or merged from another device. */
export function hasUnsentDecisions(row: InboxRow): boolean {
  return row.decisions.length > (decisionsSyncOf(row).stored?.count ?? 0);
}

/**
 * A version of the record from the area feed, taken into the row: its decisions merged into the row's
 * (nothing held here is lost), and a version this device built and the server stored no longer waiting.
 * Null when the body is not this referral's decisions or does not open with the area key.
 */
export async function takeDecisions(
  row: InboxRow,
  envelope: { version: number; signature: string },
  body: unknown,
  areaPrivateKey: CryptoKey,
): Promise<InboxRow | null> {
  const read = readDecisionsBody(body, row.referralId);
  if (!read) return null;
  const theirs = await openDecisions(read.sealed, areaPrivateKey, row.referralId);
  if (!theirs) return null;
  const decisions = mergeDecisionHistories(row.decisions, theirs);
  return {
    ...row,
    decisions,
    decisionsSync: {
      stored: { version: envelope.version, signature: envelope.signature, count: theirs.length },
      // Stored: either this device's own version (no longer waiting), or another device's that came
      // first, on top of which whatever is still unsent here is sealed again.
      outgoing: null,
    },
  };
}

/** The next version of the row's decisions record: the whole history, sealed to the area, on the stored version. */
export async function sealDecisionsVersion(
  row: InboxRow,
  author: { deviceId: string; signingKey: CryptoKey; areaPublicKey: string; savedAt: string },
): Promise<{ envelope: OutgoingEnvelope; count: number }> {
  const { stored } = decisionsSyncOf(row);
  const recordId = await decisionsRecordId(row.referralId);
  const envelope = await sealEnvelope({
    address: {
      teamId: row.teamId,
      recordId,
      keyId: newestKeyIdOf(row),
      version: (stored?.version ?? 0) + 1,
      parentSignature: stored ? fromBase64(stored.signature) : new Uint8Array(0),
    },
    authorDeviceId: author.deviceId,
    caseKey: await importCaseKey(fromBase64(row.keyRaw)),
    signingKey: author.signingKey,
    document: {
      recordId,
      caseId: row.referralId,
      kind: MARAC_DECISIONS_KIND,
      body: {
        decisionsBodyVersion: 1,
        referralId: row.referralId,
        sealed: await sealDecisions(row.decisions, author.areaPublicKey, row.referralId),
      },
      savedAt: author.savedAt,
    },
  });
  return { envelope, count: row.decisions.length };
}
