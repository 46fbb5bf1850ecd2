// A screen's h1. It takes focus when the screen appears, so screen-reader users hear where they are
// after the view changes underneath them (no page load announces it in a single-page app), and it
// names the page (document.title) after itself, GOV.UK style: the title and the h1 say the same.
import { useEffect, useRef, type ReactNode } from "react";
import { usePageTitle } from "./use-page-title";

/** The words of a heading written as text (strings, numbers and lists of them). */
function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  return "";
}

export interface ScreenHeadingProps {
  children: ReactNode;
  /** The page's title when the heading is not plain text. */
  pageTitle?: string;
}

export function ScreenHeading({ children, pageTitle }: ScreenHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  usePageTitle(pageTitle ?? textOf(children));
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref} className="screen-heading">
      {children}
    </h1>
  );
}
