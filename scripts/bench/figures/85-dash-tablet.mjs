// Figures dashTapsTablet and dashScrollScreensTablet: the officer at the scene (issue 14 item 5).
//
// The built app in Chromium at 820×1180 with touch (a tablet held upright), driven as an officer
// would: from "New case" through the safe-to-ask question, the 27 questions of the police DASH
// (strangulation yes, every other answer no) and "Complete assessment" to the outcome. The victim's
// name and the case details are not on this path. One-off set-up on the device (the profile, and
// the officer's own details in Settings where the app asks for them) comes before and is not counted.
//
// dashTapsTablet: every tap, key press and link jump on the path (a <select> counts two: open, choose).
// Baseline: the paper form's 27 ticks. Budget ≤ 36 (the 27 answers and at most 9 other taps).
//
// dashScrollScreensTablet: the sum of scroll movement on the path, of the page and of every inner
// scroller (|Δ| of each scroll event's target, vertical and horizontal, read in the page on the
// document's capture phase), divided by the viewport height. Scrolling is what a user would do: a
// control out of view is brought into view before it is tapped (Playwright's tap scrolls it in, as a
// thumb would), and the app's own jumps (to the top of a new page) count too. Baseline: the 27
// question blocks' own heights summed, divided by the viewport height (the questions alone, stacked,
// with nothing else on the page). Budget ≤ 8.
import { preview as vitePreview } from "vite";
import { CONFIG_FILE, ROOT, launchChromium, progress } from "../shared/helpers.mjs";

const VIEWPORT = { width: 820, height: 1180 };
const TAPS_BUDGET = 36;
const SCROLL_BUDGET_SCREENS = 8;
const PAPER_TICKS = 27;
const PASSPHRASE = "bench passphrase for the scene tablet";
/** The DASH pages, by their headings: the only pages whose questions the path answers. */
const DASH_PAGES = ["The current situation", "The relationship", "Children and dependants", "The person harming them"];
const STRANGULATION = /strangle or choke/;

/** Installed before any page script: sums |Δ| of every scroller's position as it moves. */
function trackScrolling() {
  const last = new WeakMap();
  const state = { px: 0, downPx: 0 };
  globalThis.__sceneScroll = state;
  const positionOf = (target) => {
    const element = target === globalThis.document ? globalThis.document.scrollingElement : target;
    return element ? { element, x: element.scrollLeft, y: element.scrollTop } : null;
  };
  globalThis.document.addEventListener(
    "scroll",
    (event) => {
      const now = positionOf(event.target);
      if (now === null) return;
      const before = last.get(now.element) ?? { x: 0, y: 0 };
      state.px += Math.abs(now.x - before.x) + Math.abs(now.y - before.y);
      // Downward movement apart, for the note: roughly the officer's own scrolling (the app's own
      // jumps, to the top of each new page, go up).
      state.downPx += Math.max(0, now.y - before.y);
      last.set(now.element, { x: now.x, y: now.y });
    },
    { capture: true, passive: true },
  );
}

async function measureDashOnTablet() {
  const server = await vitePreview({
    root: ROOT,
    configFile: CONFIG_FILE,
    logLevel: "warn",
    preview: { port: 0, host: "127.0.0.1", strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("vite preview did not report a TCP address");
  const origin = `http://127.0.0.1:${address.port}/`;
  progress(`measuring a police DASH on a tablet (${VIEWPORT.width}×${VIEWPORT.height}, touch) at ${origin}…`);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      hasTouch: true,
      isMobile: true,
      locale: "en-GB",
      timezoneId: "Europe/London",
      reducedMotion: "reduce",
    });
    await context.addInitScript(trackScrolling);
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const heading = () => page.getByRole("heading", { level: 1 });
    const button = (name) => page.getByRole("button", { name, exact: true });

    // ---- Set-up, once per device (not counted).
    await page.goto(origin);
    await page.getByRole("heading", { level: 1, name: "Set up Safe Referral on this device" }).waitFor();
    await page.getByLabel("Your name").fill("PC 1234 Smith");
    await page.getByLabel("Create a passphrase").fill(PASSPHRASE);
    await page.getByLabel("Confirm your passphrase").fill(PASSPHRASE);
    await button("Create profile").click();
    await page.getByRole("heading", { level: 1, name: "Your recovery key" }).waitFor({ timeout: 60_000 });
    await page.getByRole("checkbox", { name: "I have stored the recovery key" }).check();
    await button("Continue").click();
    await page.getByRole("heading", { level: 1, name: "Your cases" }).waitFor();
    const setUpDetails = await fillOwnDetails(page);
    progress(`  own details in Settings: ${setUpDetails ? "filled in once (role and agency)" : "not asked for"}`);
    await page.evaluate(() => globalThis.scrollTo(0, 0));

    // ---- The path (counted).
    let taps = 0;
    let answers = 0;
    const tap = async (locator) => {
      await locator.tap();
      taps += 1;
    };
    const scrolled = () => page.evaluate(() => globalThis.__sceneScroll.px);
    const startPx = await scrolled();
    const startDownPx = await page.evaluate(() => globalThis.__sceneScroll.downPx);
    const pages = [];
    let pageStartPx = startPx;
    let pageStartTaps = 0;
    const endPage = async (title) => {
      const px = await scrolled();
      pages.push({ title, taps: taps - pageStartTaps, screens: (px - pageStartPx) / VIEWPORT.height });
      pageStartPx = px;
      pageStartTaps = taps;
    };

    await tap(button("New case"));
    await page.getByRole("heading", { level: 1, name: "Case details" }).waitFor();
    await tap(button("Start or continue assessment"));
    await endPage("cases");
    await page.getByRole("heading", { level: 1, name: /Who is assessing|Is it safe to ask/ }).waitFor();

    let questionsPx = 0;
    for (let step = 0; ; step += 1) {
      if (step > 40) throw new Error("the path did not reach the outcome in 40 pages");
      const title = ((await heading().first().textContent()) ?? "").trim();
      if (title === "Who is assessing") {
        const role = page.getByLabel("Your role");
        if ((await role.inputValue()) === "") {
          await role.selectOption("police");
          taps += 2; // on a tablet a <select> is a tap to open the picker and a tap to choose
        }
        await tap(button("Continue"));
        await page.getByRole("heading", { level: 1, name: "Is it safe to ask the questions now?" }).waitFor();
      } else if (title === "Is it safe to ask the questions now?") {
        const gate = page.getByRole("group", { name: /Is it safe to ask the questions now\?/ });
        const yes = gate.getByRole("radio", { name: "Yes", exact: true });
        if (!(await yes.isChecked())) await tap(yes);
        await tap(button("Continue"));
        await heading().filter({ hasNotText: "Is it safe to ask" }).waitFor();
      } else if (title === "Check your answers") {
        await tap(button("Complete assessment"));
        await page.getByRole("heading", { level: 1, name: /^Assessment completed/ }).waitFor({ timeout: 30_000 });
        await endPage(title);
        break;
      } else {
        if (DASH_PAGES.includes(title)) {
          const groups = page.getByRole("group").filter({ has: page.getByRole("radio", { name: "Not known" }) });
          for (const group of await groups.all()) {
            const legend = ((await group.locator("legend").first().textContent()) ?? "").trim();
            if (legend === "" || (await group.getByRole("radio", { checked: true }).count()) > 0) continue;
            questionsPx += await group.evaluate((element) => element.getBoundingClientRect().height);
            await tap(group.getByRole("radio", { name: STRANGULATION.test(legend) ? "Yes" : "No", exact: true }));
            answers += 1;
          }
        }
        // Once every question is answered, the quickest way on is the app's own way to check your answers.
        const toCheck = page.getByRole("button", { name: /^(Go to|Skip to) check your answers/ });
        await tap(answers >= PAPER_TICKS && (await toCheck.count()) > 0 ? toCheck.first() : button("Continue"));
        await heading().filter({ hasNotText: title }).waitFor();
      }
      await endPage(title);
    }
    const body = (await page.locator("main").textContent()) ?? "";
    if (!/Assessment completed: High risk/.test(body)) throw new Error("the outcome was not High risk");
    if (answers !== PAPER_TICKS) throw new Error(`answered ${answers} questions, not ${PAPER_TICKS}`);
    if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join("; ")}`);
    const screens = ((await scrolled()) - startPx) / VIEWPORT.height;
    for (const entry of pages) {
      progress(`    ${entry.title}: ${entry.taps} taps, ${entry.screens.toFixed(2)} screens scrolled`);
    }
    const downScreens = ((await page.evaluate(() => globalThis.__sceneScroll.downPx)) - startDownPx) / VIEWPORT.height;
    progress(
      `  ${taps} taps (${answers} answers), ${screens.toFixed(2)} screen heights scrolled (${downScreens.toFixed(2)} of them downwards)`,
    );
    return {
      dashTapsTablet: taps,
      dashScrollScreensTablet: screens,
      questionsAloneScreens: questionsPx / VIEWPORT.height,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Where Settings asks for the officer's own details (role, agency), fills them in once, as on a
 * device issued to one officer. Returns false when the app has no such form.
 */
async function fillOwnDetails(page) {
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Settings" }).click();
  await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
  const details = page.getByRole("region", { name: "Your details" });
  if ((await details.count()) === 0) {
    await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Cases" }).click();
    await page.getByRole("heading", { level: 1, name: "Your cases" }).waitFor();
    return false;
  }
  await page.getByRole("textbox", { name: "Add an agency" }).fill("Anytown Police");
  await page.getByRole("button", { name: "Add agency" }).click();
  await details
    .getByRole("combobox", { name: "Your agency" })
    .locator("option", { hasText: "Anytown Police" })
    .waitFor({
      state: "attached",
    });
  await details.getByRole("combobox", { name: "Your role" }).selectOption("police");
  await details.getByRole("combobox", { name: "Your agency" }).selectOption({ label: "Anytown Police" });
  await details.getByRole("button", { name: "Save your details" }).click();
  await details.getByText("Your details are saved.").waitFor();
  await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Cases" }).click();
  await page.getByRole("heading", { level: 1, name: "Your cases" }).waitFor();
  return true;
}

export default {
  label: "police DASH on a tablet",
  keys: { dashTapsTablet: 0, dashScrollScreensTablet: 1 },
  extraDigits: { questionsAloneScreens: 1 },
  needsApp: true,
  async measure() {
    const r = await measureDashOnTablet();
    return {
      results: { dashTapsTablet: r.dashTapsTablet, dashScrollScreensTablet: r.dashScrollScreensTablet },
      extra: { questionsAloneScreens: r.questionsAloneScreens },
    };
  },
  lines: ({ results, extra, line }) => [
    line("dashTapsTablet", "taps", {
      baseline: PAPER_TICKS,
      baselineName: "the paper form's ticks",
      budget: `≤ ${TAPS_BUDGET}`,
      over: results.dashTapsTablet !== null && results.dashTapsTablet > TAPS_BUDGET,
    }),
    line("dashScrollScreensTablet", "screen heights", {
      baseline: extra.questionsAloneScreens ?? null,
      baselineName: "the 27 questions alone, stacked,",
      budget: `≤ ${SCROLL_BUDGET_SCREENS}`,
      over: results.dashScrollScreensTablet !== null && results.dashScrollScreensTablet > SCROLL_BUDGET_SCREENS,
    }),
  ],
};
