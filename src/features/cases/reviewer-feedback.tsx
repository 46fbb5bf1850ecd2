// The manager's latest note on a case returned for improvement, shown where the practitioner works
// on it. Only a returned case's note is shown: a "reviewed" note needs no action from them.
import { useEffect, useState } from "react";
import type { ReviewNote } from "../../storage/review-notes";
import type { VaultSession } from "../../storage/vault-session";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function ReviewerFeedback({ session, caseId }: { session: VaultSession; caseId: string }) {
  const [latest, setLatest] = useState<ReviewNote | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      session.getReview(caseId).then(
        (record) => {
          if (live) setLatest(record.notes[0] ?? null);
        },
        // No feedback to show is better than a broken case screen; the list still says it was returned.
        () => undefined,
      );
    void read();
    // A manager's note that sync brings while the case is open shows at once.
    const unsubscribe = session.onTeamRecordsArrived(() => void read());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [session, caseId]);
  if (latest === null || latest.status !== "returned-for-improvement") return null;
  return (
    <section className="notice" aria-labelledby="reviewer-feedback-heading">
      <h2 id="reviewer-feedback-heading">Returned for improvement</h2>
      <p>
        {latest.reviewer} asked for changes on {dateTime.format(new Date(latest.at))}:
      </p>
      <blockquote className="reviewer-feedback__note">
        {latest.note === "" ? "No note was written." : latest.note}
      </blockquote>
    </section>
  );
}
