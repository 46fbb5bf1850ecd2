// The review of ONE case: the only place the review decrypts anything (this case's details and its
// latest completed assessment), to run the referral-quality checklist, explain each item and show
// any victim-blaming phrases with better wording. The manager records a note and either marks the
// case reviewed or returns it to the practitioner for improvement.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { validateCaseFile, type CaseFile } from "../../domain/case-file";
import { readCaseDetails } from "../../domain/case-record/case-details";
import type { Outcome } from "../../domain/outcome";
import { describeCurrentLevelFromSummary, returnByText } from "../../domain/certainty/not-safe-summary";
import { runQualityChecklist, type QualityItemResult } from "../../domain/review/quality-checklist";
import { qualityScoreOf } from "../../domain/review/quality-score";
import { reviewSummaryAtCompletion, withQualityFlags } from "../../domain/review/review-flags";
import { bragKeyOf, londonToday, needsActionLabel, needsActionReasons } from "../../domain/review/dashboard-summary";
import type { AuditEntry } from "../../storage/audit";
import type { CaseSummary } from "../../storage/cases";
import type { ReviewRecord, ReviewStatus } from "../../storage/review-notes";
import type { VaultSession } from "../../storage/vault-session";
import { ErrorSummary } from "../../ui/error-summary";
import type { Choice } from "../../ui/choice";
import { Radios } from "../../ui/radios";
import { TextArea } from "../../ui/text-area";
import { ScreenHeading } from "../../ui/screen-heading";
import { BRAG_LABELS, formatDateTime, REVIEW_STATUS_LABELS, reviewPathLabel, reviewPathLabels } from "./review-labels";
import "./review.css";

export interface CaseReviewProps {
  session: VaultSession;
  caseId: string;
  /** The case's number as the case list and the dashboard name it ("Case 3"): never its id. */
  caseNumber: number;
  onBack: () => void;
  /** The time "today" is taken from (an overdue return); now when omitted. */
  now?: Date | undefined;
}

interface Loaded {
  summary: CaseSummary;
  items: QualityItemResult[];
  review: ReviewRecord;
  assessedAt: string | null;
  activity: AuditEntry[];
}

/** How much of the case's audit trail (including entries imported with it) the review shows. */
export const ACTIVITY_LIMIT = 30;

/** The stored outcome is the engine's own output; this only checks it is one before reading it. */
function asOutcome(value: unknown): Outcome | null {
  return typeof value === "object" && value !== null && (value as { schemaVersion?: unknown }).schemaVersion === 1
    ? (value as Outcome)
    : null;
}

async function loadCaseReview(session: VaultSession, caseId: string): Promise<Loaded> {
  const record = await session.getCase(caseId);
  const details = readCaseDetails(record.details);
  const latest = (await session.listAssessments(caseId))
    .filter((assessment) => assessment.status === "completed")
    .sort((a, b) => ((a.assessedAt ?? "") < (b.assessedAt ?? "") ? 1 : -1))[0];
  let caseFile: CaseFile | null = null;
  let outcome: Outcome | null = null;
  if (latest !== undefined) {
    const assessment = await session.getAssessment(latest.id);
    const validated = validateCaseFile(assessment.content);
    caseFile = validated.ok ? validated.caseFile : null;
    outcome = caseFile === null ? null : asOutcome(assessment.outcome);
  }
  const items = runQualityChecklist({ details, caseFile, outcome });
  const score = qualityScoreOf(items);
  const { details: _details, ...summary } = record;
  // Keep the dashboard's clear figures in step with what this review found (codes, labels and a
  // number only). With an assessment, everything the completion would have written is refreshed,
  // so a case completed or imported before these fields existed still shows on the dashboard.
  // Never fatal: the review itself matters more than the dashboard's figures for this one case.
  const refreshed = await session
    .updateCaseSummary(
      caseId,
      caseFile !== null && outcome !== null
        ? reviewSummaryAtCompletion({ caseFile, outcome, details }, summary.flags)
        : { qualityScore: score.percent, flags: withQualityFlags(summary.flags, score.missed) },
    )
    .catch(() => summary);
  return {
    summary: refreshed,
    items,
    review: await session.getReview(caseId),
    assessedAt: latest?.assessedAt ?? null,
    activity: await session.listAudit({ caseId, limit: ACTIVITY_LIMIT }),
  };
}

const STATUS_TEXT = { met: "Met", missed: "Missed", na: "Not applicable" } as const;

// Each radio has its own id: a missing outcome links (and moves focus) to the first one.
const STATUS_CHOICES: readonly Choice<ReviewStatus>[] = [
  { value: "reviewed", label: "Reviewed: no further action needed", id: "review-status-reviewed" },
  { value: "returned-for-improvement", label: "Return for improvement", id: "review-status-returned" },
];

export function CaseReview({ session, caseId, caseNumber, onBack, now }: CaseReviewProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  const [note, setNote] = useState("");
  const [status, setStatus] = useState<ReviewStatus | "">("");
  const [errors, setErrors] = useState<{ fieldId: string; message: string }[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const savedRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let live = true;
    loadCaseReview(session, caseId).then(
      (result) => {
        if (live) setLoaded(result);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [session, caseId]);

  useEffect(() => {
    if (saved !== null) savedRef.current?.focus();
  }, [saved]);

  if (failed) {
    return (
      <div>
        <p role="alert">This case could not be opened for review.</p>
        <button type="button" className="button button--secondary" onClick={onBack}>
          Back to all cases
        </button>
      </div>
    );
  }
  if (loaded === null) return <p role="status">Opening the case for review…</p>;

  const { summary, items, review } = loaded;
  const score = qualityScoreOf(items);
  const today = londonToday(now ?? new Date());
  const reasons = needsActionReasons(summary, today);
  const comeBack = returnByText(summary.flags, today);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: { fieldId: string; message: string }[] = [];
    if (status === "")
      problems.push({
        fieldId: "review-status-reviewed",
        message: "Choose whether the case is reviewed or returned for improvement",
      });
    if (status === "returned-for-improvement" && note.trim() === "") {
      problems.push({
        fieldId: "review-note",
        message: "Say what needs improving, so the practitioner knows what to do",
      });
    }
    setErrors(problems);
    if (problems.length > 0 || status === "") {
      setFocusKey((key) => key + 1);
      return;
    }
    setSaving(true);
    try {
      const record = await session.saveReview(caseId, { note: note.trim(), status });
      setLoaded({ ...loaded, review: record, summary: { ...summary, reviewStatus: status } });
      setNote("");
      setStatus("");
      setSaved(
        status === "returned-for-improvement"
          ? "Saved. The case is marked as returned for improvement."
          : "Saved. The case is marked as reviewed.",
      );
    } catch {
      setErrors([{ fieldId: "review-note", message: "The review could not be saved. Try again." }]);
      setFocusKey((key) => key + 1);
    } finally {
      setSaving(false);
    }
  };

  const noteError = errors.find((error) => error.fieldId === "review-note")?.message;
  const statusError = errors.find((error) => error.fieldId === "review-status-reviewed")?.message;
  return (
    <div className="review">
      <button type="button" className="link-button" onClick={onBack}>
        Back to all cases
      </button>
      <ScreenHeading>Review case {caseNumber}</ScreenHeading>
      <dl className="review-facts">
        <div>
          <dt>Practitioner</dt>
          <dd>{summary.author ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Agency</dt>
          <dd>{summary.agency ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Risk level</dt>
          <dd>{describeCurrentLevelFromSummary(summary.riskLevel, summary.flags).sentence}</dd>
        </div>
        {comeBack !== null && (
          <div>
            <dt>Not safe to ask: reminder to return</dt>
            <dd>{comeBack}</dd>
          </div>
        )}
        <div>
          <dt>BRAG rating</dt>
          <dd>{BRAG_LABELS[bragKeyOf(summary)]}</dd>
        </div>
        <div>
          <dt>Last assessed</dt>
          <dd>{formatDateTime(loaded.assessedAt)}</dd>
        </div>
        <div>
          <dt>Review status</dt>
          <dd>
            {summary.reviewStatus
              ? (REVIEW_STATUS_LABELS[summary.reviewStatus] ?? summary.reviewStatus)
              : "Not reviewed yet"}
          </dd>
        </div>
        <div>
          <dt>Needs action now</dt>
          <dd>{reasons.length === 0 ? "No" : reasons.map((reason) => needsActionLabel(reason, summary)).join("; ")}</dd>
        </div>
      </dl>

      <section aria-labelledby="review-quality-heading">
        <h2 id="review-quality-heading">
          Referral quality: {score.percent === null ? "nothing to score yet" : `${score.percent}%`}
        </h2>
        <p>
          {score.met} of {score.applicable} checks that apply to this case are met. Checks that do not apply are not
          counted.
        </p>
        <ol className="review-checklist">
          {items.map((item) => {
            const state = !item.applies ? "na" : item.met ? "met" : "missed";
            return (
              <li key={item.id} className={`review-checklist__item review-checklist__item--${state}`}>
                <h3 className="review-checklist__title">
                  <span className={`review-tag review-tag--${state}`}>{STATUS_TEXT[state]}</span> {item.title}
                </h3>
                <p>{item.explanation}</p>
                {item.evidence.length > 0 && item.applies && (
                  <p className="form-field__hint">Looked at: {reviewPathLabels(item.evidence)}</p>
                )}
                {item.languageHits !== undefined && item.languageHits.length > 0 && (
                  <ul className="review-language">
                    {item.languageHits.map((hit) => (
                      <li key={`${hit.path}:${hit.index}`}>
                        <p>
                          “<mark>{hit.found}</mark>” in {reviewPathLabel(hit.path)}
                        </p>
                        <p>Better: {hit.suggestion}</p>
                        <p className="form-field__hint">Why: {hit.why}</p>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="review-note-heading">
        <h2 id="review-note-heading">Your review</h2>
        {saved !== null && (
          <p className="notice" role="status" tabIndex={-1} ref={savedRef}>
            {saved}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <ErrorSummary errors={errors} focusKey={focusKey} />
          <Radios
            id="review-status"
            label="Outcome of this review"
            error={statusError}
            choices={STATUS_CHOICES}
            value={status === "" ? undefined : status}
            onChange={setStatus}
          />
          <TextArea
            id="review-note"
            label="Reviewer's note"
            hint="Kept encrypted on this device. Needed when returning the case."
            rows={5}
            error={noteError}
            value={note}
            onChange={setNote}
          />
          <button type="submit" className="button" disabled={saving}>
            Save review
          </button>
        </form>
        {review.notes.length > 0 && (
          <>
            <h3>Earlier reviews</h3>
            <ul className="review-notes">
              {review.notes.map((entry) => (
                <li key={`${entry.at}:${entry.status}`}>
                  <p>
                    <strong>{REVIEW_STATUS_LABELS[entry.status]}</strong> by {entry.reviewer},{" "}
                    {formatDateTime(entry.at)}
                  </p>
                  {entry.note !== "" && <p className="review-notes__text">{entry.note}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="review-activity-heading">
        <h2 id="review-activity-heading">Activity on this case</h2>
        <p className="form-field__hint">
          From the case's audit trail, including entries that came with it from the practitioner. Most recent first.
        </p>
        {loaded.activity.length === 0 ? (
          <p>No activity recorded.</p>
        ) : (
          <ul className="review-activity">
            {loaded.activity.map((entry) => (
              <li key={entry.id}>
                {formatDateTime(entry.at)}: {entry.action}
                {entry.detail ? ` (${entry.detail})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
