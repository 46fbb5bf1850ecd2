/** What every service function is given: the database and a clock (tests move the clock to expire things). */
import type { Database } from "./database";

export interface ServerContext {
  db: Database;
  now(): Date;
}

/** How long things last and how often they may be asked for. Why each value: docs/team-server.md. */
export const LIMITS = {
  enrolmentCodeHours: 72,
  firstCodeHours: 7 * 24,
  /** Wrong secrets typed against one code before it is used up. */
  codeAttempts: 5,
  /** Codes one device may issue in an hour. */
  codesPerHour: 20,
  challengeSeconds: 60,
  /** Open challenges one device may have at once (a flood of challenges stores nothing more). */
  openChallenges: 10,
  sessionMinutes: 15,
  /** Envelopes in one pull page at most (a device catching up asks for this many). */
  pullPageMax: 2000,
  /** Ciphertext bytes in one pull page at most (it always holds at least one envelope). */
  pullPageBytes: 4 * 1024 * 1024,
  envelopeBytesMax: 4 * 1024 * 1024,
} as const;

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
