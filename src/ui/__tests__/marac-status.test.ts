import { describe, expect, it } from "vitest";
import { maracStatusWords } from "../marac-status";

describe("maracStatusWords", () => {
  it("says each stage in plain words, with the meeting's date", () => {
    expect(maracStatusWords({ stage: "sent" })).toBe("Sent");
    expect(maracStatusWords({ stage: "received" })).toBe("Received by the MARAC coordinator");
    expect(maracStatusWords({ stage: "on-agenda", meetingDate: "2027-01-12" })).toBe(
      "On the agenda for 12 January 2027",
    );
    expect(maracStatusWords({ stage: "heard", meetingDate: "2027-01-12" })).toBe("Heard on 12 January 2027");
  });
});
