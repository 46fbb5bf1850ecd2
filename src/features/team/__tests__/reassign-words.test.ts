import { InvalidInputError } from "../../../storage/errors";
import { SyncTransportError } from "../../../storage/sync/transport";
import {
  deviceCasesWords,
  notHeldWords,
  reassignDoneWords,
  reassignFailureWords,
  reassignProgressWords,
  reassignStoppedWords,
} from "../reassign-words";

describe("reassigning cases, in words", () => {
  it("counts cases in words, one and many", () => {
    expect(deviceCasesWords(0)).toBe("This device holds no case the team has.");
    expect(deviceCasesWords(1)).toBe("This device can read 1 case.");
    expect(deviceCasesWords(1200)).toBe("This device can read 1,200 cases.");
    expect(notHeldWords(1)).toMatch(/^1 more case has not reached this device yet, so it is not listed/);
    expect(notHeldWords(2)).toMatch(/^2 more cases have not reached this device yet, so they are not listed/);
  });

  it("says progress, the end, and a stop without half-done cases", () => {
    expect(reassignProgressWords(5, 12)).toBe("Reassigning 12 cases: 5 done");
    expect(reassignDoneWords(1, "a practitioner device (joined 3 December 2026)")).toBe(
      "1 case was reassigned to a practitioner device (joined 3 December 2026). It arrives on that device the next time it syncs with the team.",
    );
    expect(reassignDoneWords(3, "x")).toMatch(/^3 cases were reassigned to x\. They arrive/);
    expect(reassignStoppedWords(5, 12)).toBe(
      "Reassigning stopped: 5 of 12 cases done. Each case is either with the chosen device or not yet; none is half done.",
    );
  });

  it("never shows a server code", () => {
    const refused = (code: string) => new SyncTransportError("refused", code, code, 409);
    expect(reassignFailureWords(refused("recipient-not-approved"), true)).toBe(
      "The device you chose is no longer in the team. Go back and choose another",
    );
    expect(reassignFailureWords(refused("key-rotated"), true)).toMatch(/^A case was given a new key meanwhile/);
    expect(reassignFailureWords(refused("key-not-of-device"), true)).toBe(
      "The team server refused this. Try again, or ask your manager",
    );
    expect(reassignFailureWords(new InvalidInputError("A chosen case's key is not on this device yet."), true)).toMatch(
      /^A chosen case has not fully reached this device yet/,
    );
    expect(reassignFailureWords(new Error("boom"), true)).toBe("The cases could not be reassigned. Try again");
    expect(reassignFailureWords(new SyncTransportError("offline", "lost"), false)).toBe(
      "This device is offline. Connect to the internet and try again",
    );
  });
});
