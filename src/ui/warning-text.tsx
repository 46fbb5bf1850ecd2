// GOV.UK warning text: an "!" in a circle and bold words, for something the reader must not miss
// before acting (e.g. what removing a device cannot undo). The icon is hidden from screen readers,
// which hear "Warning" first instead.
import type { ReactNode } from "react";

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="warning-text">
      <span className="warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="warning-text__text">
        <span className="visually-hidden">Warning: </span>
        {children}
      </strong>
    </div>
  );
}
