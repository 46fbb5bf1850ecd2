// Plain words for giving a removed device's cases new keys (issue 17 item 3): progress, what it means
// when done, what it cannot do, and what to do when it stopped.

const cases = (count: number): string => (count === 1 ? "1 case" : `${count.toLocaleString("en-GB")} cases`);

/** "Giving 500 cases new keys: 120 done". */
export function rekeyProgressWords(done: number, total: number): string {
  return `Giving ${cases(total)} new keys: ${done.toLocaleString("en-GB")} done`;
}

/** The re-keying finished: what changed for later writes. */
export function rekeyDoneWords(rotated: number): string {
  if (rotated === 0)
    return "No case needed a new key: the removed device held no case key that was not already replaced.";
  return `${rotated === 1 ? "The 1 case" : `All ${cases(rotated)}`} the removed device could read now ${rotated === 1 ? "has a new key" : "have new keys"}. Anything written to ${rotated === 1 ? "it" : "them"} from now on cannot be read with the keys that device held.`;
}

/** Said with every outcome: removal never reaches into the device. */
export const CANNOT_RECALL_WORDS =
  "What the removed device has already opened cannot be recalled from it: it keeps whatever it had read before it was removed.";

/** A removed manager's device: the team key is being changed before its cases get new keys. */
export const TEAM_KEY_CHANGING_WORDS =
  "This was a manager's device, so it held the team key that opens every case. Changing the team key first…";

/** A removed manager's device: the team key was changed and the cases given new keys. */
export function teamKeyChangedWords(rotated: number): string {
  const caseWords =
    rotated === 0
      ? "No case needed a new key."
      : `${rotated === 1 ? "The 1 case" : `All ${cases(rotated)}`} it could read now ${rotated === 1 ? "has a new key" : "have new keys"}.`;
  return `This was a manager's device, so it held the team key that opens every case. The team key has been changed: the remaining managers' devices have the new one and the removed device does not. ${caseWords} Anything written from now on cannot be read with the keys that device held.`;
}

/** A removed manager's device and a team server that cannot change the team key (an older version): nothing was re-keyed. */
export function managerDeviceWords(exposed: number): string {
  return `This was a manager's device, so it held the team key that opens every case. This team server cannot change the team key, so the team's ${cases(exposed)} keep their keys: if the removed device ever obtained what is written from now on, it could read it. Tell whoever runs your team server.`;
}

/** The re-keying stopped part way (the removal itself holds). */
export function rekeyStoppedWords(done: number, total: number | null): string {
  const part = total === null ? "" : ` (${done.toLocaleString("en-GB")} of ${cases(total)} done)`;
  return `The device is removed, but giving its cases new keys stopped${part}. Changes to those cases wait until it is finished.`;
}

/** On the Team screen later: a removed device's cases still wait for new keys. */
export function rekeyWaitingWords(count: number): string {
  return `${count === 1 ? "1 case" : cases(count)} that a removed device could read ${count === 1 ? "still waits" : "still wait"} for a new key. Changes to ${count === 1 ? "it" : "them"} are held until then.`;
}
