// A button that shows and hides a panel elsewhere on the page (the WAI-ARIA disclosure pattern): it
// says whether the panel is open (aria-expanded) and which panel it is (aria-controls). Used where a
// <details> cannot sit, for example two toggles on one row with their panels below.
import type { ReactNode } from "react";

export interface DisclosureButtonProps {
  /** The id of the panel it shows and hides; the panel carries `hidden` while closed. */
  controls: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  children: ReactNode;
}

export function DisclosureButton({ controls, open, onToggle, children }: DisclosureButtonProps) {
  return (
    <button
      type="button"
      className="link-button disclosure-button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={() => onToggle(!open)}
    >
      {children}
    </button>
  );
}
