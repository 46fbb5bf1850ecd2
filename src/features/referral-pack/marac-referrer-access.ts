// Whether this device can send a pack to the MARAC from here, and if so the referrer's side of team
// sync (TeamSync.maracReferrer) with the team's linked areas and the case's referrals so far. Read
// through session.openTeamSync(), which loads the sync code on first use: never in the first download.
import type { MaracArea, MaracReferrer, SentReferral } from "../../storage/sync/marac-records-api";
import type { VaultSession } from "../../storage/vault-session";

export type MaracSendStanding =
  | { kind: "not-in-team" }
  | { kind: "awaiting-approval" }
  | { kind: "removed" }
  /** Sending is not available on this device (the sync side could not be opened). */
  | { kind: "unavailable" }
  | { kind: "member"; referrer: MaracReferrer; areas: MaracArea[]; referrals: SentReferral[] };

export async function readMaracStanding(session: VaultSession, caseId: string): Promise<MaracSendStanding> {
  const teamSync = await session.openTeamSync();
  const identity = await teamSync.deviceIdentity();
  if (!identity?.enrolment) return { kind: "not-in-team" };
  if (identity.membership === "revoked") return { kind: "removed" };
  if (identity.membership !== "approved") return { kind: "awaiting-approval" };
  let referrer: MaracReferrer;
  try {
    referrer = teamSync.maracReferrer();
  } catch {
    return { kind: "unavailable" };
  }
  const [areas, referrals] = await Promise.all([referrer.linkedAreas(), referrer.sentReferrals(caseId)]);
  return { kind: "member", referrer, areas, referrals };
}

/** The pack id of a correction: the sent pack's own id with its version, so every version is kept as sent. */
export function correctionPackId(basePackId: string, version: number): string {
  return `${basePackId.slice(0, 56)}-v${version}`;
}
