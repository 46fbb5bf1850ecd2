// Removing a device from the team in real Chromium against the real team server (issue 17 item 3): the
// manager removes the officer's tablet after a confirm page, sees it listed as removed and the removal in
// the team's audit in words; the tablet, on its next contact, is refused, deletes the case the team holds
// (its case list no longer shows it, IndexedDB no longer holds its rows), keeps the case the team never
// received, and says why (docs/decisions.md §26). Axe on the new screens.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createProfile, fillVictimName, newCase } from "./support/app-flows";
import { expectNoAxeViolations, newPage } from "./support/browser";
import { rowIdsIn } from "./support/indexeddb-dump";
import { smallTargets } from "./support/target-size";
import {
  openSection,
  openTeamScreen,
  ownServerAndBrowser,
  syncLine,
  TEAM_STEP_TIMEOUT_MS,
  teamOfManagerAndOfficer,
} from "./support/team-flows";

const VAULT_STORES = ["cases", "assessments", "packs"] as const;
const SYNC_STORES = ["syncState", "syncRecords", "syncOutbox", "syncConflicts", "syncKeys"] as const;

/** The ids of the cases in the officer's vault, as IndexedDB holds them. */
async function caseIdsIn(page: Page): Promise<string[]> {
  return (await rowIdsIn(page, ["cases"])).cases!.map((row) => row.id!).sort();
}

async function openCaseList(page: Page): Promise<void> {
  await openSection(page, "Cases");
  await page.getByRole("heading", { level: 1, name: "Your cases" }).waitFor();
}

/** A new case with the victim's name, saved; back on the case list (leaving the case saves it once more). */
async function caseNamed(page: Page, victim: string): Promise<void> {
  await openCaseList(page);
  await newCase(page);
  await fillVictimName(page, victim);
  await openCaseList(page);
}

describe("removing a device from the team", () => {
  const own = ownServerAndBrowser();

  it("the manager removes the officer's tablet; on its next contact it is refused, deletes the team's case and says why", async () => {
    const { server, browser } = own;
    const manager = await newPage(browser);
    const officer = await newPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true });
    try {
      await manager.goto(server.url);
      await createProfile(manager);
      await officer.goto(server.url);
      await createProfile(officer);
      await teamOfManagerAndOfficer(server, manager, officer);

      // The officer's first case reaches the team (the server accepts it: nothing waits in the outbox).
      await caseNamed(officer, "Rosa Teamcase");
      const [synced] = await caseIdsIn(officer);
      await expect
        .poll(
          async () => {
            const rows = await rowIdsIn(officer, ["syncOutbox", "syncRecords"]);
            return { waiting: rows.syncOutbox!.length, held: rows.syncRecords!.some((row) => row.caseId === synced) };
          },
          { timeout: TEAM_STEP_TIMEOUT_MS, interval: 250 },
        )
        .toEqual({ waiting: 0, held: true });
      // Offline, a second case the team never receives.
      await officer.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await officer.context().setOffline(true);
      await caseNamed(officer, "Iris Unsent");
      const unsent = (await caseIdsIn(officer)).find((id) => id !== synced)!;
      expect(unsent).toBeDefined();

      // The manager's own device is not offered for removal; the officer's is.
      const inTeam = manager.getByRole("table", { name: "Devices in the team" });
      await inTeam.waitFor();
      expect(await inTeam.getByRole("button", { name: /^Remove from the team/ }).count()).toBe(1);
      await inTeam.getByRole("cell", { name: "This device" }).waitFor();
      await inTeam.getByRole("button", { name: /^Remove from the team/ }).click();
      await manager
        .getByRole("heading", { level: 1, name: "Remove this practitioner device from the team?" })
        .waitFor();
      await manager.getByText(/What the device has already opened and stored cannot be recalled from it/).waitFor();
      await expectNoAxeViolations(manager, "remove a device: confirm");
      expect(await smallTargets(manager), "targets under 44 px, remove a device").toEqual([]);
      await manager.getByRole("button", { name: "Remove this device" }).click();

      await manager.getByText(/The practitioner device has been removed from the team/).waitFor();
      await manager
        .getByRole("table", { name: "Removed devices" })
        .getByRole("cell", { name: /^Removed on \d{1,2} \w+ \d{4}$/ })
        .waitFor();
      const audit = manager.getByRole("table", { name: "What has happened in the team, newest first" });
      await audit
        .getByText(/^This device removed a practitioner device \(joined \d{1,2} \w+ \d{4}\) from the team$/)
        .waitFor();
      await audit.getByText(/^This device approved a practitioner device/).waitFor();
      expect(await audit.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      await expectNoAxeViolations(manager, "manager's team screen with a removed device and the audit");
      expect(await smallTargets(manager), "targets under 44 px, manager's team screen").toEqual([]);

      // The tablet's next contact: back online, it syncs at once, is refused and deletes the team's case.
      await officer.context().setOffline(false);
      await syncLine(
        officer,
        /^Team sync: A manager removed this device from the team\. The team's cases have been deleted from it\.$/,
      ).waitFor({ timeout: TEAM_STEP_TIMEOUT_MS });
      await officer
        .getByText(/^1 case the team holds was deleted from this device\. 1 case is still on this device/)
        .waitFor();
      // Announced once: the header's line is the only live region saying it.
      expect(
        await officer
          .getByRole("status")
          .filter({ hasText: /removed this device/ })
          .count(),
      ).toBe(1);
      expect(await officer.getByRole("alert").count()).toBe(0);

      // Its case list shows only the case the team never received.
      await openCaseList(officer);
      await expect.poll(() => officer.getByRole("button", { name: /^Case \d+, started/ }).count()).toBe(1);
      await expectNoAxeViolations(officer, "case list of a removed device");
      // IndexedDB holds no row of the team's case, and no sync row but the device's own.
      expect(await caseIdsIn(officer)).toEqual([unsent]);
      const rows = await rowIdsIn(officer, [...VAULT_STORES, ...SYNC_STORES, "syncDevice"]);
      for (const store of VAULT_STORES) {
        expect(
          rows[store]!.filter((row) => row.id === synced || row.caseId === synced),
          store,
        ).toEqual([]);
      }
      for (const store of SYNC_STORES) expect(rows[store], store).toEqual([]);
      expect(rows.syncDevice).toHaveLength(1);

      await openTeamScreen(officer, "This device has been removed from the team");
      const happened = officer.getByRole("region", { name: "What happened" });
      await happened.getByText(/A manager removed this device from your team/).waitFor();
      await happened.getByText("1 case the team holds was deleted from this device.").waitFor();
      await officer.getByText(/What this device already showed, printed or exported cannot be recalled/).waitFor();
      await officer
        .getByRole("region", { name: "What is still on this device" })
        .getByText(
          "1 case is still on this device because the team does not have all of it. Send it to your manager from Backups and sharing, then delete it from this device.",
        )
        .waitFor();
      expect(await officer.locator("main").textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      await expectNoAxeViolations(officer, "removed from the team");
      expect(await smallTargets(officer), "targets under 44 px, removed from the team on a tablet").toEqual([]);
    } finally {
      await manager.context().close();
      await officer.context().close();
    }
  });
});
