// The team sync state in plain words, for the line under the header and the Team screen. One sentence
// that says what matters most: removed or waiting for approval first (nothing syncs), then offline
// (changes are safe here), then a problem, then what is waiting to send, then when it last synced.
import type { TeamSyncState } from "../../storage/sync/team-records-api";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const OFFLINE_WORDS = "Offline — changes are kept on this device and sent when you are back online";
export const AWAITING_APPROVAL_WORDS = "Waiting for your manager to approve this device";
export const REVOKED_WORDS = "This device has been removed from the team. Ask your manager.";

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
  if (state.membership === "revoked") return REVOKED_WORDS;
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
