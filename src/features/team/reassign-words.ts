// Plain words for reassigning a practitioner device's cases (issue 17 item 3): how many, progress, done,
// and what to do when it stopped. Devices are named by role and the day they joined, never an id.
import { InvalidInputError } from "../../storage/errors";
import { SyncTransportError } from "../../storage/sync/transport";
import { connectionWords } from "./team-words";

const cases = (count: number): string => (count === 1 ? "1 case" : `${count.toLocaleString("en-GB")} cases`);

/** "3 cases" / "No cases": how many cases the device can read. */
export function deviceCasesWords(count: number): string {
  if (count === 0) return "This device holds no case the team has.";
  return `This device can read ${cases(count)}.`;
}

/** Cases of the device this manager's device has not received yet. */
export function notHeldWords(count: number): string {
  return `${count === 1 ? "1 more case has" : `${count.toLocaleString("en-GB")} more cases have`} not reached this device yet, so ${count === 1 ? "it is" : "they are"} not listed. Let this device sync with the team, then look again.`;
}

/** "Reassigning 12 cases: 5 done". */
export function reassignProgressWords(done: number, total: number): string {
  return `Reassigning ${cases(total)}: ${done.toLocaleString("en-GB")} done`;
}

/** Finished: who has them now, and when they arrive. */
export function reassignDoneWords(count: number, to: string): string {
  return `${count === 1 ? "1 case was" : `${cases(count)} were`} reassigned to ${to}. ${count === 1 ? "It arrives" : "They arrive"} on that device the next time it syncs with the team.`;
}

/** Stopped part way: how far it got (every case is either given or not: none is half done). */
export function reassignStoppedWords(done: number, total: number): string {
  return `Reassigning stopped: ${done.toLocaleString("en-GB")} of ${cases(total)} done. Each case is either with the chosen device or not yet; none is half done.`;
}

/** Why it stopped, and what to do (`online`: the browser's belief). */
export function reassignFailureWords(caught: unknown, online: boolean): string {
  if (caught instanceof SyncTransportError) {
    if (caught.code === "recipient-not-approved") {
      return "The device you chose is no longer in the team. Go back and choose another";
    }
    if (caught.code === "key-rotated") {
      return "A case was given a new key meanwhile. Let this device sync with the team, then try again";
    }
    return connectionWords(caught, online);
  }
  if (caught instanceof InvalidInputError) {
    return "A chosen case has not fully reached this device yet. Let this device sync with the team, then try again";
  }
  return "The cases could not be reassigned. Try again";
}
