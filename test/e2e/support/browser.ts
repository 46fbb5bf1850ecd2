// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, plus a11y and screenshot helpers.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContextOptions, type Page, type Request } from "playwright-core";
import { expect } from "vitest";
import { CHROMIUM_ARGS } from "../../../scripts/chromium-args.mjs";

const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../screenshots");

/** Path of the Chromium binary: $CHROMIUM_PATH, else Debian's. Throws with install instructions if absent. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file exists there.`);
  }
  const found = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new Error(
    "The e2e tests need Debian's Chromium at /usr/bin/chromium and it is not installed. Install it with:\n" +
      "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium\n" +
      "(or point CHROMIUM_PATH at another Chromium binary).",
  );
}

/**
 * Launch headless Chromium. Playwright's plain `launch` gives every browser a fresh, empty temporary
 * profile (user-data dir) and deletes it on close; each `newContext` is isolated on top of that.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_ARGS] });
}

export interface NewPageOptions extends BrowserContextOptions {
  viewport?: { width: number; height: number };
}

/**
 * A page in its own new browser context (own storage, own service workers).
 * Close it with `await page.context().close()`.
 */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "en-GB",
    timezoneId: "Europe/London",
    reducedMotion: "reduce",
    ...options,
  });
  return context.newPage();
}

/**
 * Record the URL of every request issued from the page's browser context from now on (pages, workers
 * and service workers). Call it before `page.goto`.
 */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.context().on("request", (request: Request) => urls.push(request.url()));
  return urls;
}

/** Requests in `urls` that leave `baseUrl`'s origin. data: and blob: URLs stay on the device and pass. */
export function foreignRequests(urls: readonly string[], baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  return urls.filter((url) => {
    const parsed = new URL(url);
    if (parsed.protocol === "data:" || parsed.protocol === "blob:") return false;
    return parsed.origin !== origin;
  });
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeOptions {
  /** CSS selectors to leave out of the scan. */
  exclude?: string[];
  /** axe rule ids to turn off — say why next to the call. */
  disableRules?: string[];
}

/**
 * Run axe-core (WCAG 2.0/2.1 A+AA and 2.2 AA rules) on the page and throw a readable list of
 * violations, if any. `context` names the page state in the message, e.g. "app shell, phone".
 */
export async function expectNoAxeViolations(page: Page, context: string, options: AxeOptions = {}): Promise<void> {
  // Every screen scanned is also checked for the spell checker: enhanced spell checkers send what is
  // typed to a server, so no text box anywhere may have it on.
  await expectSpellCheckOff(page, context);
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  if (results.violations.length === 0) return;

  const lines = results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => `      - ${node.target.join(" ")}`).join("\n");
    return `  [${violation.impact ?? "unknown"}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${targets}`;
  });
  throw new Error(
    `${results.violations.length} accessibility violation(s) in ${context} (${page.url()}):\n${lines.join("\n")}`,
  );
}

/** Fails if any text box on the page has the browser's spell checker on (its effective, inherited state). */
export async function expectSpellCheckOff(page: Page, context: string): Promise<void> {
  const on = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        "textarea, input:not([type]), input[type=text], input[type=search], input[type=email], input[type=tel]",
      ),
    ]
      .filter((box) => box.spellcheck)
      .map((box) => box.id || box.name || box.outerHTML.slice(0, 80)),
  );
  expect(on, `text boxes with the spell checker on in ${context}`).toEqual([]);
}

/** Save a full-page PNG to test/e2e/screenshots/<name>.png (git-ignored) and return its path. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true, animations: "disabled" });
  return file;
}

/** Phone, tablet and laptop, as the screenshots of a screen are taken. */
export const SCREENSHOT_VIEWPORTS = [
  ["phone", 390, 844],
  ["tablet", 820, 1180],
  ["laptop", 1280, 800],
] as const;

/** A screenshot of the screen at each of SCREENSHOT_VIEWPORTS (`${prefix}-${size}`), then back to the laptop size. */
export async function saveScreenshotsAtEachSize(page: Page, prefix: string): Promise<void> {
  for (const [size, width, height] of SCREENSHOT_VIEWPORTS) {
    await page.setViewportSize({ width, height });
    await saveScreenshot(page, `${prefix}-${size}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** No horizontal scrolling at 320 CSS px (WCAG 1.4.10 reflow); back to the laptop size after. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${what} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}
