// The pack screen's "Send to MARAC" part: the button when this device can send this pack, or a plain
// sentence saying why not and what to do; once sent, the referral's versions and status, and
// "Send a correction".
import type { SentReferral } from "../../storage/sync/marac-records-api";
import { MaracReferralSummary } from "../../ui/marac-referral-summary";
import { cannotSendWords } from "./marac-send-words";
import type { MaracStandingState } from "./use-marac-standing";

export interface MaracSendPanelProps {
  state: MaracStandingState;
  /** The referral of this pack (any version), once sent. */
  referral: SentReferral | null;
  /** The pack is marked ready (or sent by other means): the saved document is what would be sent. */
  packSaved: boolean;
  /** The case as it is now gives a complete full copy (a correction is made from it). */
  currentFactsComplete: boolean;
  onSend: () => void;
  onCorrect: () => void;
}

export function MaracSendPanel({
  state,
  referral,
  packSaved,
  currentFactsComplete,
  onSend,
  onCorrect,
}: MaracSendPanelProps) {
  if (referral !== null) {
    return (
      <>
        <MaracReferralSummary referral={referral} headingId="marac-referral-heading" />
        {currentFactsComplete ? (
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={onCorrect}>
              Send a correction
            </button>
          </div>
        ) : (
          <p>
            To send a correction, first complete the case: the full copy made from the case as it is now is missing
            something it needs.
          </p>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="marac-send-heading">
      <h2 id="marac-send-heading">Send to MARAC</h2>
      {state.status === "loading" ? (
        <p role="status">Checking whether this device can send to the MARAC…</p>
      ) : state.status === "failed" ? (
        <p>This device's team details could not be read, so it cannot send to the MARAC now. Try again later.</p>
      ) : (
        (() => {
          const why = cannotSendWords(state.standing);
          if (why !== null) return <p>{why}</p>;
          if (!packSaved) {
            return <p>Mark the pack ready to send first: what is sent is the pack as saved when it is marked ready.</p>;
          }
          return (
            <>
              <p>
                Send the copy of this pack meant for the MARAC, securely, to the MARAC coordinator. You check what is
                sent before it goes.
              </p>
              <div className="button-row">
                <button type="button" className="button" onClick={onSend}>
                  Send to MARAC
                </button>
              </div>
            </>
          );
        })()
      )}
    </section>
  );
}
