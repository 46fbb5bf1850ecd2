// GOV.UK "back link": returns to where the practitioner came from (here, a screen the app holds in
// its state, so a button that reads as a link). At least 44 px tall, like every target.
import type { ReactNode } from "react";

export interface BackLinkProps {
  children: ReactNode;
  onClick: () => void;
}

export function BackLink({ children, onClick }: BackLinkProps) {
  return (
    <button type="button" className="link-button back-link" onClick={onClick}>
      {children}
    </button>
  );
}

/** Where a screen opened from elsewhere goes back to: "Back to the referral pack". */
export interface ReturnTo {
  label: string;
  onReturn: () => void;
}
