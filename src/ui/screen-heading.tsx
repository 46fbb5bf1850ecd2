// A screen's h1. It takes focus when the screen appears, so screen-reader users hear where they are
// after the view changes underneath them (no page load announces it in a single-page app).
import { useEffect, useRef, type ReactNode } from "react";

export function ScreenHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref} className="screen-heading">
      {children}
    </h1>
  );
}
