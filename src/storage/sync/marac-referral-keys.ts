// Which referral a version of the area feed belongs to, and the referral's keys (decisions §38). A
// referral's key is rotated when its sender's device is removed (§34): later versions of the referral,
// and the coordinators' status and decisions records, then come under the new key. So a version is joined
// to its referral by record id (the referral's own, or the ids derived from it), never by key id, and
// the coordinator's device keeps every key the area opened for the referral, writing under the newest.
import type { AreaEnvelope } from "./transport";
import type { InboxRow } from "./marac-inbox-view";
import { decisionsRecordId, statusRecordId } from "./marac-records";

export type HeldRecordKind = "referral" | "status" | "decisions";

/** The key the coordinator's records are written under: the newest the area has opened for this referral. */
export function newestKeyIdOf(row: InboxRow): string {
  return row.keyId ?? row.referral.keyId;
}

/** The referral's key with this id, base64, if the area has opened it. */
export function referralKeyRaw(row: InboxRow, keyId: string): string | undefined {
  if (keyId === newestKeyIdOf(row)) return row.keyRaw;
  return row.earlierKeys?.find((key) => key.keyId === keyId)?.raw;
}

/** The row with a key newly opened from the feed as its newest; the one before is kept to open older versions. */
export function withNewestKey(row: InboxRow, keyId: string, raw: string): InboxRow {
  if (referralKeyRaw(row, keyId) !== undefined) return row;
  const earlierKeys = [...(row.earlierKeys ?? []), { keyId: newestKeyIdOf(row), raw: row.keyRaw }];
  return { ...row, keyId, keyRaw: raw, earlierKeys };
}

/** Finds the held referral of one team an envelope belongs to, by its record id; the ids derived are computed once per referral. */
export class ReferralRecordIds {
  readonly #derived = new Map<string, { status: string; decisions: string }>();

  async #idsOf(referralId: string): Promise<{ status: string; decisions: string }> {
    let ids = this.#derived.get(referralId);
    if (!ids) {
      ids = { status: await statusRecordId(referralId), decisions: await decisionsRecordId(referralId) };
      this.#derived.set(referralId, ids);
    }
    return ids;
  }

  async find(
    envelope: Pick<AreaEnvelope, "recordId" | "teamId">,
    held: ReadonlyMap<string, InboxRow>,
  ): Promise<{ row: InboxRow; kind: HeldRecordKind } | null> {
    for (const row of held.values()) {
      if (row.teamId !== envelope.teamId) continue;
      if (row.referralId === envelope.recordId) return { row, kind: "referral" };
      const ids = await this.#idsOf(row.referralId);
      if (ids.status === envelope.recordId) return { row, kind: "status" };
      if (ids.decisions === envelope.recordId) return { row, kind: "decisions" };
    }
    return null;
  }
}
