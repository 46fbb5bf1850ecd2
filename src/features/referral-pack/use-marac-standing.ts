// The pack screen's view of sending to the MARAC, read again when sync brings records from another
// device (a coordinator's status change flows back that way).
import { useCallback, useEffect, useState } from "react";
import type { VaultSession } from "../../storage/vault-session";
import { readMaracStanding, type MaracSendStanding } from "./marac-referrer-access";

export type MaracStandingState =
  { status: "loading" } | { status: "failed" } | { status: "read"; standing: MaracSendStanding };

export function useMaracStanding(
  session: VaultSession,
  caseId: string,
  wanted: boolean,
): { state: MaracStandingState; refresh: () => Promise<void> } {
  const [state, setState] = useState<MaracStandingState>({ status: "loading" });
  const refresh = useCallback(async (): Promise<void> => {
    try {
      const standing = await readMaracStanding(session, caseId);
      setState({ status: "read", standing });
    } catch {
      setState({ status: "failed" });
    }
  }, [session, caseId]);
  useEffect(() => {
    if (!wanted) return undefined;
    let live = true;
    const read = () =>
      readMaracStanding(session, caseId).then(
        (standing) => {
          if (live) setState({ status: "read", standing });
        },
        () => {
          if (live) setState({ status: "failed" });
        },
      );
    void read();
    const unsubscribe = session.onTeamRecordsArrived(() => void read());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [session, caseId, wanted]);
  return { state, refresh };
}
