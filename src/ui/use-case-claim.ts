// Claims a case for editing in this tab while a screen that edits it (the case editor, the
// assessment) is mounted: one writer per case across tabs. A claim is only attempted once the
// previous one from this tab has been fully released, so a quick unmount/remount (React StrictMode,
// or going from the case to its assessment) never sees its own old claim as "another tab".
//
// The guard is src/storage/case-claim.ts (Web Locks, or a BroadcastChannel handshake); this hook
// only knows its shape, so src/ui stays free of storage imports.
import { useCallback, useEffect, useRef, useState } from "react";

type ClaimResult = { ok: true; release: () => Promise<void> } | { ok: false; message: string };
interface ClaimHandlers {
  onTakeOverRequested?: () => void;
  onLost?: () => void;
}
export interface ClaimGuardLike {
  claimCase(caseId: string, handlers?: ClaimHandlers): Promise<ClaimResult>;
  takeOver(caseId: string, handlers?: ClaimHandlers): Promise<ClaimResult>;
}

export type ClaimState =
  | { kind: "claiming" }
  /** `generation` changes whenever this tab (re)gains the claim: re-read what is stored before editing. */
  | { kind: "claimed"; generation: number }
  | { kind: "refused"; message: string; generation: number };

export interface CaseClaim {
  state: ClaimState;
  /** Asks the other tab to save and let go (taking the claim anyway if it does not answer). */
  takeOver: () => void;
}

export interface UseCaseClaimOptions {
  /** Saves what this tab has pending; awaited before the claim is handed to another tab. */
  flush?: () => Promise<void>;
}

export const TAKEN_OVER_MESSAGE =
  "This case is now being edited in another tab or window. Your changes here were saved before it was handed over.";
export const LOST_MESSAGE = "This case was taken over in another tab or window. It can no longer be changed here.";
const NOT_OPENED = "This case could not be opened for editing.";

let releasing: Promise<void> = Promise.resolve();

export function useCaseClaim(guard: ClaimGuardLike, caseId: string, options: UseCaseClaimOptions = {}): CaseClaim {
  const [state, setState] = useState<{ caseId: string; claim: ClaimState }>({ caseId, claim: { kind: "claiming" } });
  // Bumped by "Take over": a fresh claim attempt (through takeOver) in the same effect.
  const [attempt, setAttempt] = useState(0);
  const flushRef = useRef(options.flush);
  const generations = useRef(0);
  useEffect(() => {
    flushRef.current = options.flush;
  });

  useEffect(() => {
    // Per effect run, not a ref: a result from an earlier run must never land after a remount.
    let live = true;
    let held: { release: () => Promise<void> } | null = null;
    const letGo = (message: string, flushFirst: boolean): void => {
      if (!live || held === null) return;
      const claim = held;
      held = null;
      // Read-only at once, so nothing more is typed; then save what is pending, then hand over.
      setState({ caseId, claim: { kind: "refused", message, generation: (generations.current += 1) } });
      const flushed = flushFirst ? (flushRef.current?.() ?? Promise.resolve()) : Promise.resolve();
      void flushed.catch(() => undefined).finally(() => void claim.release());
    };
    const handlers: ClaimHandlers = {
      onTakeOverRequested: () => letGo(TAKEN_OVER_MESSAGE, true),
      onLost: () => letGo(LOST_MESSAGE, false),
    };
    const claimed = releasing.then(() =>
      attempt === 0 ? guard.claimCase(caseId, handlers) : guard.takeOver(caseId, handlers),
    );
    claimed.then(
      (result) => {
        if (!live) return;
        if (result.ok) held = result;
        const generation = (generations.current += 1);
        setState({
          caseId,
          claim: result.ok ? { kind: "claimed", generation } : { kind: "refused", message: result.message, generation },
        });
      },
      () => {
        if (live)
          setState({ caseId, claim: { kind: "refused", message: NOT_OPENED, generation: (generations.current += 1) } });
      },
    );
    return () => {
      live = false;
      releasing = claimed.then(
        (result) => (result.ok ? result.release() : undefined),
        () => undefined,
      );
    };
  }, [guard, caseId, attempt]);

  const takeOver = useCallback(() => {
    setState({ caseId, claim: { kind: "claiming" } });
    setAttempt((count) => count + 1);
  }, [caseId]);

  return { state: state.caseId === caseId ? state.claim : { kind: "claiming" }, takeOver };
}
