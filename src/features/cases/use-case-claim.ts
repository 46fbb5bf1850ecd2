// Claims a case for editing in this tab while the editor is mounted. A claim is only attempted once
// the previous one from this editor has been fully released, so a quick unmount/remount (React
// StrictMode, or reopening the same case) never sees its own old claim as "another tab".
import { useEffect, useState } from "react";
import type { CaseClaimGuard } from "../../storage/case-claim";

export type ClaimState = { kind: "claiming" } | { kind: "claimed" } | { kind: "refused"; message: string };

let releasing: Promise<void> = Promise.resolve();

export function useCaseClaim(guard: CaseClaimGuard, caseId: string): ClaimState {
  const [state, setState] = useState<{ caseId: string; claim: ClaimState }>({ caseId, claim: { kind: "claiming" } });
  useEffect(() => {
    // Per effect run, not a ref: a result from an earlier run must never land after a remount.
    let live = true;
    const claimed = releasing.then(() => guard.claimCase(caseId));
    claimed.then(
      (result) => {
        if (!live) return;
        setState({ caseId, claim: result.ok ? { kind: "claimed" } : { kind: "refused", message: result.message } });
      },
      () => {
        if (live)
          setState({ caseId, claim: { kind: "refused", message: "This case could not be opened for editing." } });
      },
    );
    return () => {
      live = false;
      releasing = claimed.then(
        (result) => (result.ok ? result.release() : undefined),
        () => undefined,
      );
    };
  }, [guard, caseId]);

  return state.caseId === caseId ? state.claim : { kind: "claiming" };
}
