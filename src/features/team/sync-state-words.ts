// The team sync state in plain words, for the line under the header and the Team screen. One sentence
// that says what matters most: removed or waiting for approval first (nothing syncs), then offline
// (changes are safe here), then a problem, then what is waiting to send, then when it last synced.
import type { TeamRemoval, TeamSyncState } from "../../storage/sync/team-records-api";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const OFFLINE_WORDS = "Offline — changes are kept on this device and sent when you are back online";
export const AWAITING_APPROVAL_WORDS = "Waiting for your manager to approve this device";
export const REVOKED_WORDS = "A manager removed this device from the team. The team's cases have been deleted from it.";
export const UNKNOWN_DEVICE_WORDS =
  "The team server does not know this device, so it has stopped syncing. Ask your manager.";

/** "just now", "1 minute ago", "2 hours ago", else the day and time ("on 7 December at 14:05"). */
export function timeAgo(at: string, now: Date): string {
  const elapsed = now.getTime() - Date.parse(at);
  if (!Number.isFinite(elapsed) || elapsed < MINUTE_MS) return "just now";
  if (elapsed < HOUR_MS) {
    const minutes = Math.floor(elapsed / MINUTE_MS);
    return `${minutes} ${minutes === 1 ? "minute" : "minutes"} ago`;
  }
  if (elapsed < 24 * HOUR_MS) {
    const hours = Math.floor(elapsed / HOUR_MS);
    return `${hours} ${hours === 1 ? "hour" : "hours"} ago`;
  }
  return `on ${dayAndTime(at)}`;
}

/** "7 December at 14:05" in the device's time zone. */
export function dayAndTime(at: string): string {
  const date = new Date(at);
  const day = date.toLocaleDateString("en-GB", { day: "numeric", month: "long" });
  const time = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return `${day} at ${time}`;
}

function changes(count: number): string {
  return `${count} ${count === 1 ? "change" : "changes"}`;
}

/** The one sentence for the state; null when the device is not in a team (nothing to say). */
export function syncStateWords(state: TeamSyncState, now: Date): string | null {
  if (state.membership === "none") return null;
  // The same words before and after the wipe's counts are known, so a screen reader hears them once.
  if (state.membership === "revoked") {
    return state.removal?.reason === "unknown-to-server" ? UNKNOWN_DEVICE_WORDS : REVOKED_WORDS;
  }
  if (state.membership === "awaiting-approval") return AWAITING_APPROVAL_WORDS;
  if (!state.online) {
    return state.waitingToSend > 0 ? `${OFFLINE_WORDS} (${changes(state.waitingToSend)} waiting)` : OFFLINE_WORDS;
  }
  if (state.problem !== null) return state.problem;
  if (state.syncing) return "Syncing…";
  if (state.waitingToSend > 0) {
    return `${changes(state.waitingToSend)} waiting to send`;
  }
  if (state.lastSyncedAt === null) return "Not synced yet";
  return `Synced ${timeAgo(state.lastSyncedAt, now)}`;
}

/** "2 cases changed on another device: choose which version to keep", or null for none. */
export function conflictWords(count: number): string | null {
  if (count === 0) return null;
  return count === 1
    ? "1 record was changed on this device and another: choose which version to keep"
    : `${count} records were changed on this device and another: choose which versions to keep`;
}

/**
 * Versions from other devices this device refused since unlock (they failed the checks a case file's
 * import makes): never applied, so the practitioner should know something of the team's is missing here.
 */
export function refusedWords(count: number): string | null {
  if (count === 0) return null;
  return count === 1
    ? "1 change from another device could not be read and was not applied"
    : `${count} changes from other devices could not be read and were not applied`;
}

function cases(count: number): string {
  return `${count} ${count === 1 ? "case" : "cases"}`;
}

/**
 * What the wipe of a device a manager removed deleted ("3 of the team's cases were deleted from this
 * device"), or that it is still under way. Null for a device the server does not know (nothing deleted).
 */
export function removedCasesWords(removal: TeamRemoval): string | null {
  if (removal.reason !== "removed-by-manager") return null;
  const removed = removal.removedCases;
  if (removed === null) return "The team's cases are being deleted from this device.";
  if (removed === 0) return "None of the team's cases were on this device, so none were deleted.";
  return `${cases(removed)} the team holds ${removed === 1 ? "was" : "were"} deleted from this device.`;
}

/**
 * The cases the wipe kept (changes the team never received, or never the team's) and what to do with
 * them; null when none stayed or the wipe has not finished.
 */
export function keptCasesWords(removal: TeamRemoval): string | null {
  const kept = removal.keptCases;
  if (removal.reason !== "removed-by-manager" || kept === null || kept === 0) return null;
  const them = kept === 1 ? "it" : "them";
  return (
    `${cases(kept)} ${kept === 1 ? "is" : "are"} still on this device because the team does not have ` +
    `${kept === 1 ? "all of it" : "everything in them"}. Send ${them} to your manager from Backups and sharing, ` +
    `then delete ${them} from this device.`
  );
}
