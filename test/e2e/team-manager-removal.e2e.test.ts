// Issue 17 item 3 for a manager's device, in real Chromium against the real team server (docs/decisions.md
// §34): a deputy manager's device reads the officer's case; the manager removes it, and the Team screen
// changes the team key first, then gives the case a new key, saying so in plain words (axe on that state);
// the officer's tablet follows the new team key on its own and its next edit goes under the new case key.
// That write does NOT open with anything the deputy's device held: neither its old case key (the test
// proves it holds it by opening the officer's earlier envelope) nor the old team key (whose private half the
// test takes from the deputy page's own Web Crypto import, and which opens the old case key's wrapping but not
// the new one's) — while the manager's device, holding the new team key, opens it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { decryptEnvelope, type OutgoingEnvelope } from "../../src/storage/sync/envelope";
import { caseKeyPurpose, openSealed } from "../../src/domain/team-sync/sealed-box";
import { backToOverview, createProfile, newCase, openFirstCase, openSection, waitForSaved } from "./support/app-flows";
import { expectNoAxeViolations, newPage } from "./support/browser";
import {
  approveWithNumbers,
  joinWith,
  numbersIn,
  openSection as openAppSection,
  openTeamScreen,
  ownServerAndBrowser,
  syncLine,
  TEAM_STEP_TIMEOUT_MS,
  teamOfManagerAndOfficer,
} from "./support/team-flows";

const BEFORE = "Ama Boateng";
const AFTER = "Ama Boateng-Price";

/** Every raw AES-256 key and every PKCS #8 ECDH key the page imports, base64, on `window.__keys`. */
function noteImportedKeys(): void {
  const seen: { aes: string[]; ecdh: string[] } = { aes: [], ecdh: [] };
  (window as unknown as { __keys: typeof seen }).__keys = seen;
  const subtle = SubtleCrypto.prototype as unknown as { importKey: (...args: unknown[]) => Promise<CryptoKey> };
  const original = subtle.importKey;
  subtle.importKey = function (this: SubtleCrypto, ...args: unknown[]) {
    const [format, data, algorithm] = args as [string, ArrayBuffer | ArrayBufferView, string | { name: string }];
    const name = typeof algorithm === "string" ? algorithm : algorithm.name;
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : null;
    if (bytes && format === "raw" && name === "AES-GCM" && bytes.length === 32) {
      seen.aes.push(btoa(String.fromCharCode(...bytes)));
    }
    if (bytes && format === "pkcs8" && name === "ECDH") seen.ecdh.push(btoa(String.fromCharCode(...bytes)));
    return original.apply(this, args);
  };
}

async function importedKeys(page: Page): Promise<{ aes: CryptoKey[]; ecdh: CryptoKey[] }> {
  const raw = await page.evaluate(() => (window as unknown as { __keys: { aes: string[]; ecdh: string[] } }).__keys);
  return {
    aes: await Promise.all(
      raw.aes.map((key) => crypto.subtle.importKey("raw", Buffer.from(key, "base64"), "AES-GCM", false, ["decrypt"])),
    ),
    ecdh: await Promise.all(
      raw.ecdh.map((key) =>
        crypto.subtle.importKey("pkcs8", Buffer.from(key, "base64"), { name: "ECDH", namedCurve: "P-256" }, false, [
          "deriveBits",
        ]),
      ),
    ),
  };
}

interface Sent {
  path: string;
  body: Record<string, unknown>;
  status: number;
}

/** What the page sends to the team server (pushes, case keys, rotations), with the answers. */
function noteRequests(page: Page): Sent[] {
  const sent: Sent[] = [];
  page.on("response", (response) => {
    const request = response.request();
    if (request.method() !== "POST" && request.method() !== "PUT") return;
    const path = new URL(response.url()).pathname;
    const body = request.postData();
    if (body) sent.push({ path, body: JSON.parse(body) as Record<string, unknown>, status: response.status() });
  });
  return sent;
}

function noteEnrolment(page: Page): { deviceId: string; teamId: string } {
  const enrolment = { deviceId: "", teamId: "" };
  page.on("response", (response) => {
    if (response.request().method() === "POST" && new URL(response.url()).pathname === "/api/enrol") {
      void response.json().then((body: { deviceId: string; teamId: string }) => Object.assign(enrolment, body));
    }
  });
  return enrolment;
}

const pushes = (sent: Sent[]) =>
  sent.filter((entry) => entry.path === "/api/envelopes" && entry.status === 201).map((entry) => entry.body);

/** The wrapping of `keyId` to the team key: from the page's PUT /api/keys or its rotations. */
function managerWrapOf(sent: Sent[], keyId: string): string | undefined {
  for (const entry of sent) {
    if (entry.path === `/api/keys/${keyId}`) {
      const wraps = entry.body.wraps as { recipient: string; wrapped: string }[];
      const found = wraps.find((wrap) => wrap.recipient === "manager-key");
      if (found) return found.wrapped;
    }
    if (entry.path === "/api/team/key-rotations" && entry.status === 201) {
      for (const rotation of entry.body.rotations as {
        newKeyId: string;
        wraps: { recipient: string; wrapped: string }[];
      }[]) {
        if (rotation.newKeyId === keyId)
          return rotation.wraps.find((wrap) => wrap.recipient === "manager-key")?.wrapped;
      }
    }
  }
  return undefined;
}

async function opensWrap(keys: CryptoKey[], wrapped: string, keyId: string): Promise<boolean> {
  for (const key of keys) {
    try {
      await openSealed(Buffer.from(wrapped, "base64"), key, caseKeyPurpose(keyId));
      return true;
    } catch {
      // not this one
    }
  }
  return false;
}

async function openWith(keys: CryptoKey[], envelope: Record<string, unknown>, teamId: string, authorDeviceId: string) {
  const outgoing = envelope as unknown as OutgoingEnvelope;
  const incoming = { ...outgoing, version: outgoing.baseVersion + 1, authorDeviceId };
  const opened = await Promise.all(keys.map((key) => decryptEnvelope(incoming, teamId, key)));
  return opened.flatMap((result) => (result.ok ? [result.document] : []));
}

async function syncRound(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.context().setOffline(false);
}

describe("removing a manager's device replaces the team key", () => {
  const own = ownServerAndBrowser();

  it("a write after the deputy's device is removed opens with neither its old team key nor its old case key", async () => {
    const { server, browser } = own;
    const manager = await newPage(browser);
    const deputy = await newPage(browser);
    const officer = await newPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true });
    for (const page of [manager, deputy, officer]) await page.context().addInitScript(noteImportedKeys);
    const managerSent = noteRequests(manager);
    const officerSent = noteRequests(officer);
    const officerDevice = noteEnrolment(officer);
    try {
      for (const page of [manager, deputy, officer]) {
        await page.goto(server.url);
        await createProfile(page);
      }
      const oldNumbers = await teamOfManagerAndOfficer(server, manager, officer, "Response Unit 9");

      // A deputy manager joins, approved with the team key.
      await manager.getByRole("radio", { name: "A manager" }).check();
      await manager.getByRole("button", { name: "Get a code" }).click();
      const issued = manager.getByRole("region", { name: "Code for a manager" });
      const code = (await issued.locator(".enrolment-code").textContent())!.trim();
      await openTeamScreen(deputy, "Join a team");
      await joinWith(deputy, code);
      await deputy
        .getByRole("heading", { level: 1, name: "Waiting for your manager to approve this device" })
        .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      const deputyNumbers = await numbersIn(deputy, "This device's numbers");
      await openTeamScreen(manager, "Your team");
      await manager.getByRole("button", { name: /^Check the numbers and approve/ }).click();
      await manager.getByRole("heading", { level: 1, name: "Approve a manager device" }).waitFor();
      await approveWithNumbers(manager, deputyNumbers);
      await manager.getByText(/The manager device is approved/).waitFor();
      await deputy.getByRole("button", { name: "Check again" }).click();
      await deputy.getByRole("heading", { level: 1, name: "Your team" }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // The officer's case reaches the deputy's device.
      await openAppSection(officer, "Cases");
      await newCase(officer);
      await openSection(officer, "About the victim");
      await officer.getByLabel("Victim's name").fill(BEFORE);
      await waitForSaved(officer);
      await backToOverview(officer);
      await syncRound(officer);
      await expect.poll(() => pushes(officerSent).length, { timeout: TEAM_STEP_TIMEOUT_MS }).toBeGreaterThan(0);
      await syncRound(deputy);
      await openAppSection(deputy, "Cases");
      await deputy.getByRole("button", { name: /^Case 1, started/ }).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });

      // The manager removes the deputy's device: the team key first, then the case.
      await openTeamScreen(manager, "Your team");
      const inTeam = manager.getByRole("table", { name: "Devices in the team" });
      await inTeam
        .getByRole("row")
        .filter({ hasText: "Manager" })
        .getByRole("button", { name: /^Remove from the team/ })
        .click();
      await manager.getByText(/the team key is changed first/).waitFor();
      await manager.getByRole("button", { name: "Remove this device" }).click();
      await manager
        .getByText(/The team key has been changed: the remaining managers' devices have the new one/)
        .waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await manager.getByText(/What the removed device has already opened cannot be recalled from it/).waitFor();
      expect(await manager.getByText(/cannot be changed yet/).count()).toBe(0);
      await expectNoAxeViolations(manager, "team screen after removing a manager's device and changing the team key");
      await manager
        .getByRole("table", { name: "What has happened in the team, newest first" })
        .getByText(/^This device changed the team key because a manager device \(joined .*\) was removed$/)
        .waitFor();

      // The officer edits the case: its tablet follows the new team key and writes under the new case key.
      const officerBefore = pushes(officerSent).length;
      await openAppSection(officer, "Cases");
      await openFirstCase(officer);
      await openSection(officer, "About the victim");
      await officer.getByLabel("Victim's name").fill(AFTER);
      await waitForSaved(officer);
      await backToOverview(officer);
      await syncRound(officer);
      await expect
        .poll(() => pushes(officerSent).length, { timeout: TEAM_STEP_TIMEOUT_MS })
        .toBeGreaterThan(officerBefore);
      await openTeamScreen(officer, "Your team");
      await syncLine(officer, /^Team sync: Synced just now$/).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      expect(await numbersIn(officer, "Team key numbers")).not.toBe(oldNumbers);

      const teamId = officerDevice.teamId;
      const [first] = pushes(officerSent);
      const after = pushes(officerSent)
        .slice(officerBefore)
        .find((push) => push.recordId === first!.recordId)!;
      expect(after.keyId).not.toBe(first!.keyId);
      const held = await importedKeys(deputy);
      // The test holds the deputy's old case key and old team key: they open what was written before.
      expect(JSON.stringify((await openWith(held.aes, first!, teamId, officerDevice.deviceId))[0]?.body)).toContain(
        BEFORE,
      );
      const oldWrap = managerWrapOf(officerSent, String(first!.keyId))!;
      expect(await opensWrap(held.ecdh, oldWrap, String(first!.keyId))).toBe(true);
      // Neither opens the write after the removal, nor its new case key's wrapping to the team key.
      expect(await openWith(held.aes, after, teamId, officerDevice.deviceId)).toEqual([]);
      const newWrap = managerWrapOf(managerSent, String(after.keyId))!;
      expect(newWrap).toBeDefined();
      expect(await opensWrap(held.ecdh, newWrap, String(after.keyId))).toBe(false);
      // The manager's device, holding the new team key after its next round, opens it.
      await syncRound(manager);
      await openAppSection(manager, "Cases");
      await openFirstCase(manager);
      await openSection(manager, "About the victim");
      await expect
        .poll(() => manager.getByLabel("Victim's name").inputValue(), { timeout: TEAM_STEP_TIMEOUT_MS })
        .toBe(AFTER);
      expect(await opensWrap((await importedKeys(manager)).ecdh, newWrap, String(after.keyId))).toBe(true);
    } finally {
      for (const page of [manager, deputy, officer]) await page.context().close();
    }
  });
});
