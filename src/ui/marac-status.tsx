// A MARAC referral's stage in plain words, with a GOV.UK-style tag: the referrer's case screen, the
// pack screen and the coordinator's inbox all say it the same way. The shape is the sync contract's
// MaracStatus (src/storage/sync/marac-records-api.ts), restated here because the field kit reads only the domain.
import { longDate } from "../domain/certainty/not-safe-summary";

export type MaracStageName = "sent" | "received" | "on-agenda" | "heard";

export interface MaracStageView {
  stage: MaracStageName;
  meetingDate?: string | undefined;
}

/** "On the agenda for 12 January 2027": never a raw stage name on screen. */
export function maracStatusWords({ stage, meetingDate }: MaracStageView): string {
  switch (stage) {
    case "sent":
      return "Sent";
    case "received":
      return "Received by the MARAC coordinator";
    case "on-agenda":
      return meetingDate === undefined ? "On the agenda" : `On the agenda for ${longDate(meetingDate)}`;
    case "heard":
      return meetingDate === undefined ? "Heard" : `Heard on ${longDate(meetingDate)}`;
  }
}

/** The tag's colour follows the stage: grey sent, blue received, yellow listed, green heard. */
export function MaracStatusTag({ status, waitingToSend = false }: { status: MaracStageView; waitingToSend?: boolean }) {
  if (waitingToSend) return <strong className="status-tag status-tag--waiting">Waiting to send</strong>;
  return <strong className={`status-tag status-tag--${status.stage}`}>{maracStatusWords(status)}</strong>;
}
