// @vitest-environment node
// The HTTP transport against the team API's routes and JSON shapes, served here by a small adapter over
// the in-memory FakeTeamServer (sessions by signed challenge, as the real server does).
import { describe, expect, it } from "vitest";
import { fromBase64, toBase64 } from "../../bytes";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import { HttpSyncTransport } from "../http-transport";
import { encodeEnvelopePage, ENVELOPE_PAGE_MEDIA_TYPE } from "../../../domain/team-sync/envelope-page";
import { challengeSigningInput } from "../../../domain/team-sync/signing-input";
import { importSigningPublicKey, verifySignature } from "../signing";
import { SyncEngine } from "../sync-engine";
import { SyncTransportError } from "../transport";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/**
 * The team API's routes over a FakeTeamServer. `sessions` can be cleared to end every session. Pull pages
 * come in bytes to a device that asks for them, as the team server sends them, unless `pagesInBytes` is
 * false (a server before them, which answers JSON whatever is asked).
 */
function fakeApi(server: FakeTeamServer, options: { pagesInBytes: boolean } = { pagesInBytes: true }) {
  let pagesInBytes = 0;
  const sessions = new Map<string, string>();
  const challenges = new Map<string, { deviceId: string; nonce: string }>();
  const requests: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://team.test");
    const method = init?.method ?? "GET";
    requests.push(`${method} ${url.pathname}`);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    try {
      if (method === "POST" && url.pathname === "/api/session/challenge") {
        const challengeId = crypto.randomUUID();
        const nonce = toBase64(crypto.getRandomValues(new Uint8Array(32)));
        challenges.set(challengeId, { deviceId: body.deviceId, nonce });
        return json(201, { challengeId, nonce, expiresAt: new Date(Date.now() + 60_000).toISOString() });
      }
      if (method === "POST" && url.pathname === "/api/session") {
        const challenge = challenges.get(body.challengeId);
        challenges.delete(body.challengeId);
        const device = challenge && server.devices.get(challenge.deviceId);
        if (!challenge || !device) return json(400, { error: "unknown-challenge", message: "Start again." });
        if (device.status === "revoked") return json(403, { error: "device-revoked", message: "Removed." });
        const key = await importSigningPublicKey(fromBase64(device.ecdsaPublicKey));
        const signed = challengeSigningInput(body.challengeId, fromBase64(challenge.nonce));
        if (!(await verifySignature(key, fromBase64(body.signature), signed))) {
          return json(401, { error: "bad-signature", message: "Not this device's key." });
        }
        const token = toBase64(crypto.getRandomValues(new Uint8Array(32)));
        sessions.set(token, device.deviceId);
        return json(201, { token, expiresAt: new Date(Date.now() + 900_000).toISOString() });
      }
      const deviceId = sessions.get((new Headers(init?.headers).get("authorization") ?? "").replace(/^Bearer /, ""));
      if (!deviceId) return json(401, { error: "not-signed-in", message: "Sign in again." });
      if (method === "POST" && url.pathname === "/api/envelopes") {
        const outcome = await server.push(deviceId, body);
        if (outcome.status === "conflict") {
          return json(409, {
            error: "version-conflict",
            message: "Changed elsewhere.",
            currentVersion: outcome.currentVersion,
          });
        }
        const { status: _status, ...result } = outcome;
        return json(result.duplicate ? 200 : 201, result);
      }
      if (method === "GET" && url.pathname === "/api/envelopes") {
        const page = server.pull(
          deviceId,
          Number(url.searchParams.get("after")),
          Number(url.searchParams.get("limit")),
        );
        const accept = new Headers(init?.headers).get("accept") ?? "";
        if (options.pagesInBytes && accept.includes(ENVELOPE_PAGE_MEDIA_TYPE)) {
          pagesInBytes += 1;
          const bytes = encodeEnvelopePage({ latestRotation: 0, ...page }, fromBase64);
          return new Response(bytes, { status: 200, headers: { "content-type": ENVELOPE_PAGE_MEDIA_TYPE } });
        }
        return json(200, {
          ...page,
          envelopes: page.envelopes.map((envelope) => ({ ...envelope, size: 0, createdAt: new Date().toISOString() })),
        });
      }
      const keyPath = /^\/api\/keys\/([0-9a-f-]+)$/.exec(url.pathname);
      if (method === "PUT" && keyPath) {
        server.putCaseKey(deviceId, keyPath[1]!, body.wraps);
        return json(200, { stored: body.wraps.length });
      }
      if (method === "GET" && url.pathname === "/api/devices") {
        return json(200, { devices: server.listDevices(deviceId).map((device) => ({ ...device, fingerprint: "x" })) });
      }
      if (method === "GET" && url.pathname === "/api/team/manager-key")
        return json(200, server.getManagerKey(deviceId));
      return json(404, { error: "not-found", message: "No such route." });
    } catch (error) {
      if (error instanceof SyncTransportError) {
        return json(error.status ?? 400, { error: error.code ?? "refused", message: error.message });
      }
      throw error;
    }
  };
  return { fetch, sessions, requests, pagesInBytes: () => pagesInBytes };
}

async function overHttp(device: TestSyncDevice, api: ReturnType<typeof fakeApi>): Promise<SyncEngine> {
  device.teamSync.stopSync();
  const transport = new HttpSyncTransport({
    deviceId: device.deviceId,
    signChallenge: (challengeId, nonce) => device.teamSync.signChallenge(challengeId, nonce),
    baseUrl: "http://team.test",
    fetch: api.fetch,
  });
  return device.teamSync.startSync(transport);
}

async function team(options?: { pagesInBytes: boolean }) {
  const server = new FakeTeamServer();
  const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
  const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
  const api = fakeApi(server, options);
  return { server, api, manager: await overHttp(manager, api), officer: await overHttp(officer, api) };
}

describe("HTTP transport", () => {
  it("signs in with a signed challenge and carries a case to the manager through the API's routes", async () => {
    const { api, manager, officer } = await team();
    const caseId = crypto.randomUUID();
    await officer.recordChange({ recordId: caseId, caseId, kind: "case", body: { a: 1 } });
    expect((await officer.syncNow()).problem).toBeNull();
    expect((await manager.syncNow()).records.map((record) => record.document.body)).toEqual([{ a: 1 }]);
    expect(api.requests).toEqual(
      expect.arrayContaining([
        "POST /api/session/challenge",
        "POST /api/session",
        "GET /api/envelopes",
        "GET /api/team/manager-key",
        `PUT /api/keys/${(await officer.listRecords())[0]!.keyId}`,
        "POST /api/envelopes",
        "GET /api/devices",
      ]),
    );
  });

  it("pulls pages in bytes from a server that sends them, and JSON pages from one that does not", async () => {
    for (const pagesInBytes of [true, false]) {
      const { api, manager, officer } = await team({ pagesInBytes });
      const caseId = crypto.randomUUID();
      await officer.recordChange({ recordId: caseId, caseId, kind: "case", body: { bytes: pagesInBytes } });
      await officer.recordChange({ recordId: caseId, caseId, kind: "case", body: { bytes: pagesInBytes, v: 2 } });
      expect((await officer.syncNow()).problem).toBeNull();
      const report = await manager.syncNow();
      expect(report.problem).toBeNull();
      expect(report.records.map((record) => record.document.body)).toEqual([{ bytes: pagesInBytes, v: 2 }]);
      expect(api.pagesInBytes() > 0).toBe(pagesInBytes);
    }
  });

  it("refuses a page in bytes that cannot be read, as an answer not as expected", async () => {
    let call = 0;
    const fetch = async () => {
      call += 1;
      if (call === 1) return json(201, { challengeId: crypto.randomUUID(), nonce: "AAAA" });
      if (call === 2) return json(201, { token: "t" });
      const cut = encodeEnvelopePage(
        {
          envelopes: [
            {
              seq: 1,
              recordId: crypto.randomUUID(),
              keyId: crypto.randomUUID(),
              version: 1,
              authorDeviceId: crypto.randomUUID(),
              ciphertext: "AAAA",
              signature: "AAAA",
              wrappedKey: "AAAA",
              wrappedTo: "device",
            },
          ],
          cursor: 1,
          more: false,
          latestRotation: 0,
        },
        fromBase64,
      ).slice(0, -1);
      return new Response(cut, { status: 200, headers: { "content-type": ENVELOPE_PAGE_MEDIA_TYPE } });
    };
    const transport = new HttpSyncTransport({ deviceId: crypto.randomUUID(), signChallenge: async () => "", fetch });
    await expect(transport.pull(0, 10)).rejects.toMatchObject({ failure: "unavailable" });
  });

  it("signs in again once when the session has ended", async () => {
    const { api, officer } = await team();
    await officer.syncNow();
    api.sessions.clear();
    const before = api.requests.filter((request) => request === "POST /api/session").length;
    expect((await officer.syncNow()).problem).toBeNull();
    expect(api.requests.filter((request) => request === "POST /api/session").length).toBe(before + 1);
  });

  it("turns a 409 version conflict into a kept conflict", async () => {
    const { manager, officer } = await team();
    const caseId = crypto.randomUUID();
    await officer.recordChange({ recordId: caseId, caseId, kind: "case", body: { v: 0 } });
    await officer.syncNow();
    await manager.syncNow();
    await manager.recordChange({ recordId: caseId, caseId, kind: "case", body: { v: "manager" } });
    await manager.syncNow();
    await officer.recordChange({ recordId: caseId, caseId, kind: "case", body: { v: "officer" } });
    // Pushed first against the stale base (409), then the pull keeps both.
    const report = await officer.syncNow();
    expect(report.conflicts.map((copy) => copy.mine.body)).toEqual([{ v: "officer" }]);
  });

  it("says offline, unavailable, signed out or refused, by what the server answered", async () => {
    const transport = (answer: () => Promise<Response>) =>
      new HttpSyncTransport({ deviceId: crypto.randomUUID(), signChallenge: async () => "", fetch: answer });
    const failure = async (answer: () => Promise<Response>) => {
      const error = await transport(answer)
        .listDevices()
        .catch((caught: unknown) => caught);
      return [(error as SyncTransportError).failure, (error as SyncTransportError).code];
    };
    expect(await failure(() => Promise.reject(new TypeError("Failed to fetch")))).toEqual(["offline", null]);
    expect(await failure(async () => json(503, { error: "server-error", message: "Later" }))).toEqual([
      "unavailable",
      "server-error",
    ]);
    expect(await failure(async () => json(403, { error: "device-revoked", message: "Removed" }))).toEqual([
      "signed-out",
      "device-revoked",
    ]);
    expect(await failure(async () => json(400, { error: "invalid-request", message: "No" }))).toEqual([
      "refused",
      "invalid-request",
    ]);
    expect(await failure(async () => new Response("<html>", { status: 200 }))).toEqual(["unavailable", null]);
  });

  it("refuses an answer that is not in the API's shape", async () => {
    let call = 0;
    const fetch = async () => {
      call += 1;
      if (call === 1) return json(201, { challengeId: crypto.randomUUID(), nonce: "AAAA" });
      if (call === 2) return json(201, { token: "t" });
      return json(200, { envelopes: [{ seq: "one" }], cursor: 1, more: false });
    };
    const transport = new HttpSyncTransport({ deviceId: crypto.randomUUID(), signChallenge: async () => "", fetch });
    await expect(transport.pull(0, 10)).rejects.toMatchObject({ failure: "unavailable" });
  });
});
