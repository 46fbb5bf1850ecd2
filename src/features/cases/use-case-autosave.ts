// Autosaves one case's details: 400 ms after the last change, and at once whenever the page may be
// going away (tab hidden, pagehide, window blur) or the vault is about to lock.
import { useEffect, useRef, useState } from "react";
import { createDraftAutosaver, type DraftAutosaver } from "../../storage/autosave";
import type { VaultSession } from "../../storage/vault-session";
import type { CaseDetails } from "../../domain/case-record/case-details";

export const CASE_AUTOSAVE_DELAY_MS = 400;
/**
 * The 400 ms delay restarts on every keystroke, so someone typing steadily would otherwise save
 * nothing until they pause, leaving the whole run to the pagehide flush, which a closing tab may
 * not finish. Unsaved changes are therefore written at least this often while typing continues.
 */
// 100 ms (was 600): a browser closed as a whole or killed gives no pagehide write time, so this is
// what bounds the loss there (measured in test/e2e/one-writer.e2e.test.ts: budget 300 ms / 600 ms).
export const CASE_AUTOSAVE_MAX_WAIT_MS = 100;

export type SaveStatus = "idle" | "saving" | "saved" | "failed";

export interface CaseAutosave {
  status: SaveStatus;
  schedule(details: CaseDetails): void;
  flush(): Promise<void>;
}

export function useCaseAutosave(session: VaultSession, caseId: string, enabled: boolean): CaseAutosave {
  const [status, setStatus] = useState<SaveStatus>("idle");
  const saverRef = useRef<DraftAutosaver<{ seq: number; details: CaseDetails }> | null>(null);
  const latestSeq = useRef(0);
  const maxWaitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!enabled) return undefined;
    const saver = createDraftAutosaver<{ seq: number; details: CaseDetails }>({
      delayMs: CASE_AUTOSAVE_DELAY_MS,
      session,
      save: async ({ seq, details }) => {
        await session.saveCase({ id: caseId, details });
        // Only say "Saved" when what was just written is the newest thing typed.
        if (seq === latestSeq.current) setStatus("saved");
      },
      onError: () => setStatus("failed"),
    });
    saverRef.current = saver;
    const clearMaxWait = (): void => {
      if (maxWaitTimer.current !== null) clearTimeout(maxWaitTimer.current);
      maxWaitTimer.current = null;
    };

    const flush = (): void => {
      saver.flush().catch(() => setStatus("failed"));
    };
    const onVisibility = (): void => {
      if (document.visibilityState === "hidden") flush();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flush);
    window.addEventListener("blur", flush);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("blur", flush);
      saverRef.current = null;
      clearMaxWait();
      // Leaving the editor (or locking) writes whatever is pending; a locked session simply refuses.
      saver.dispose().catch(() => undefined);
    };
  }, [session, caseId, enabled]);

  return {
    status,
    schedule(details) {
      const saver = saverRef.current;
      if (saver === null) return;
      latestSeq.current += 1;
      saver.schedule({ seq: latestSeq.current, details });
      setStatus("saving");
      maxWaitTimer.current ??= setTimeout(() => {
        maxWaitTimer.current = null;
        saver.flush().catch(() => setStatus("failed"));
      }, CASE_AUTOSAVE_MAX_WAIT_MS);
    },
    flush() {
      return saverRef.current?.flush() ?? Promise.resolve();
    },
  };
}
