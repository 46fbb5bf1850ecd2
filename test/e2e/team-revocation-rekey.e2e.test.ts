// Issue 17 item 3's acceptance in real Chromium against the real team server: the officer's case reaches
// the manager; the manager removes the officer's tablet, and the Team screen gives the case a new key,
// saying what that does and that nothing already read can be recalled (axe on that state); the tablet's
// next contact is refused and it says it was removed; the manager then edits the case, and that write
// does NOT decrypt under any AES key the officer's tablet ever held — its old case key included, which
// the test proves it holds by opening the officer's own envelope with it — while the manager's device
// reads it. The keys are taken from the pages' own Web Crypto calls (an init script that notes every raw
// 256-bit AES-GCM key a page imports); the envelopes from the pushes the pages send.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { decryptEnvelope, type OutgoingEnvelope } from "../../src/storage/sync/envelope";
import { backToOverview, createProfile, newCase, openFirstCase, openSection, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, newPage } from "./support/browser";
import { smallTargets } from "./support/target-size";
import {
  openSection as openAppSection,
  openTeamScreen,
  ownServerAndBrowser,
  syncLine,
  TEAM_STEP_TIMEOUT_MS,
  teamOfManagerAndOfficer,
} from "./support/team-flows";

const BEFORE = "Nadia Okonjo";
const AFTER = "Nadia Okonjo-Reid";

/** Every raw 32-byte AES-GCM key the page imports (case keys among them), base64, on `window.__aesKeys`. */
function noteImportedAesKeys(): void {
  const seen: string[] = [];
  (window as unknown as { __aesKeys: string[] }).__aesKeys = seen;
  const subtle = SubtleCrypto.prototype as unknown as { importKey: (...args: unknown[]) => Promise<CryptoKey> };
  const original = subtle.importKey;
  subtle.importKey = function (this: SubtleCrypto, ...args: unknown[]) {
    const [format, data, algorithm] = args as [string, ArrayBuffer | ArrayBufferView, string | { name: string }];
    const name = typeof algorithm === "string" ? algorithm : algorithm.name;
    if (format === "raw" && name === "AES-GCM" && data.byteLength === 32) {
      const bytes = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
      seen.push(btoa(String.fromCharCode(...bytes)));
    }
    return original.apply(this, args);
  };
}

interface Push {
  envelope: OutgoingEnvelope;
  status: number;
}

/** The envelopes the page pushes (POST /api/envelopes), with the server's answer. */
function notePushes(page: Page): Push[] {
  const pushes: Push[] = [];
  page.on("response", (response) => {
    const request = response.request();
    if (request.method() === "POST" && new URL(response.url()).pathname === "/api/envelopes") {
      pushes.push({ envelope: JSON.parse(request.postData()!) as OutgoingEnvelope, status: response.status() });
    }
  });
  return pushes;
}

/** The device id and team the page's enrolment answered. */
function noteEnrolment(page: Page): { deviceId: string; teamId: string } {
  const enrolment = { deviceId: "", teamId: "" };
  page.on("response", (response) => {
    if (response.request().method() === "POST" && new URL(response.url()).pathname === "/api/enrol") {
      void response.json().then((body: { deviceId: string; teamId: string }) => Object.assign(enrolment, body));
    }
  });
  return enrolment;
}

async function importedKeys(page: Page): Promise<CryptoKey[]> {
  const raw = await page.evaluate(() => (window as unknown as { __aesKeys: string[] }).__aesKeys);
  return Promise.all(
    raw.map((key) =>
      crypto.subtle.importKey("raw", Buffer.from(key, "base64"), { name: "AES-GCM" }, false, ["decrypt"]),
    ),
  );
}

/** The documents any of `keys` opens the envelope to (none: not readable with them). */
async function openWith(keys: CryptoKey[], push: Push, teamId: string, authorDeviceId: string) {
  const envelope = { ...push.envelope, version: push.envelope.baseVersion + 1, authorDeviceId };
  const opened = await Promise.all(keys.map((key) => decryptEnvelope(envelope, teamId, key)));
  return opened.flatMap((result) => (result.ok ? [result.document] : []));
}

/** A sync round now: the browser going offline and back online starts one at once. */
async function syncRound(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.context().setOffline(false);
}

describe("revoking a device re-keys what it could read", () => {
  const own = ownServerAndBrowser();

  it("a write made after the officer's tablet is removed does not decrypt with the keys the tablet held", async () => {
    const { server, browser } = own;
    const manager = await newPage(browser);
    const officer = await newPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true });
    await manager.context().addInitScript(noteImportedAesKeys);
    await officer.context().addInitScript(noteImportedAesKeys);
    const managerPushes = notePushes(manager);
    const officerPushes = notePushes(officer);
    const officerDevice = noteEnrolment(officer);
    const managerDevice = noteEnrolment(manager);
    try {
      await manager.goto(server.url);
      await createProfile(manager);
      await officer.goto(server.url);
      await createProfile(officer);
      await teamOfManagerAndOfficer(server, manager, officer);

      // The officer's case, synced.
      await openAppSection(officer, "Cases");
      await newCase(officer);
      await openSection(officer, "About the victim");
      await officer.getByLabel("Victim's name").fill(BEFORE);
      await waitForSaved(officer);
      await backToOverview(officer);
      await syncRound(officer);
      await syncLine(officer, /^Team sync: Synced just now$/).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await expect.poll(() => officerPushes.filter((push) => push.status === 201).length).toBeGreaterThan(0);

      // It reaches the manager's device.
      await syncRound(manager);
      await openAppSection(manager, "Cases");
      await manager.getByRole("button", { name: /^Case 1, started/ }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // The manager removes the officer's tablet; the Team screen gives its case a new key.
      await openTeamScreen(manager, "Your team");
      const inTeam = manager.getByRole("table", { name: "Devices in the team" });
      await inTeam.getByRole("button", { name: /^Remove from the team/ }).click();
      await manager.getByText(/Every case it could read is given a new key/).waitFor();
      await manager.getByRole("button", { name: "Remove this device" }).click();
      await manager.getByText(/The practitioner device has been removed from the team/).waitFor();
      await manager
        .getByText(/^The 1 case the removed device could read now has a new key\. Anything written to it from now on/)
        .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await manager.getByText(/What the removed device has already opened cannot be recalled from it/).waitFor();
      await expectNoAxeViolations(manager, "team screen after removing a device and re-keying its cases");
      expect(await smallTargets(manager), "targets under 44 px, re-keyed after removal").toEqual([]);
      const audit = manager.getByRole("table", { name: "What has happened in the team, newest first" });
      await audit
        .getByText(/^This device gave a case a new key because a practitioner device \(joined .*\) was removed$/)
        .first()
        .waitFor();

      // The tablet's next contact is refused, and it says so.
      await syncRound(officer);
      await syncLine(
        officer,
        /^Team sync: A manager removed this device from the team\. The team's cases have been deleted from it\.$/,
      ).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await openTeamScreen(officer, "This device has been removed from the team");

      // The manager edits the case after the removal.
      const sentBefore = managerPushes.length;
      await openAppSection(manager, "Cases");
      await openFirstCase(manager);
      await openSection(manager, "About the victim");
      expect(await manager.getByLabel("Victim's name").inputValue()).toBe(BEFORE);
      await manager.getByLabel("Victim's name").fill(AFTER);
      await waitForSaved(manager);
      await backToOverview(manager);
      await syncRound(manager);
      await expect
        .poll(() => managerPushes.slice(sentBefore).filter((push) => push.status === 201).length, {
          timeout: TEAM_STEP_TIMEOUT_MS,
        })
        .toBeGreaterThan(0);

      const teamId = officerDevice.teamId;
      const officerKeys = await importedKeys(officer);
      const officersOwn = officerPushes.find((push) => push.status === 201)!;
      const afterRemoval = managerPushes.slice(sentBefore).find((push) => push.status === 201)!;
      // The test holds the officer's old case key: it opens the officer's own envelope.
      const before = await openWith(officerKeys, officersOwn, teamId, officerDevice.deviceId);
      expect(before.length).toBeGreaterThan(0);
      expect(JSON.stringify(before[0]!.body)).toContain(BEFORE);
      // The same record's case, written after the removal, under another key that none of them opens.
      expect(afterRemoval.envelope.keyId).not.toBe(officersOwn.envelope.keyId);
      expect(await openWith(officerKeys, afterRemoval, teamId, managerDevice.deviceId)).toEqual([]);
      // The manager's device reads it.
      const byManager = await openWith(await importedKeys(manager), afterRemoval, teamId, managerDevice.deviceId);
      expect(byManager.length).toBeGreaterThan(0);
      expect(JSON.stringify(byManager[0]!.body)).toContain(AFTER);
    } finally {
      await manager.context().close();
      await officer.context().close();
    }
  });
});
