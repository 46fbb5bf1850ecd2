// Hooks over page-title.ts: a screen names the page while it shows; an error summary puts "Error: "
// in front while it lists problems.
import { useEffect } from "react";
import { showErrorsInTitle, showScreenTitle } from "./page-title";

/** Sets document.title to "<title> – Safe Referral" while the calling screen is mounted. */
export function usePageTitle(title: string): void {
  useEffect(() => showScreenTitle(title), [title]);
}

/** Prefixes the title with "Error: " while `showing` is true. */
export function useErrorsInPageTitle(showing: boolean): void {
  useEffect(() => (showing ? showErrorsInTitle() : undefined), [showing]);
}
