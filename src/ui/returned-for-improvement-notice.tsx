// What a practitioner sees on a case a manager has returned for improvement. It reads only the
// clear `reviewStatus` field of the case row, so a case list can show it without decrypting.
export function ReturnedForImprovementNotice({ reviewStatus }: { reviewStatus: string | null | undefined }) {
  if (reviewStatus !== "returned-for-improvement") return null;
  return (
    <p className="notice" role="note">
      <strong>Returned for improvement.</strong> A reviewer has asked for changes to this case. Open it to see what to
      improve.
    </p>
  );
}
