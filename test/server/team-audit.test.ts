// The team's append-only audit (issue 17 item 3): every enrol, approve, revoke and case-key share leaves
// one row, written with what it records; managers read it newest first, a page at a time; practitioners
// are refused; later actions only add rows, and the database itself refuses to change or delete one.
import { teamFixture, approvedDevice } from "./support/team-fixture";
import { serverUnderTest } from "./support/server-under-test";
import { NO_DATABASE, type TestDatabase } from "./support/test-database";
import { TestDevice } from "./support/test-device";

interface AuditAnswer {
  entries: {
    id: number;
    at: string;
    action: string;
    actorDeviceId: string;
    subjectDeviceId: string | null;
    subjectKeyId: string | null;
    subjectRecordId: string | null;
  }[];
  before: number | null;
}

async function readAudit(device: TestDevice, query = ""): Promise<AuditAnswer> {
  const answer = await device.request<AuditAnswer>({ method: "GET", url: `/api/team/audit${query}` });
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Every row of the table as stored, oldest first. */
async function allRows(db: TestDatabase): Promise<Record<string, unknown>[]> {
  return db.query("SELECT * FROM team_audit ORDER BY id");
}

describe.skipIf(NO_DATABASE)("the team audit", () => {
  const server = serverUnderTest();

  it("records enrol, approve, share and revoke, and gives them to managers newest first", async () => {
    const { manager, practitioners } = await teamFixture(server.app, "Audit Unit A", 1);
    const officer = practitioners[0]!;
    server.clock.advanceMinutes(5);
    const { keyId } = await officer.newCaseKey();
    server.clock.advanceMinutes(5);
    expect((await manager.request({ method: "POST", url: `/api/devices/${officer.deviceId}/revoke` })).status).toBe(
      200,
    );

    const audit = await readAudit(manager);
    const summary = audit.entries.map(({ action, actorDeviceId, subjectDeviceId, subjectKeyId }) => ({
      action,
      actorDeviceId,
      subjectDeviceId,
      subjectKeyId,
    }));
    expect(summary).toEqual([
      { action: "revoke", actorDeviceId: manager.deviceId, subjectDeviceId: officer.deviceId, subjectKeyId: null },
      // The new case key, wrapped to the officer's own device and to the team manager key.
      { action: "share-key", actorDeviceId: officer.deviceId, subjectDeviceId: null, subjectKeyId: keyId },
      {
        action: "share-key",
        actorDeviceId: officer.deviceId,
        subjectDeviceId: officer.deviceId,
        subjectKeyId: keyId,
      },
      { action: "approve", actorDeviceId: manager.deviceId, subjectDeviceId: officer.deviceId, subjectKeyId: null },
      { action: "enrol", actorDeviceId: officer.deviceId, subjectDeviceId: officer.deviceId, subjectKeyId: null },
      { action: "enrol", actorDeviceId: manager.deviceId, subjectDeviceId: manager.deviceId, subjectKeyId: null },
    ]);
    expect(audit.entries[0]!.at).toBe(server.clock.now.toISOString());
    expect(audit.before).toBeNull();
    // The server's own revocation record and the audit agree.
    const [device] = await server.db.query<{ revoked_at: Date }>("SELECT revoked_at FROM devices WHERE id = $1", [
      officer.deviceId,
    ]);
    expect(device!.revoked_at.toISOString()).toBe(audit.entries[0]!.at);

    // Paged: two at a time, each page older than the last, together the whole list.
    const first = await readAudit(manager, "?limit=2");
    expect(first.entries).toEqual(audit.entries.slice(0, 2));
    const second = await readAudit(manager, `?limit=2&before=${first.before}`);
    expect(second.entries).toEqual(audit.entries.slice(2, 4));
    const third = await readAudit(manager, `?limit=2&before=${second.before}`);
    expect(third.entries).toEqual(audit.entries.slice(4, 6));
    expect(third.before).toBeNull();
  });

  it("refuses practitioners, and shows a manager their own team's audit only", async () => {
    const a = await teamFixture(server.app, "Audit Unit B", 1);
    const b = await teamFixture(server.app, "Audit Unit C", 1);
    expect(await a.practitioners[0]!.request({ method: "GET", url: "/api/team/audit" })).toMatchObject({
      status: 403,
      body: { error: "not-allowed" },
    });
    const teamA = new Set([a.manager.deviceId, a.practitioners[0]!.deviceId]);
    const seen = await readAudit(a.manager);
    expect(seen.entries.length).toBeGreaterThan(0);
    for (const entry of seen.entries) expect(teamA.has(entry.actorDeviceId)).toBe(true);
    expect(seen.entries.some((entry) => entry.actorDeviceId === b.manager.deviceId)).toBe(false);
  });

  it("only ever adds rows: later approvals and revocations leave every earlier row as it was", async () => {
    const { manager, practitioners } = await teamFixture(server.app, "Audit Unit D", 2);
    const [first, second] = practitioners as [TestDevice, TestDevice];
    const revoke = (device: TestDevice) =>
      manager.request({ method: "POST", url: `/api/devices/${device.deviceId}/revoke` });
    expect((await revoke(first)).status).toBe(200);
    const before = await allRows(server.db);

    // A refused second revocation, and refused self-removal, record nothing.
    expect(await revoke(first)).toMatchObject({ status: 409 });
    expect(await revoke(manager)).toMatchObject({ status: 400, body: { error: "cannot-revoke-self" } });
    expect(await allRows(server.db)).toEqual(before);

    // More approvals and a second revocation: new rows after the old ones, the old ones untouched.
    const third = await approvedDevice(server.app, manager);
    expect((await revoke(second)).status).toBe(200);
    const after = await allRows(server.db);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((row) => [row.action, row.subject_device_id])).toEqual([
      ["enrol", third.deviceId],
      ["approve", third.deviceId],
      ["revoke", second.deviceId],
    ]);
  });

  it("the database refuses to change, delete or empty the audit", async () => {
    await teamFixture(server.app, "Audit Unit E", 0);
    const before = await allRows(server.db);
    expect(before.length).toBeGreaterThan(0);
    await expect(server.db.query("UPDATE team_audit SET action = 'approve' WHERE action = 'enrol'")).rejects.toThrow(
      /append-only/,
    );
    await expect(server.db.query("DELETE FROM team_audit")).rejects.toThrow(/append-only/);
    await expect(server.db.query("TRUNCATE team_audit")).rejects.toThrow(/append-only/);
    await expect(
      server.db.query(
        "INSERT INTO team_audit (team_id, at, action, actor_device_id) SELECT team_id, now(), 'rename', id FROM devices LIMIT 1",
      ),
    ).rejects.toThrow(/check/i);
    expect(await allRows(server.db)).toEqual(before);
  });
});
