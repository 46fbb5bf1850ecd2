// A "not safe to ask" assessment is left open until the practitioner can come back. Meanwhile the case
// list and the manager's dashboard must still show what was observed and when to come back by (issue
// 14 item 4); they read codes kept with the case, never decrypting a case, so while the draft is open
// here its codes follow it: written when they change (an answer, its source, the date), cleared once it
// is safe to ask. Typing a note changes no code, so it writes nothing.
import { useEffect, useMemo, useRef } from "react";
import { NOT_SAFE_CODE_PREFIX, notSafeDraftCodes } from "../../domain/certainty/not-safe-summary";
import type { VaultSession } from "../../storage/vault-session";
import type { AssessmentDraftState } from "./use-assessment-draft";

/**
 * `active` false (read-only in this tab, or completed here) writes nothing. One write at a time, in
 * order, so the newest codes land last; a failed write (e.g. the vault locked) is simply left: the
 * next change, or the next time the draft is opened, writes the codes again. Storage ignores a write
 * that arrives after the assessment was completed. Returns a wait for the writes asked for so far
 * (Save and close waits, so the case list it goes back to already shows them).
 */
export function useNotSafeCaseCodes(
  session: VaultSession,
  caseId: string,
  assessment: AssessmentDraftState,
  active: boolean,
): () => Promise<void> {
  const open = assessment.status === "open" ? assessment : null;
  const assessmentId = open?.opened.id ?? null;
  const writable = open?.writable === true;
  const safeToAsk = open?.draft.safeToAsk;
  const returnOn = open?.draft.returnOn;
  const outcome = open?.liveOutcome ?? null;
  const caseFile = open?.liveCaseFile ?? null;
  const codes = useMemo(
    () => notSafeDraftCodes({ safeToAsk, returnOn, outcome, caseFile }),
    [safeToAsk, returnOn, outcome, caseFile],
  );
  // Compared as text: a new outcome object with the same codes must not write again.
  const key = codes === null ? null : JSON.stringify(codes);
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (!active || !writable || assessmentId === null || key === null) return;
    const next = JSON.parse(key) as string[];
    const write = () =>
      session.replaceDraftCaseCodes({ caseId, assessmentId, prefix: NOT_SAFE_CODE_PREFIX, codes: next });
    queue.current = queue.current.then(write).then(
      () => undefined,
      () => undefined,
    );
  }, [session, caseId, assessmentId, key, active, writable]);

  return () => queue.current;
}
