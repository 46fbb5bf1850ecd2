// Issue 15 item 2: nothing typed into a case may be left in the browser's own files. Chromium keeps
// the state of form controls whose autocomplete is not "off" in its session files (in UTF-16), and
// those outlive "Lock now", a normal exit and a crash. This test runs Chromium on a profile folder of
// its own, types planted text into every free-text field it reaches, closes the browser cleanly and
// then kills it outright, and after each scans every file of the profile for the planted text in
// UTF-8, UTF-16LE and base64 of either (all three alignments).
//
// A control proves the scan can see a leak: a text box added by the test without autocomplete="off"
// must be found, or the clean result means nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM_ARGS } from "../../scripts/chromium-args.mjs";
import { backToOverview, createProfile, newCase, openSection, unlock, waitForSaved } from "./support/app-flows";
import { findChromium } from "./support/browser";
import { base64Variants } from "./support/indexeddb-dump";

/** Letters only, unique to this run, so a hit can only be what this test typed. */
function planted(label: string): string {
  const letters = [...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
  return `${label}${letters}`;
}

interface RunningChromium {
  process: ChildProcess;
  browser: Browser;
  page: Page;
}

/** Chromium on `userDataDir`, as a practitioner's tablet would run it, driven over its debugging port. */
async function startChromium(userDataDir: string): Promise<RunningChromium> {
  const child = spawn(
    findChromium(),
    [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`, "--remote-debugging-port=0", "about:blank"],
    { detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${seen}`)), 30_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`Chromium exited (${code}):\n${seen}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  if (!context) throw new Error("Chromium has no default context");
  const page = context.pages()[0] ?? (await context.newPage());
  return { process: child, browser, page };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** A normal exit: the browser writes its session and closes its files. */
async function closeCleanly(running: RunningChromium): Promise<void> {
  const cdp = await running.browser.newBrowserCDPSession();
  await cdp.send("Browser.close").catch(() => undefined);
  await exited(running.process);
}

/** A crash or a pulled battery: every Chromium process killed at once, nothing flushed. */
async function kill(running: RunningChromium): Promise<void> {
  if (running.process.pid !== undefined) process.kill(-running.process.pid, "SIGKILL");
  await exited(running.process);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function encodings(text: string): { name: string; bytes: Buffer }[] {
  const utf16 = Buffer.from(text, "utf16le");
  return [
    { name: "UTF-8", bytes: Buffer.from(text, "utf8") },
    { name: "UTF-16LE", bytes: utf16 },
    ...base64Variants(text).map((encoded, offset) => ({
      name: `base64 of UTF-8 (offset ${offset})`,
      bytes: Buffer.from(encoded),
    })),
    ...[0, 1, 2].map((offset) => {
      const encoded = Buffer.concat([Buffer.alloc(offset), utf16]).toString("base64");
      const start = Math.ceil((8 * offset) / 6);
      const end = Math.floor((8 * (offset + utf16.length) - 6) / 6) + 1;
      return { name: `base64 of UTF-16LE (offset ${offset})`, bytes: Buffer.from(encoded.slice(start, end)) };
    }),
  ];
}

/** Every "file: text (encoding)" in which a planted text is found. */
async function findPlanted(userDataDir: string, texts: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  const files = await filesUnder(userDataDir);
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      continue; // A lock file or socket Chromium removed while the scan ran.
    }
    for (const text of texts) {
      for (const { name, bytes } of encodings(text)) {
        if (content.includes(bytes)) hits.push(`${path.relative(userDataDir, file)}: ${text} (${name})`);
      }
    }
  }
  return hits;
}

/**
 * Adds a text box without autocomplete="off" to the page, types into it and gives Chromium time to
 * record the page's form state: the positive control for the scan.
 */
async function typeIntoUnprotectedBox(page: Page, text: string): Promise<void> {
  await page.evaluate(() => {
    const box = document.createElement("textarea");
    box.id = "leak-control";
    box.name = "leak-control";
    box.setAttribute("aria-label", "Leak control");
    document.body.append(box);
  });
  await page.getByLabel("Leak control").fill(text);
}

/** Session state reaches disk on a timer: wait long enough for it to be written if it ever is. */
const SESSION_SETTLE_MS = 6_000;

describe("no typed text left in the browser's profile", () => {
  const baseUrl = inject("baseUrl");
  const folders: string[] = [];

  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it("after a clean exit and after a kill, with a control that shows the scan finds leaks", async () => {
    const userDataDir = await mkdtemp(path.join(tmpdir(), "safe-referral-profile-"));
    folders.push(userDataDir);
    const name = planted("Victimname");
    const address = planted("Addressline");
    const notes = planted("Casenotes");
    const reviewNote = planted("Reviewnote");
    const control = planted("Controltext");

    // First session: set up, record a case, review it, lock, exit normally.
    const first = await startChromium(userDataDir);
    let page = first.page;
    await page.goto(baseUrl);
    await createProfile(page);
    await newCase(page);
    await openSection(page, "About the victim");
    await page.getByLabel("Victim's name").fill(name);
    await waitForSaved(page);
    await backToOverview(page);
    await openSection(page, "Victim's address");
    await page.getByRole("radio", { name: "They have an address" }).check();
    await page.getByLabel("Address", { exact: true }).fill(address);
    await waitForSaved(page);
    await backToOverview(page);
    await openSection(page, "Agencies and actions");
    await page.getByLabel("Notes", { exact: true }).fill(notes);
    await waitForSaved(page);

    await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Review" }).click();
    await page.getByRole("heading", { level: 1, name: "Review cases" }).waitFor();
    await page
      .getByRole("button", { name: /^Review case \d+$/ })
      .first()
      .click();
    await page.getByRole("radio", { name: "Return for improvement" }).check();
    await page.getByRole("textbox", { name: "Reviewer's note" }).fill(reviewNote);
    await page.getByRole("button", { name: "Save review" }).click();
    await page.getByText("Saved. The case is marked as returned for improvement.").waitFor();
    // Typed again and left unsaved: what sits in the box is what the session file would keep.
    await page.getByRole("textbox", { name: "Reviewer's note" }).fill(`${reviewNote} draft`);

    await typeIntoUnprotectedBox(page, control);
    await page.waitForTimeout(SESSION_SETTLE_MS);
    await page.getByRole("button", { name: "Lock now" }).click();
    await page.getByRole("heading", { level: 1, name: "Unlock Safe Referral" }).waitFor();
    await closeCleanly(first);

    const afterExit = await findPlanted(userDataDir, [name, address, notes, reviewNote, control]);
    console.log(`[e2e] the control's text found in: ${afterExit.join("; ")}`);
    expect(
      afterExit.filter((hit) => hit.includes(control)),
      "the control: a box without autocomplete=off must leak, or this scan proves nothing",
    ).not.toEqual([]);
    expect(afterExit.filter((hit) => !hit.includes(control))).toEqual([]);

    // Second session on the same profile: unlock, type into the case's boxes again, then crash.
    const name2 = planted("Secondname");
    const notes2 = planted("Secondnotes");
    const second = await startChromium(userDataDir);
    page = second.page;
    await page.goto(baseUrl);
    await unlock(page);
    await page.getByRole("button", { name: /^Case 1, started/ }).click();
    await page.getByRole("heading", { level: 1, name: "Case details" }).waitFor();
    await openSection(page, "About the victim");
    await page.getByLabel("Victim's name").fill(name2);
    await waitForSaved(page);
    await backToOverview(page);
    await openSection(page, "Agencies and actions");
    await page.getByLabel("Notes", { exact: true }).fill(notes2);
    await waitForSaved(page);
    await page.waitForTimeout(SESSION_SETTLE_MS);
    await kill(second);

    const afterKill = await findPlanted(userDataDir, [name, address, notes, reviewNote, name2, notes2]);
    expect(afterKill).toEqual([]);
  });
});
