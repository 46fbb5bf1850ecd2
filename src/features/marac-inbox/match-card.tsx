// One suggested match on a referral page: who the other referral is for, how strong the match is and
// why (what agrees, what differs or could not be compared), what it would make this referral, and the
// coordinator's answer. Answering only records the decision: nothing is merged.
import { useState, type FormEvent } from "react";
import type { MatchVerdict } from "../../domain/marac-matching/match-decision";
import type { InboxMatch, InboxReferral, MaracCoordinator } from "../../storage/sync/marac-records-api";
import { ErrorSummary } from "../../ui/error-summary";
import { Radios } from "../../ui/radios";
import { TextArea } from "../../ui/text-area";
import { CLASSIFICATION_WORDS, decisionWords, victimNameOf } from "./inbox-words";

export const NOTE_MAX = 500;

const VERDICT_CHOICES = [
  { value: "confirmed", label: "Yes, the same person" },
  { value: "rejected", label: "No, a different person" },
] as const;

export interface MatchCardProps {
  coordinator: MaracCoordinator;
  referral: InboxReferral;
  match: InboxMatch;
  /** The other referral, when this inbox holds it (it always should). */
  other: InboxReferral | undefined;
  index: number;
  formatTime: (iso: string) => string;
  onOpenOther: (referralId: string) => void;
  onDecided: (referral: InboxReferral) => void;
}

export function MatchCard({
  coordinator,
  referral,
  match,
  other,
  index,
  formatTime,
  onOpenOther,
  onDecided,
}: MatchCardProps) {
  const { candidate } = match;
  const [verdict, setVerdict] = useState<MatchVerdict | undefined>(undefined);
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<{ fieldId: string; message: string } | null>(null);
  const [failures, setFailures] = useState(0);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState("");
  const ids = { heading: `match-${index}-heading`, verdict: `match-${index}-verdict`, note: `match-${index}-note` };
  const otherName = other === undefined ? "another referral" : victimNameOf(other);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    const found =
      verdict === undefined
        ? { fieldId: ids.verdict, message: "Choose whether this is the same person" }
        : note.trim().length > NOTE_MAX
          ? { fieldId: ids.note, message: `The note must be ${NOTE_MAX} characters or fewer` }
          : null;
    setProblem(found);
    if (found !== null || verdict === undefined) {
      setFailures((count) => count + 1);
      return;
    }
    setSaving(true);
    try {
      const updated = await coordinator.decideMatch(
        referral.referralId,
        match.otherReferralId,
        verdict,
        note.trim() === "" ? undefined : note.trim(),
      );
      setMessage(
        verdict === "confirmed"
          ? "Recorded as the same person. The two referrals stay separate: nothing has been merged."
          : "Recorded as a different person.",
      );
      setVerdict(undefined);
      setNote("");
      onDecided(updated);
    } catch {
      setMessage("The decision could not be saved. Try again.");
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="match-card" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>
        {candidate.strength === "strong" ? "Strong match" : "Possible match"}: {otherName}
      </h3>
      <p>
        {other === undefined ? "" : `Referred by ${other.fromTeam}, received ${formatTime(other.receivedAt)}. `}
        <strong
          className={`status-tag status-tag--${candidate.classification === "earlier-referral" ? "possible" : candidate.classification}`}
        >
          {CLASSIFICATION_WORDS[candidate.classification]}
        </strong>
      </p>
      <p>{candidate.classificationReason}.</p>
      <h4>What agrees</h4>
      <ul>
        {candidate.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {candidate.differences.length > 0 && (
        <>
          <h4>What differs or could not be compared</h4>
          <ul>
            {candidate.differences.map((difference) => (
              <li key={difference}>{difference}</li>
            ))}
          </ul>
        </>
      )}
      <p>Why it is suggested: {candidate.strengthRule}</p>
      {other !== undefined && (
        <button type="button" className="link-button" onClick={() => onOpenOther(other.referralId)}>
          Open the referral for {otherName}
        </button>
      )}
      <p>
        <strong>Your answer:</strong> {decisionWords(match, formatTime)}
        {match.decision?.note === undefined ? "" : `. Note: ${match.decision.note}`}
      </p>
      {match.earlierDecisions.length > 0 && (
        <>
          <p>Earlier answers, kept for the record:</p>
          <ul>
            {match.earlierDecisions.map((earlier) => (
              <li key={`${earlier.decidedAt} ${earlier.decidedBy} ${earlier.verdict}`}>
                {decisionWords({ decision: earlier }, formatTime)}
                {earlier.note === undefined ? "" : `. Note: ${earlier.note}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorSummary errors={problem === null ? [] : [problem]} focusKey={failures} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Radios
          id={ids.verdict}
          label={match.decision === null ? `Is this the same person as ${otherName}?` : "Change your answer"}
          hint="Confirming only records your decision. The referrals stay separate and nothing is merged."
          error={problem?.fieldId === ids.verdict ? problem.message : undefined}
          choices={VERDICT_CHOICES}
          value={verdict}
          onChange={setVerdict}
        />
        <TextArea
          id={ids.note}
          label="Note (optional)"
          hint="For example, how you checked. Up to 500 characters."
          error={problem?.fieldId === ids.note ? problem.message : undefined}
          value={note}
          onChange={setNote}
          rows={2}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={saving}>
            Save your answer
          </button>
        </div>
        <p role="status" className="save-status">
          {saving ? "Saving…" : message}
        </p>
      </form>
    </section>
  );
}
