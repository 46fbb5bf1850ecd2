// After a synced team session, a dump of every table of the database holds none of the victim details
// the practitioners typed: not in clear, not in base64 at any of its three alignments, not in UTF-16.
// The scanner is proved on the one thing the server does keep in clear, a team's name. Two sessions:
// the app's own sync client (vaults on fake IndexedDB, TeamSync, the sync engine over HttpSyncTransport
// to the server listening on loopback), and the protocol-level test devices of the other server tests.
import { approvedDevice, createTeam, teamFixture } from "./support/team-fixture";
import { syncedTeam } from "./support/sync-client-device";
import { dump, findings } from "./support/database-dump";
import { serverUnderTest } from "./support/server-under-test";
import { NO_DATABASE } from "./support/test-database";
import { TestDevice } from "./support/test-device";

const PLANTED = [
  "Marianne Featherstonehaugh",
  "17 Quillington Crescent, Barnsley S70 9ZZ",
  "hides a phone in the airing cupboard",
] as const;

describe.skipIf(NO_DATABASE)("no plaintext in the database", () => {
  const server = serverUnderTest({ listen: true });

  it("holds no planted name, address or note after a team session synced by the app's own sync client", async () => {
    const { firstCode } = await createTeam(server.app, "Client Sync Unit");
    const team = await syncedTeam(server.baseUrl, firstCode, 2);
    try {
      // Each practitioner records a case and a completed assessment, sends them, then edits the case.
      const cases: { caseId: string; recordId: string }[] = [];
      for (const [index, officer] of team.practitioners.entries()) {
        const caseId = crypto.randomUUID();
        const recordId = crypto.randomUUID();
        cases.push({ caseId, recordId });
        const details = { victim: { name: PLANTED[0], address: PLANTED[1] }, notes: PLANTED[2], index };
        await officer.engine!.recordChange({ recordId, caseId, kind: "case", body: details });
        await officer.engine!.recordChange({
          recordId: crypto.randomUUID(),
          caseId,
          kind: "assessment",
          body: { answers: { q1: { answer: "yes", note: `${PLANTED[2]} (asked alone)` } } },
        });
        expect((await officer.sync()).sent).toBe(2);
        await officer.engine!.recordChange({
          recordId,
          caseId,
          kind: "case",
          body: { ...details, notes: `${PLANTED[2]}; seen again` },
        });
        expect((await officer.sync()).sent).toBe(1);
      }
      // Both managers read every case; the manager returns the first one with a note naming the victim.
      for (const manager of [team.manager, team.deputy]) {
        await manager.sync();
        for (const { recordId } of cases) {
          const held = await manager.engine!.getRecord(recordId);
          expect(held?.version).toBe(2);
          expect(JSON.stringify(held?.document.body)).toContain(PLANTED[1]);
        }
      }
      const reviewId = crypto.randomUUID();
      await team.manager.engine!.recordChange({
        recordId: reviewId,
        caseId: cases[0]!.caseId,
        kind: "review",
        body: { returned: true, note: `Returned: ask ${PLANTED[0]} whether she still ${PLANTED[2]}.` },
      });
      expect((await team.manager.sync()).sent).toBe(1);
      // The note reaches the officer's device.
      await team.practitioners[0]!.sync();
      expect(JSON.stringify((await team.practitioners[0]!.engine!.getRecord(reviewId))?.document.body)).toContain(
        PLANTED[0],
      );
    } finally {
      for (const device of team.all) await device.close();
    }

    const tables = await dump(server.db);
    const [synced] = await server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM envelopes e JOIN teams t ON t.id = e.team_id WHERE t.name = 'Client Sync Unit'",
    );
    // 2 × (case, assessment, case edit) + the manager's note: every write reached the server.
    expect(synced?.n).toBe(7);
    expect(findings(tables, PLANTED)).toEqual([]);
    expect(findings(tables, ["Client Sync Unit"])).toContain("Client Sync Unit (utf-8) in teams");
  });

  it("holds no planted name, address or note after a synced team session", async () => {
    const team = await teamFixture(server.app, "Scanner Check Unit", 2);
    const deputy = await approvedDevice(server.app, team.manager, "manager");
    for (const [index, author] of team.practitioners.entries()) {
      const { keyId, key } = await author.newCaseKey();
      const recordId = crypto.randomUUID();
      const caseText = JSON.stringify({ victim: PLANTED[0], address: PLANTED[1], note: PLANTED[2], index });
      expect(
        (await author.push(await author.envelope(recordId, keyId, 0, await TestDevice.encrypt(key, caseText)))).status,
      ).toBe(201);
      const edited = JSON.stringify({ victim: PLANTED[0], note: `${PLANTED[2]}; reviewed` });
      expect(
        (await author.push(await author.envelope(recordId, keyId, 1, await TestDevice.encrypt(key, edited)))).status,
      ).toBe(201);
    }
    // Both managers pulled and read everything: the session really synced.
    for (const manager of [team.manager, deputy]) {
      const { envelopes } = await manager.pullAll();
      const texts = await Promise.all(envelopes.map((envelope) => manager.read(envelope)));
      expect(texts.filter((text) => text.includes(PLANTED[0]!))).toHaveLength(4);
    }

    const tables = await dump(server.db);
    expect([...tables.keys()]).toContain("envelopes");
    expect(tables.get("envelopes")!.length).toBeGreaterThan(0);
    expect(findings(tables, PLANTED)).toEqual([]);
    // The scanner finds what is there: the team's name, which the server keeps in clear on purpose, and
    // the same name put in every other form it looks for.
    expect(findings(tables, ["Scanner Check Unit"])).toContain("Scanner Check Unit (utf-8) in teams");
    const name = "Scanner Check Unit";
    const probe = Buffer.concat([
      Buffer.from(name, "utf16le"),
      Buffer.from(name, "utf16le").swap16(),
      ...["", "x", "xy"].map((prefix) => Buffer.from(Buffer.from(`${prefix}${name}!`).toString("base64"))),
    ]);
    expect(findings(new Map([["probe", probe]]), [name]).sort()).toEqual(
      ["base64+0", "base64+1", "base64+2", "utf-16be", "utf-16le"].map((form) => `${name} (${form}) in probe`),
    );
  });
});
