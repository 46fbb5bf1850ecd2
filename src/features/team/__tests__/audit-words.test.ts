import type { TeamAuditEntry, TeamDevice } from "../../../storage/sync/team-admin-client";
import { auditSentence, dayMonthYear, dayMonthYearTime, deviceName } from "../audit-words";

const MANAGER = "11111111-1111-4111-8111-111111111111";
const OFFICER = "22222222-2222-4222-8222-222222222222";
const GONE = "33333333-3333-4333-8333-333333333333";
const KEY = "44444444-4444-4444-8444-444444444444";

function device(deviceId: string, role: TeamDevice["role"], createdAt: string): TeamDevice {
  return { deviceId, role, status: "approved", ecdhPublicKey: "", ecdsaPublicKey: "", createdAt };
}

const naming = {
  devices: [
    device(MANAGER, "manager", "2026-12-01T10:00:00Z"),
    device(OFFICER, "practitioner", "2026-12-03T10:00:00Z"),
  ],
  thisDeviceId: null,
};

function entry(action: TeamAuditEntry["action"], actor: string, subject: string | null): TeamAuditEntry {
  return {
    id: 1,
    at: "2026-12-07T14:02:00Z",
    action,
    actorDeviceId: actor,
    subjectDeviceId: subject,
    subjectKeyId: action === "share-key" ? KEY : null,
    subjectRecordId: null,
  };
}

describe("the team's audit in words", () => {
  it("names devices by role and the day they joined, this device as such, never by id", () => {
    expect(deviceName(MANAGER, naming, true)).toBe("Manager device (joined 1 December 2026)");
    expect(deviceName(OFFICER, naming, false)).toBe("a practitioner device (joined 3 December 2026)");
    expect(deviceName(MANAGER, { ...naming, thisDeviceId: MANAGER }, false)).toBe("this device");
    expect(deviceName(GONE, naming, true)).toBe("A device no longer listed");
  });

  it("says each action in one sentence", () => {
    const joined = "(joined 3 December 2026)";
    expect(auditSentence(entry("enrol", OFFICER, OFFICER), naming)).toBe(
      `Practitioner device ${joined} joined with a code`,
    );
    expect(auditSentence(entry("approve", MANAGER, OFFICER), naming)).toBe(
      `Manager device (joined 1 December 2026) approved a practitioner device ${joined}`,
    );
    expect(auditSentence(entry("revoke", MANAGER, OFFICER), naming)).toBe(
      `Manager device (joined 1 December 2026) removed a practitioner device ${joined} from the team`,
    );
    expect(auditSentence(entry("share-key", OFFICER, null), naming)).toBe(
      `Practitioner device ${joined} gave the team's managers the key to a case`,
    );
    expect(auditSentence(entry("share-key", OFFICER, OFFICER), naming)).toBe(
      `Practitioner device ${joined} kept the key to a new case`,
    );
    expect(auditSentence(entry("share-key", MANAGER, OFFICER), naming)).toBe(
      `Manager device (joined 1 December 2026) gave a practitioner device ${joined} the key to a case`,
    );
    expect(auditSentence(entry("send", OFFICER, null), naming)).toBe(
      `Practitioner device ${joined} sent a referral to the MARAC`,
    );
    for (const action of ["enrol", "approve", "revoke", "share-key", "send"] as const) {
      const words = auditSentence(entry(action, MANAGER, OFFICER), naming);
      for (const id of [MANAGER, OFFICER, KEY]) expect(words).not.toContain(id);
    }
  });

  it("says a reassigned case moved from a removed device, or from one still in the team", () => {
    const LEAVER = "55555555-5555-4555-8555-555555555555";
    const withLeaver = {
      ...naming,
      devices: [
        ...naming.devices,
        { ...device(LEAVER, "practitioner", "2026-11-20T10:00:00Z"), status: "revoked" as const },
      ],
    };
    const reassigned = { ...entry("reassign", MANAGER, OFFICER), subjectKeyId: KEY, subjectFromDeviceId: LEAVER };
    const words = auditSentence(reassigned, withLeaver);
    expect(words).toBe(
      "Manager device (joined 1 December 2026) gave a practitioner device (joined 3 December 2026) the key to a case " +
        "moved from a removed practitioner device (joined 20 November 2026)",
    );
    for (const id of [MANAGER, OFFICER, LEAVER, KEY]) expect(words).not.toContain(id);
    const stillIn = {
      ...withLeaver,
      devices: withLeaver.devices.map((each) => ({ ...each, status: "approved" as const })),
    };
    expect(auditSentence(reassigned, stillIn)).toMatch(/moved from a practitioner device \(joined 20 November 2026\)$/);
  });

  it("dates with the year, and the time for an entry", () => {
    expect(dayMonthYear("2026-12-07T14:02:00Z")).toMatch(/^7 December 2026$/);
    expect(dayMonthYearTime("2026-12-07T14:02:00Z")).toMatch(/^7 December 2026 \d{2}:02$/);
  });
});
