// The team's audit in plain words for a manager: "Manager device (joined 3 March 2026) approved a
// practitioner device (joined 4 March 2026)". Never an id: a device is named by its role and the day it
// joined (devices carry no person's name), "this device" for the manager's own.
import type { TeamAuditEntry, TeamDevice } from "../../storage/sync/team-admin-client";
import { ROLE_LABELS } from "./team-words";

/** "7 December 2026" in the device's time zone. */
export function dayMonthYear(at: string): string {
  return new Date(at).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

/** "7 December 2026 14:02" in the device's time zone. */
export function dayMonthYearTime(at: string): string {
  const time = new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return `${dayMonthYear(at)} ${time}`;
}

export interface AuditNaming {
  /** The team's devices as GET /api/devices lists them (removed ones too). */
  devices: readonly TeamDevice[];
  /** The device reading the audit: named "this device". */
  thisDeviceId: string | null;
}

/** A device as a sentence names it; `first` capitalises it to start the sentence. */
export function deviceName(deviceId: string | null, naming: AuditNaming, first: boolean): string {
  if (deviceId !== null && deviceId === naming.thisDeviceId) return first ? "This device" : "this device";
  const device = naming.devices.find((candidate) => candidate.deviceId === deviceId);
  if (!device) return first ? "A device no longer listed" : "a device no longer listed";
  const role = ROLE_LABELS[device.role].toLowerCase();
  return `${first ? `${role[0]!.toUpperCase()}${role.slice(1)}` : `a ${role}`} device (joined ${dayMonthYear(device.createdAt)})`;
}

/** What happened, as one sentence without a full stop. */
export function auditSentence(entry: TeamAuditEntry, naming: AuditNaming): string {
  const actor = deviceName(entry.actorDeviceId, naming, true);
  const subject = deviceName(entry.subjectDeviceId, naming, false);
  switch (entry.action) {
    case "enrol":
      return `${actor} joined with a code`;
    case "approve":
      return `${actor} approved ${subject}`;
    case "revoke":
      return `${actor} removed ${subject} from the team`;
    case "share-key":
      if (entry.subjectDeviceId === null) return `${actor} gave the team's managers the key to a case`;
      if (entry.subjectDeviceId === entry.actorDeviceId) return `${actor} kept the key to a new case`;
      return `${actor} gave ${subject} the key to a case`;
    case "send":
      return `${actor} sent a referral to the MARAC`;
    case "rotate-key":
      return `${actor} gave a case a new key because ${subject} was removed`;
    case "reassign": {
      // One row per key given: a case whose key was replaced after a removal gives two.
      const fromId = entry.subjectFromDeviceId ?? null;
      const from = deviceName(fromId, naming, false);
      const removed = naming.devices.find((device) => device.deviceId === fromId)?.status === "revoked";
      return `${actor} gave ${subject} the key to a case moved from ${removed ? from.replace(/^a /, "a removed ") : from}`;
    }
    case "rotate-team-key":
      return `${actor} changed the team key because ${subject} was removed`;
  }
}
