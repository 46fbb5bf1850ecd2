// Figure offlineStartMs against a first visit online (what is measured: measureOfflineStart below).
import { preview as vitePreview } from "vite";
import { CONFIG_FILE, ROOT, launchChromium, median, progress } from "../shared/helpers.mjs";

const OFFLINE_START_RUNS = 3;
const OFFLINE_CPU_SLOWDOWN = 4;

/**
 * offlineStartMs: from navigation start to the first input of the first screen (set-up on a fresh
 * device, unlock otherwise) being visible, with the service worker in control, the server stopped
 * and the browser offline, at 4× CPU slowdown. Median of OFFLINE_START_RUNS reloads.
 * Baseline: the same measurement for a first visit online (fresh browser context, nothing cached,
 * no worker yet), also at 4× slowdown; median of the same number of visits.
 */
async function measureOfflineStart() {
  // Read in the page: performance.now() counts from navigation start. Polled every animation frame,
  // so the figure is at most one frame late.
  const firstInputVisibleAt = () => {
    const input = globalThis.document.querySelector("main input");
    return input !== null && input.checkVisibility() ? performance.now() : false;
  };
  const throttle = async (context, page) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: OFFLINE_CPU_SLOWDOWN });
  };
  const timeFirstInput = async (page, navigate) => {
    await navigate();
    const handle = await page.waitForFunction(firstInputVisibleAt, null, { polling: "raf", timeout: 60_000 });
    return handle.jsonValue();
  };

  let server = await vitePreview({
    root: ROOT,
    configFile: CONFIG_FILE,
    logLevel: "warn",
    preview: { port: 0, host: "127.0.0.1", strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("vite preview did not report a TCP address");
  const origin = `http://127.0.0.1:${address.port}/`;
  progress(
    `measuring offline start at ${origin} (${OFFLINE_CPU_SLOWDOWN}× CPU slowdown, ${OFFLINE_START_RUNS} runs each)…`,
  );
  const browser = await launchChromium();
  try {
    const online = [];
    for (let i = 0; i < OFFLINE_START_RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await throttle(context, page);
      online.push(await timeFirstInput(page, () => page.goto(origin, { waitUntil: "commit" })));
      await context.close();
    }
    progress(`  first visit online: ${online.map((ms) => ms.toFixed(0)).join(", ")} ms`);

    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(origin);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await server.close();
    server = null;
    await context.setOffline(true);
    await throttle(context, page);
    const offline = [];
    for (let i = 0; i < OFFLINE_START_RUNS; i++) {
      offline.push(await timeFirstInput(page, () => page.reload({ waitUntil: "commit" })));
    }
    progress(
      `  offline start (worker in control, server stopped): ${offline.map((ms) => ms.toFixed(0)).join(", ")} ms`,
    );
    if (pageErrors.length > 0) throw new Error(`page errors while offline: ${pageErrors.join("; ")}`);
    return { offlineStartMs: median(offline), onlineFirstVisitMs: median(online) };
  } finally {
    await browser.close();
    await server?.close();
  }
}

export default {
  label: "offline start benchmark",
  keys: { offlineStartMs: 0 },
  extraDigits: { onlineFirstVisitMs: 0 },
  needsApp: true, // the built dist/ and its service worker
  async measure() {
    const r = await measureOfflineStart();
    return { results: { offlineStartMs: r.offlineStartMs }, extra: { onlineFirstVisitMs: r.onlineFirstVisitMs } };
  },
  lines: ({ extra, line }) => [
    line("offlineStartMs", "ms", {
      baseline: extra.onlineFirstVisitMs ?? null,
      baselineName: "first visit online, no worker",
    }),
  ],
};
