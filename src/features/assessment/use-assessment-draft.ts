// The assessment being filled in: opened from the vault, saved as a draft on every change and run
// through the engine as it goes, so the risk panel always shows the outcome so far.
import { useEffect, useMemo, useRef, useState } from "react";
import type { CaseFile } from "../../domain/case-file";
import type { Outcome } from "../../domain/outcome";
import type { Policy } from "../../domain/policy";
import { QUESTION_SETS } from "../../domain/question-sets/question-set-registry";
import { changesSinceLastAssessment, type AssessmentChanges } from "../../domain/rules/assessment-changes";
import { createDraftAutosaver, type DraftAutosaver } from "../../storage/autosave";
import { DraftExistsError } from "../../storage/errors";
import type { VaultSession } from "../../storage/vault-session";
import {
  assessDraft,
  questionSetOf,
  type AssessmentDraft,
  type CaseFileExtras,
  type DraftUpdate,
} from "./assessment-draft";
import {
  openAssessment,
  previousAssessmentsOf,
  type CompletedAssessment,
  type OpenedAssessment,
} from "./assessment-records";

/**
 * Typed text is saved 400 ms after the last keystroke, and at least this often while typing goes on.
 * This is what bounds the loss when the page gets no chance to save: a killed browser, and (measured
 * in Chromium) a browser closed as a whole, which does not wait for pagehide's write. At 5
 * characters a second it means at most the last character or so (test/e2e/one-writer.e2e.test.ts).
 * Writes never overlap (the autosaver queues them), so fast typing still makes one write at a time.
 */
export const TYPING_MAX_WAIT_MS = 100;

/** Said when this tab's new draft was refused because the case already had one (started in another tab). */
export const DRAFT_ALREADY_STARTED =
  "This case already had an assessment in progress, started in another tab or window. That one has been opened instead.";

type Loaded = OpenedAssessment | { error: string };

export interface OpenAssessmentDraft {
  status: "open";
  opened: OpenedAssessment;
  draft: AssessmentDraft;
  policy: Policy;
  /** What the case file gets from outside the draft: earlier assessments and the case details. */
  extras: CaseFileExtras;
  /** The engine's outcome for the draft as it stands; null while the draft is incomplete. */
  liveOutcome: Outcome | null;
  /**
   * The case file that outcome came from (null with it): it tells observed answers from answers given,
   * and what the timeline says about stages without evidence.
   */
  liveCaseFile: CaseFile | null;
  /** The newest completed assessment of this case, and what has changed since it (null if nothing to compare). */
  lastCompleted: CompletedAssessment | undefined;
  changes: AssessmentChanges | null;
  /** The last save failed; the next change tries again. */
  saveFailed: boolean;
  /** False when another tab holds the case: nothing is saved from here. */
  writable: boolean;
  /** Something the practitioner should know about how the draft was opened (or null). */
  notice: string | null;
  update: DraftUpdate;
  /** Writes what is pending now (on blur); a failure only shows as "Not saved yet". */
  flushNow: () => void;
  /** Writes what is pending now, for Save and close. */
  flush: () => Promise<void>;
  /** Writes this draft one last time and stops autosaving: it is about to be completed. */
  saveAndStop: (draft: AssessmentDraft) => Promise<void>;
}

export type AssessmentDraftState = { status: "opening" } | { status: "failed"; error: string } | OpenAssessmentDraft;

/**
 * `writable` false (another tab holds the case): the draft is shown, and can be paged through, but
 * nothing is saved from here and no new draft is ever created.
 */
export function useAssessmentDraft(session: VaultSession, caseId: string, writable = true): AssessmentDraftState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [saveFailed, setSaveFailed] = useState(false);
  // Bumped to open the case's stored draft again (another tab had already started one).
  const [reopen, setReopen] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const saverRef = useRef<DraftAutosaver<AssessmentDraft> | null>(null);
  const maxWaitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const prepareRef = useRef<((draft: AssessmentDraft) => void) | null>(null);
  const opened = loaded !== null && "draft" in loaded ? loaded : null;
  const assessmentId = opened?.id ?? null;
  const policy = opened?.activePolicy.policy ?? null;
  const previousCompleted = opened?.completed ?? null;
  const fromDetails = opened?.fromDetails ?? null;

  useEffect(() => {
    let live = true;
    openAssessment(session, caseId).then(
      (result) => {
        if (live) setLoaded(result);
      },
      () => {
        if (live) setLoaded({ error: "This assessment could not be opened." });
      },
    );
    return () => {
      live = false;
    };
  }, [session, caseId, reopen]);

  useEffect(() => {
    if (!writable || assessmentId === null || policy === null) return undefined;
    const inputOf = (draft: AssessmentDraft) => {
      const set = QUESTION_SETS[questionSetOf(draft)];
      return {
        id: assessmentId,
        caseId,
        questionSetId: set.id,
        questionSetVersion: String(set.version),
        policyName: policy.name,
        policyVersion: String(policy.version),
        content: draft,
      };
    };
    const saver = createDraftAutosaver<AssessmentDraft>({
      session,
      save: async (draft) => {
        await session.saveAssessmentDraft(inputOf(draft));
        setSaveFailed(false);
      },
      onError: (error) => {
        if (error instanceof DraftExistsError) {
          // Never a second draft for one case: open the one already there.
          setNotice(DRAFT_ALREADY_STARTED);
          setReopen((count) => count + 1);
          return;
        }
        setSaveFailed(true);
      },
    });
    saverRef.current = saver;
    prepareRef.current = (draft) => session.prepareAssessmentDraft(inputOf(draft));
    // The page may be going for good (tab or browser closed, app switched away and killed): queue
    // the IndexedDB write of the newest content in this very task, before any await, then let the
    // autosaver write it again the normal, checked way in case the page lives on.
    const flushForLeaving = (): void => {
      if (maxWaitTimer.current !== null) clearTimeout(maxWaitTimer.current);
      maxWaitTimer.current = null;
      if (saver.hasUnsavedChanges) session.writePreparedAssessmentDraft(assessmentId);
      saver.flush().catch(() => setSaveFailed(true));
    };
    const onVisibility = (): void => {
      if (document.visibilityState === "hidden") flushForLeaving();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flushForLeaving);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flushForLeaving);
      if (maxWaitTimer.current !== null) clearTimeout(maxWaitTimer.current);
      maxWaitTimer.current = null;
      saverRef.current = null;
      prepareRef.current = null;
      saver.dispose().catch((error: unknown) => {
        if (error instanceof DraftExistsError) setReopen((count) => count + 1);
      });
    };
  }, [session, caseId, assessmentId, policy, writable]);

  const extras = useMemo<CaseFileExtras>(
    () => ({
      ...(previousCompleted === null ? {} : { previousAssessments: previousAssessmentsOf(previousCompleted) }),
      ...(fromDetails === null ? {} : { fromCaseDetails: fromDetails.context }),
    }),
    [previousCompleted, fromDetails],
  );
  const draft = opened?.draft ?? null;
  const live = useMemo(() => {
    if (draft === null || policy === null) return null;
    const result = assessDraft(draft, extras, policy);
    return result.ok ? result : null;
  }, [draft, extras, policy]);
  const lastCompleted = previousCompleted?.[0];
  const changes = useMemo(
    () => (live === null || lastCompleted === undefined ? null : changesSinceLastAssessment(lastCompleted, live)),
    [live, lastCompleted],
  );

  if (loaded === null) return { status: "opening" };
  if (opened === null || draft === null || policy === null) {
    return { status: "failed", error: "error" in loaded ? loaded.error : "" };
  }

  const flushNow = (): void => {
    saverRef.current?.flush().catch(() => setSaveFailed(true));
  };
  const update: DraftUpdate = (next, immediate = false) => {
    setLoaded({ ...opened, draft: next });
    const saver = saverRef.current;
    if (saver === null) return;
    saver.schedule(next);
    // Sealed now, so a page going away can store it without waiting (writePreparedAssessmentDraft).
    prepareRef.current?.(next);
    if (immediate) {
      saver.flush().catch(() => setSaveFailed(true));
      return;
    }
    // The debounce restarts on every keystroke: while typing goes on, still write at least this often.
    maxWaitTimer.current ??= setTimeout(() => {
      maxWaitTimer.current = null;
      saver.flush().catch(() => setSaveFailed(true));
    }, TYPING_MAX_WAIT_MS);
  };

  return {
    status: "open",
    opened,
    draft,
    policy,
    extras,
    liveOutcome: live?.outcome ?? null,
    liveCaseFile: live?.caseFile ?? null,
    lastCompleted,
    changes,
    saveFailed,
    writable,
    notice,
    update,
    flushNow,
    flush: () => saverRef.current?.flush() ?? Promise.resolve(),
    saveAndStop: async (final) => {
      // The draft row must exist (with this policy and question set recorded) before it can be completed.
      const saver = saverRef.current;
      if (saver !== null) {
        saver.schedule(final);
        await saver.flush();
      }
      saverRef.current = null;
    },
  };
}
