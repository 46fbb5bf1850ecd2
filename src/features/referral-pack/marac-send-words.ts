// What the pack screen says about sending to the MARAC: why it cannot, and what went wrong, in plain words.
import { MaracSendError, type SendRefusal } from "../../storage/sync/marac-records-api";
import type { MaracSendStanding } from "./marac-referrer-access";

/** Why "Send to MARAC" is not offered, and what to do instead; null when it can be. */
export function cannotSendWords(standing: MaracSendStanding): string | null {
  switch (standing.kind) {
    case "not-in-team":
      return "To send this pack to the MARAC from here, this device must be in your team. Join your team under Settings, then Team. Until then, send the full copy by secure email.";
    case "awaiting-approval":
      return "This device is waiting for your manager to approve it. Once it is approved you can send this pack to the MARAC from here.";
    case "removed":
      return "This device was removed from your team, so it cannot send to the MARAC. Send the full copy by secure email instead.";
    case "unavailable":
      return "Sending to the MARAC is not available on this device yet. Send the full copy by secure email instead.";
    case "member":
      return standing.areas.length === 0
        ? "Your team is not linked to a MARAC area yet. Ask whoever runs your team server to link it. Until then, send the full copy by secure email."
        : null;
  }
}

const REFUSAL_WORDS: Record<SendRefusal, string> = {
  "not-in-team": "This device is no longer an approved member of your team, so nothing was sent.",
  "no-linked-area": "Your team is no longer linked to that MARAC area, so nothing was sent.",
  "pack-incomplete": "Only a complete pack, marked ready to send, can be sent. Nothing was sent.",
  "already-sent": "This pack was sent already. To change what the MARAC has, send a correction.",
};

export function sendFailureWords(error: unknown): string {
  if (error instanceof MaracSendError) return REFUSAL_WORDS[error.refusal];
  return "That did not work. Nothing was sent. Try again.";
}
