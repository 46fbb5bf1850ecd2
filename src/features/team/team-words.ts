// Plain words for the team screens: what went wrong joining or approving (never a server code on
// screen), roles, and how an enrolment code is typed.
import { SyncTransportError } from "../../storage/sync/transport";

export type TeamRole = "practitioner" | "manager" | "coordinator";

export const ROLE_LABELS: Record<TeamRole, string> = {
  practitioner: "Practitioner",
  manager: "Manager",
  coordinator: "MARAC coordinator",
};

/** A role inside a sentence: "a practitioner device", "a MARAC coordinator device" (MARAC stays in capitals). */
export function roleInSentence(role: TeamRole): string {
  return role === "coordinator" ? ROLE_LABELS.coordinator : ROLE_LABELS[role].toLowerCase();
}

/** Crockford base32 (no I, L, O, U), as the server reads it: O is 0, I and L are 1; spaces and dashes ignored. */
export function normaliseEnrolmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** Why a typed code cannot be a code at all (checked before anything is sent), or null. */
export function enrolmentCodeProblem(typed: string): string | null {
  const code = normaliseEnrolmentCode(typed);
  if (code === "") return "Enter the enrolment code your manager gave you";
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(code)) {
    return "Enter the code as it was given: 16 letters and numbers, like ABCD-EFGH-JKMN-PQRS";
  }
  return null;
}

/** "ABCD-EFGH-JKMN-PQRS", as a manager reads it out. */
export function groupedCode(code: string): string {
  return normaliseEnrolmentCode(code).replace(/(.{4})(?=.)/g, "$1-");
}

/** What the practitioner should do when the network or the server failed (online: the browser's belief). */
export function connectionWords(error: SyncTransportError, online: boolean): string {
  if (error.failure === "offline") {
    return online
      ? "The team server cannot be reached. Check the connection and try again, or ask whoever runs the server"
      : "This device is offline. Connect to the internet and try again";
  }
  if (error.failure === "unavailable") return "The team server is not working at the moment. Try again later";
  return "The team server refused this. Try again, or ask your manager";
}

/** Making a code to join failed: why, in words (the manager's and the coordinator's forms). */
export function issueCodeErrorWords(error: unknown, online: boolean): string {
  if (error instanceof SyncTransportError && error.code === "too-many-codes") {
    return "You have made 20 codes in the last hour, the most allowed. Try again later";
  }
  if (error instanceof SyncTransportError) return connectionWords(error, online);
  return "A code could not be made. Try again";
}

/** Joining with a code failed: why, in words. */
export function joinErrorWords(error: unknown, online: boolean): string {
  if (!(error instanceof SyncTransportError)) {
    return "This device could not join the team. Try again";
  }
  switch (error.code) {
    case "code-not-recognised":
      return "That code is not recognised. Check it with the manager who gave it to you";
    case "code-used":
      return "That code has already been used. Ask your manager for a new one";
    case "code-expired":
      return "That code has expired. Ask your manager for a new one";
    case "device-exists":
      return "This device is already enrolled. Open the Team page again";
    default:
      if (error.status === 429) return "Too many tries. Wait a few minutes and try again";
      return connectionWords(error, online);
  }
}
