import { SyncTransportError } from "../../../storage/sync/transport";
import { typedFingerprint } from "../approve-device-page";
import { differingFields } from "../conflict-differences";
import { refusedWords, syncStateWords, timeAgo } from "../sync-state-words";
import {
  enrolmentCodeProblem,
  groupedCode,
  issueCodeErrorWords,
  joinErrorWords,
  normaliseEnrolmentCode,
} from "../team-words";

const NOW = new Date("2026-12-07T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe("team words", () => {
  it("a code that could not be made: the hourly limit, the connection, or anything else", () => {
    expect(issueCodeErrorWords(new SyncTransportError("refused", "", "too-many-codes", 429), true)).toBe(
      "You have made 20 codes in the last hour, the most allowed. Try again later",
    );
    expect(issueCodeErrorWords(new SyncTransportError("offline", ""), false)).toBe(
      "This device is offline. Connect to the internet and try again",
    );
    expect(issueCodeErrorWords(new Error("This device is not in a team."), true)).toBe(
      "A code could not be made. Try again",
    );
  });

  it("times: just now, minutes, hours, then the day", () => {
    expect(timeAgo(ago(30_000), NOW)).toBe("just now");
    expect(timeAgo(ago(60_000), NOW)).toBe("1 minute ago");
    expect(timeAgo(ago(59 * 60_000), NOW)).toBe("59 minutes ago");
    expect(timeAgo(ago(2 * 3_600_000), NOW)).toBe("2 hours ago");
    expect(timeAgo(ago(3 * 86_400_000), NOW)).toMatch(/^on 4 December at \d{2}:\d{2}$/);
  });

  it("the state's one sentence: membership first, then offline, problem, waiting, last synced", () => {
    const state = {
      membership: "approved" as const,
      online: true,
      syncing: false,
      lastSyncedAt: null,
      waitingToSend: 0,
      conflicts: 0,
      problem: null,
      refusedRecords: 0,
      removal: null,
    };
    expect(syncStateWords({ ...state, membership: "none" }, NOW)).toBeNull();
    expect(syncStateWords({ ...state, online: false, membership: "revoked" }, NOW)).toMatch(/removed/);
    expect(syncStateWords({ ...state, online: false, problem: "x" }, NOW)).toMatch(/^Offline/);
    expect(syncStateWords({ ...state, problem: "A problem.", waitingToSend: 2 }, NOW)).toBe("A problem.");
    expect(syncStateWords({ ...state, waitingToSend: 1 }, NOW)).toBe("1 change waiting to send");
    expect(syncStateWords(state, NOW)).toBe("Not synced yet");
    expect(syncStateWords({ ...state, lastSyncedAt: ago(2 * 60_000) }, NOW)).toBe("Synced 2 minutes ago");
  });

  it("changes from another device that were refused, in words; none, nothing to say", () => {
    expect(refusedWords(0)).toBeNull();
    expect(refusedWords(1)).toBe("1 change from another device could not be read and was not applied");
    expect(refusedWords(3)).toBe("3 changes from other devices could not be read and were not applied");
  });

  it("codes: read as the server reads them, checked for shape, grouped for reading out", () => {
    expect(normaliseEnrolmentCode("abcd-efgh jkmn-pqrs")).toBe("ABCDEFGHJKMNPQRS");
    expect(normaliseEnrolmentCode("OIL0")).toBe("0110");
    expect(enrolmentCodeProblem("abcd-efgh-jkmn-pqrs")).toBeNull();
    expect(enrolmentCodeProblem("  ")).toMatch(/^Enter the enrolment code/);
    expect(enrolmentCodeProblem("ABCD-EFGH-JKMN-PQRU")).toMatch(/16 letters and numbers/);
    expect(groupedCode("ABCDEFGHJKMNPQRS")).toBe("ABCD-EFGH-JKMN-PQRS");
  });

  it("a failed join in words, never the server's code", () => {
    const refused = (code: string, status = 400) => new SyncTransportError("refused", "x", code, status);
    expect(joinErrorWords(refused("code-not-recognised"), true)).toMatch(/^That code is not recognised/);
    expect(joinErrorWords(refused("code-used", 410), true)).toMatch(/already been used/);
    expect(joinErrorWords(refused("code-expired", 410), true)).toMatch(/has expired/);
    expect(joinErrorWords(refused("rate-limited", 429), true)).toMatch(/^Too many tries/);
    expect(joinErrorWords(new SyncTransportError("offline", "x"), false)).toMatch(/^This device is offline/);
    expect(joinErrorWords(new SyncTransportError("offline", "x"), true)).toMatch(/cannot be reached/);
    expect(joinErrorWords(new SyncTransportError("unavailable", "x", null, 503), true)).toMatch(/not working/);
    expect(joinErrorWords(new Error("boom"), true)).toBe("This device could not join the team. Try again");
  });

  it("typed numbers: 24 digits in any spacing, else nothing", () => {
    expect(typedFingerprint("123456789012345678901234")).toBe("1234 5678 9012 3456 7890 1234");
    expect(typedFingerprint(" 1234 5678-9012 3456 7890 1234 ")).toBe("1234 5678 9012 3456 7890 1234");
    expect(typedFingerprint("1234 5678")).toBeNull();
    expect(typedFingerprint("1234 5678 9012 3456 7890 123a")).toBeNull();
  });

  it("differences: labelled, bookkeeping and ids left out, answers in words", () => {
    const base = { id: "c1", caseId: "c1", updatedAt: "a", agencyId: "x" };
    const differences = differingFields(
      { kind: "assessment", record: { ...base, content: { answers: { "dash.injury": "yes" } } } as never },
      {
        kind: "assessment",
        record: {
          ...base,
          updatedAt: "b",
          agencyId: "y",
          content: { answers: { "dash.injury": "not-known" } },
        } as never,
      },
    );
    expect(differences).toEqual([{ label: expect.stringMatching(/^Question 1: /), mine: "Yes", theirs: "Not known" }]);
  });
});
