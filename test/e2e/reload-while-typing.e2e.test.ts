// Reload at random moments while typing into a case's notes. Everything typed at least a second
// before each reload must be there afterwards: 400 ms autosave delay, plus the pagehide flush.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { firstCaseNamed, openFirstCase, openSection, unlock } from "./support/app-flows";
import { launchBrowser, newPage } from "./support/browser";

const RELOADS = 22;
const SETTLED_MS = 1_000;
/** The case form's page holding the free-text notes (a real text field of the form). */
const NOTES_SECTION = "Agencies and actions";

/** Small seeded PRNG (mulberry32) so a failure can be replayed with the logged seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Keystroke {
  char: string;
  at: number;
}

/** Types random letters in bursts with pauses until `stop()` is called; returns what was typed and when. */
function typeInBursts(page: Page, next: () => number): { stop: () => Promise<Keystroke[]> } {
  const typed: Keystroke[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const burst = 3 + Math.floor(next() * 12);
      for (let index = 0; index < burst && !stopped; index += 1) {
        const char = "abcdefghijklmnopqrstuvwxyz "[Math.floor(next() * 27)]!;
        await page.keyboard.type(char);
        typed.push({ char, at: Date.now() });
        await page.waitForTimeout(10 + Math.floor(next() * 50));
      }
      if (!stopped) await page.waitForTimeout(Math.floor(next() * 900));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return typed;
    },
  };
}

async function notesValue(page: Page): Promise<string> {
  return page.getByLabel("Notes", { exact: true }).inputValue();
}

async function focusEndOfNotes(page: Page): Promise<void> {
  await page.getByLabel("Notes", { exact: true }).focus();
  await page.keyboard.press("Control+End");
}

describe("reload while typing", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(
    `keeps everything typed ≥ ${SETTLED_MS} ms before each of ${RELOADS} random reloads`,
    { timeout: 300_000 },
    async () => {
      const seed = Number(process.env.RELOAD_SEED ?? Date.now() % 1_000_000);
      console.log(`[e2e] reload-while-typing seed ${seed} (replay with RELOAD_SEED=${seed})`);
      const next = random(seed);
      const page = await newPage(browser);
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      try {
        await firstCaseNamed(page, baseUrl, "Reload Test");
        await openSection(page, NOTES_SECTION);

        let saved = "";
        const unlockTimes: number[] = [];
        for (let round = 1; round <= RELOADS; round += 1) {
          await focusEndOfNotes(page);
          const typing = typeInBursts(page, next);
          // Reload somewhere between 0.2 s and 2.5 s into the typing: sometimes mid-burst, sometimes in a pause.
          await page.waitForTimeout(200 + Math.floor(next() * 2_300));
          const typed = await typing.stop();
          const reloadAt = Date.now();
          await page.reload();

          const unlockStarted = Date.now();
          await unlock(page);
          unlockTimes.push(Date.now() - unlockStarted);
          await openFirstCase(page);
          await openSection(page, NOTES_SECTION);

          const all = saved + typed.map((key) => key.char).join("");
          const mustHave =
            saved +
            typed
              .filter((key) => key.at <= reloadAt - SETTLED_MS)
              .map((key) => key.char)
              .join("");
          const now = await notesValue(page);
          expect(all.startsWith(now), `round ${round}: saved text is not something that was typed`).toBe(true);
          const lostFrom = typed.find((_key, index) => saved.length + index >= now.length);
          expect(
            now.startsWith(mustHave),
            `round ${round}: lost characters typed ≥ 1 s before the reload (kept ${now.length} of ${mustHave.length} required; ` +
              `first lost key typed ${lostFrom ? reloadAt - lostFrom.at : "?"} ms before the reload)`,
          ).toBe(true);
          saved = now;
        }
        const average = Math.round(unlockTimes.reduce((sum, ms) => sum + ms, 0) / unlockTimes.length);
        console.log(
          `[e2e] ${RELOADS} reloads; unlock (real PBKDF2 cost) average ${average} ms, max ${Math.max(...unlockTimes)} ms; notes now ${saved.length} chars`,
        );
        expect(saved.length).toBeGreaterThan(0);
        expect(pageErrors).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
  );
});
