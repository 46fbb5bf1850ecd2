import { bundleBenchEntry, serveBenchPage } from "./bench-page.mjs";
import { launchChromium } from "./helpers.mjs";
import { mkdirSync, writeFileSync } from "node:fs";
const workDir = "/tmp/prof/wd2"; mkdirSync(workDir, { recursive: true });
const seedJs = await bundleBenchEntry(workDir, "review-seed-entry.ts");
const server = await serveBenchPage("/__bench-review/", seedJs);
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${server.origin}/__bench-review/index.html`);
await page.waitForFunction(() => typeof globalThis.seedReviewCases === "function");
await page.evaluate((o) => globalThis.seedReviewCases(o), { count: 5000, label: "B", passphrase: "bench passphrase for review screens" });
await page.goto(`${server.origin}/`);
const which = process.argv[2] ?? "list";
for (let run = 0; run < 2; run++) {
  await page.getByRole("heading", { level: 1, name: "Unlock Safe Referral" }).waitFor({ timeout: 30000 });
  if (which === "dashboard" && run === 0) {
    await page.getByLabel("Passphrase").fill("bench passphrase for review screens");
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.locator(".case-list__item").first().waitFor();
    await page.getByRole("navigation", { name: "Sections" }).getByRole("button", { name: "Review" }).click();
    await page.locator(".review-cards").waitFor({ timeout: 60000 });
    await page.getByRole("button", { name: "Lock now" }).click();
    continue;
  }
  await page.getByLabel("Passphrase").fill("bench passphrase for review screens");
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable"); await cdp.send("Profiler.setSamplingInterval", { interval: 100 }); await cdp.send("Profiler.start");
  const t0 = Date.now();
  await page.getByRole("button", { name: "Unlock" }).click();
  await page.locator(which === "list" ? ".case-list__item" : ".review-cards").first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(100);
  const { profile } = await cdp.send("Profiler.stop");
  console.log("wall", Date.now() - t0);
  writeFileSync(`/tmp/prof/${which}.cpuprofile`, JSON.stringify(profile));
  break;
}
await browser.close(); await server.close();
