// Chromium flags known to work on this machine, shared by the e2e tests (test/e2e/support/browser.ts)
// and `npm run bench`. Without the background-networking ones Chromium keeps trying Google's hosts,
// which the closed network refuses.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
