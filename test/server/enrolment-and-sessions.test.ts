// The happy paths of a team's life: the operator's team and first code, the first manager, codes,
// enrolment, approval after comparing fingerprints, signing in, revoking.
import { deviceFingerprint } from "../../src/domain/team-sync/device-fingerprint";
import { adminCall, createTeam } from "./support/team-fixture";
import { serverUnderTest } from "./support/server-under-test";
import { NO_DATABASE } from "./support/test-database";
import { fromB64, TestDevice } from "./support/test-device";

describe.skipIf(NO_DATABASE)("enrolment, approval and sessions", () => {
  const server = serverUnderTest();

  it("answers the health check with the engine and the schema version", async () => {
    const health = await server.app.inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ ok: true, database: server.db.kind, schema: 9 });
    expect(health.headers["cache-control"]).toBe("no-store");
  });

  it("walks a team from the operator's code to a signed-in practitioner", async () => {
    const { teamId, firstCode } = await createTeam(server.app, "Response Unit North");
    expect(firstCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    // The first manager is approved by the operator's code itself.
    const manager = await TestDevice.create(server.app);
    const enrolled = await manager.enrol(firstCode.toLowerCase().replaceAll("-", " "));
    expect(enrolled).toMatchObject({ status: 201, body: { role: "manager", teamId, status: "approved" } });
    expect(enrolled.body.fingerprint).toBe(manager.fingerprint);
    await manager.signIn();
    expect((await manager.setUpManagerKey()).status).toBe(201);

    // A practitioner enrols with a code the manager issued, and waits.
    const code = await manager.issueCode("practitioner");
    expect(code.status).toBe(201);
    const officer = await TestDevice.create(server.app);
    expect(await officer.enrol(code.body.code)).toMatchObject({ status: 201, body: { status: "pending" } });
    expect(await officer.challenge()).toMatchObject({ status: 403, body: { error: "device-not-approved" } });

    // The manager sees it pending, with the fingerprint the officer's own screen shows, made from the
    // keys the server holds.
    const listed = await manager.request<{
      devices: {
        deviceId: string;
        status: string;
        fingerprint: string;
        ecdhPublicKey: string;
        ecdsaPublicKey: string;
      }[];
    }>({
      method: "GET",
      url: "/api/devices",
    });
    const pending = listed.body.devices.find((device) => device.deviceId === officer.deviceId)!;
    expect(pending.status).toBe("pending");
    expect(pending.fingerprint).toBe(officer.fingerprint);
    expect(
      await deviceFingerprint({
        ecdhPublicKey: fromB64(pending.ecdhPublicKey),
        ecdsaPublicKey: fromB64(pending.ecdsaPublicKey),
      }),
    ).toBe(officer.fingerprint);

    expect(await manager.approve(officer)).toMatchObject({ status: 200, body: { status: "approved" } });
    await officer.signIn();
    const seen = await officer.request<{ devices: { deviceId: string }[] }>({ method: "GET", url: "/api/devices" });
    expect(seen.status).toBe(200);
    expect(seen.body.devices.map((device) => device.deviceId).sort()).toEqual(
      [manager.deviceId, officer.deviceId].sort(),
    );

    // A second manager device receives the team manager key when approved, and can open it.
    const deputy = await TestDevice.create(server.app);
    await deputy.enrol((await manager.issueCode("manager")).body.code);
    expect((await manager.approve(deputy)).status).toBe(200);
    await deputy.signIn();
    await deputy.loadManagerKey();
    expect(deputy.managerPrivateKey).not.toBeNull();
    expect(deputy.managerKeyId).toBe(manager.managerKeyId);
  });

  it("ends a session at its expiry and a revoked device's at once", async () => {
    const { firstCode } = await createTeam(server.app, "Response Unit South");
    const manager = await TestDevice.create(server.app);
    await manager.enrol(firstCode);
    await manager.signIn();
    await manager.setUpManagerKey();
    const officer = await TestDevice.create(server.app);
    await officer.enrol((await manager.issueCode("practitioner")).body.code);
    await manager.approve(officer);
    await officer.signIn();
    expect((await officer.request({ method: "GET", url: "/api/devices" })).status).toBe(200);

    server.clock.advanceMinutes(16);
    expect(await officer.request({ method: "GET", url: "/api/devices" })).toMatchObject({
      status: 401,
      body: { error: "not-signed-in" },
    });
    await officer.signIn();
    await manager.signIn();
    expect((await manager.request({ method: "POST", url: `/api/devices/${officer.deviceId}/revoke` })).status).toBe(
      200,
    );
    expect((await officer.request({ method: "GET", url: "/api/devices" })).status).toBe(401);
    expect(await officer.challenge()).toMatchObject({ status: 403, body: { error: "device-revoked" } });
  });

  it("creates areas and links a team to the areas it refers to", async () => {
    await createTeam(server.app, "IDVA Service East");
    const area = await adminCall(server.app, "/api/admin/areas", { name: "MARAC Area 4" });
    expect(area.status).toBe(201);
    const coordinator = await TestDevice.create(server.app);
    expect(await coordinator.enrol(String(area.body.firstCode))).toMatchObject({
      status: 201,
      body: { role: "coordinator", areaId: area.body.id, status: "approved" },
    });
    expect(
      (await adminCall(server.app, "/api/admin/team-areas", { team: "IDVA Service East", area: "MARAC Area 4" }))
        .status,
    ).toBe(200);
    const [link] = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM team_areas");
    expect(link!.n).toBe(1);
  });
});
