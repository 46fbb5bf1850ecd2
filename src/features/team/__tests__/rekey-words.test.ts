import {
  managerDeviceWords,
  rekeyDoneWords,
  rekeyProgressWords,
  rekeyStoppedWords,
  rekeyWaitingWords,
  teamKeyChangedWords,
} from "../rekey-words";

describe("words for giving a removed device's cases new keys", () => {
  it("counts progress as the issue words it", () => {
    expect(rekeyProgressWords(120, 500)).toBe("Giving 500 cases new keys: 120 done");
    expect(rekeyProgressWords(0, 1)).toBe("Giving 1 case new keys: 0 done");
    expect(rekeyProgressWords(1000, 1500)).toBe("Giving 1,500 cases new keys: 1,000 done");
  });

  it("says what the new keys mean, in the singular and the plural", () => {
    expect(rekeyDoneWords(3)).toBe(
      "All 3 cases the removed device could read now have new keys. Anything written to them from now on cannot be read with the keys that device held.",
    );
    expect(rekeyDoneWords(1)).toBe(
      "The 1 case the removed device could read now has a new key. Anything written to it from now on cannot be read with the keys that device held.",
    );
    expect(rekeyDoneWords(0)).toMatch(/^No case needed a new key/);
  });

  it("says plainly when nothing could be re-keyed, and when it stopped", () => {
    expect(managerDeviceWords(12)).toMatch(/team's 12 cases keep their keys/);
    expect(rekeyStoppedWords(100, 500)).toBe(
      "The device is removed, but giving its cases new keys stopped (100 of 500 cases done). Changes to those cases wait until it is finished.",
    );
    expect(rekeyStoppedWords(0, null)).toBe(
      "The device is removed, but giving its cases new keys stopped. Changes to those cases wait until it is finished.",
    );
    expect(rekeyWaitingWords(1)).toBe(
      "1 case that a removed device could read still waits for a new key. Changes to it are held until then.",
    );
    expect(rekeyWaitingWords(4)).toMatch(/^4 cases .* still wait for a new key/);
  });

  it("says the team key was changed for a removed manager's device, with the cases in the singular, plural or none", () => {
    expect(teamKeyChangedWords(1)).toMatch(
      /The team key has been changed: .* The 1 case it could read now has a new key\./,
    );
    expect(teamKeyChangedWords(40)).toMatch(/All 40 cases it could read now have new keys\./);
    expect(teamKeyChangedWords(0)).toMatch(/No case needed a new key\. Anything written from now on/);
  });
});
