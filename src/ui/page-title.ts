// The document title, GOV.UK style: "<Screen> – Safe Referral", with "Error: " in front while an
// error summary on the screen lists problems. The title is the first thing a screen reader reads
// after a page changes and what a tab or the task switcher shows, so it must say where the
// practitioner is. Screens set it through their heading (ScreenHeading) and error summaries mark
// it; neither knows of the other.

export const SERVICE_NAME = "Safe Referral";

/** "Check your answers – Safe Referral", "Error: Settings – Safe Referral", or the service alone. */
export function composePageTitle(screen: string | undefined, showingErrors: boolean): string {
  const trimmed = screen?.trim();
  const base = trimmed ? `${trimmed} – ${SERVICE_NAME}` : SERVICE_NAME;
  return showingErrors ? `Error: ${base}` : base;
}

// Screens showing, most recent last: a screen opened over another (a case over the list) names the
// page until it closes. Each is a distinct object, so two screens with the same title stay apart.
const screens: { title: string }[] = [];
let summariesShowingErrors = 0;

function applyTitle(): void {
  document.title = composePageTitle(screens.at(-1)?.title, summariesShowingErrors > 0);
}

/** Names the page after this screen until the returned function is called. */
export function showScreenTitle(title: string): () => void {
  const entry = { title };
  screens.push(entry);
  applyTitle();
  return () => {
    const index = screens.indexOf(entry);
    if (index >= 0) screens.splice(index, 1);
    applyTitle();
  };
}

/** Puts "Error: " in front of the title until the returned function is called. */
export function showErrorsInTitle(): () => void {
  summariesShowingErrors += 1;
  applyTitle();
  let shown = true;
  return () => {
    if (!shown) return;
    shown = false;
    summariesShowingErrors -= 1;
    applyTitle();
  };
}
