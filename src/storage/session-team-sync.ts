/**
 * The session's team sync (`VaultSession.openTeamSync`): sync/team-sync.ts is loaded on first use after
 * unlock, so the app's first download carries none of it, and opened once per session.
 */

import type { SessionContext } from "./session-context";
import type { TeamSync } from "./sync/team-sync";

const loadTeamSync = () => import("./sync/team-sync");

export class SessionTeamSync {
  readonly #context: SessionContext;
  readonly #onBeforeLock: (hook: () => Promise<void>) => () => void;
  #opened: Promise<TeamSync> | null = null;

  /** `onBeforeLock` is the session's, so the engine stops when the vault locks. */
  constructor(context: SessionContext, onBeforeLock: (hook: () => Promise<void>) => () => void) {
    this.#context = context;
    this.#onBeforeLock = onBeforeLock;
  }

  open(): Promise<TeamSync> {
    this.#context.requireKey();
    // One per session: its engine, its outbox listener and its state are the session's.
    this.#opened ??= loadTeamSync().then((module) => module.openTeamSync(this.#context, this.#onBeforeLock));
    return this.#opened;
  }
}
