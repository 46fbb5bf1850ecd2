// After a synced team session, a dump of every table of the database holds none of the victim details
// the practitioners typed: not in clear, not in base64 at any of its three alignments, not in UTF-16.
// The scanner is proved on the one thing the server does keep in clear, a team's name. Two sessions:
// the app's own sync client (vaults on fake IndexedDB, TeamSync, the sync engine over HttpSyncTransport
// to the server listening on loopback), and the protocol-level test devices of the other server tests.
import type { FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { approvedDevice, createTeam, teamFixture, testServer } from "./support/team-fixture";
import { syncedTeam } from "./support/sync-client-device";
import { NO_DATABASE, openTestDatabase, tableNames, type TestDatabase } from "./support/test-database";
import { TestDevice } from "./support/test-device";

const PLANTED = [
  "Marianne Featherstonehaugh",
  "17 Quillington Crescent, Barnsley S70 9ZZ",
  "hides a phone in the airing cupboard",
] as const;

/** Every way the text could sit in a dump: UTF-8, UTF-16 (both orders), base64 at each alignment. */
function encodings(text: string): { name: string; bytes: Buffer }[] {
  const utf8 = Buffer.from(text, "utf8");
  const forms = [
    { name: "utf-8", bytes: utf8 },
    { name: "utf-16le", bytes: Buffer.from(text, "utf16le") },
    { name: "utf-16be", bytes: Buffer.from(text, "utf16le").swap16() },
  ];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), utf8]).toString("base64");
    // Only the characters made from the text's own bytes, whatever came before or after it.
    const start = Math.ceil(offset / 3) * 4;
    const end = Math.floor((offset + utf8.length) / 3) * 4;
    forms.push({ name: `base64+${offset}`, bytes: Buffer.from(encoded.slice(start, end), "latin1") });
  }
  return forms;
}

/** Every table, every row, every value, as bytes: bytea raw, text as UTF-8, the row's own text form too. */
async function dump(db: TestDatabase): Promise<Map<string, Buffer>> {
  const tables = new Map<string, Buffer>();
  for (const table of await tableNames(db)) {
    const parts: Buffer[] = [];
    for (const row of await db.query<Record<string, unknown>>(`SELECT t.*, t::text AS row_text FROM ${table} t`)) {
      for (const value of Object.values(row)) {
        if (value instanceof Uint8Array) parts.push(Buffer.from(value));
        else if (value !== null)
          parts.push(Buffer.from(value instanceof Date ? value.toISOString() : String(value), "utf8"));
      }
    }
    tables.set(table, Buffer.concat(parts));
  }
  return tables;
}

function findings(tables: Map<string, Buffer>, texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const { name, bytes } of encodings(text)) {
      for (const [table, content] of tables) if (content.includes(bytes)) found.push(`${text} (${name}) in ${table}`);
    }
  }
  return found;
}

describe.skipIf(NO_DATABASE)("no plaintext in the database", () => {
  let db: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = await testServer(db);
    await app.listen({ host: "127.0.0.1", port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("holds no planted name, address or note after a team session synced by the app's own sync client", async () => {
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { firstCode } = await createTeam(app, "Client Sync Unit");
    const team = await syncedTeam(baseUrl, firstCode, 2);
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

    const tables = await dump(db);
    const [synced] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM envelopes e JOIN teams t ON t.id = e.team_id WHERE t.name = 'Client Sync Unit'",
    );
    // 2 × (case, assessment, case edit) + the manager's note: every write reached the server.
    expect(synced?.n).toBe(7);
    expect(findings(tables, PLANTED)).toEqual([]);
    expect(findings(tables, ["Client Sync Unit"])).toContain("Client Sync Unit (utf-8) in teams");
  });

  it("holds no planted name, address or note after a synced team session", async () => {
    const team = await teamFixture(app, "Scanner Check Unit", 2);
    const deputy = await approvedDevice(app, team.manager, "manager");
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

    const tables = await dump(db);
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
