// The pull page in bytes (src/domain/team-sync/envelope-page.ts, decisions §36) is the JSON page, field for
// field: walked in step from the start with both, for a practitioner (own wrappings only) and a manager
// (the team manager key's), in pages of one, three and the most, across a page that ends at its byte
// budget, and past the watermark. Whoever asks without the media type still gets JSON.
import { Buffer } from "node:buffer";
import type { FastifyInstance } from "fastify";
import {
  decodeEnvelopePage,
  ENVELOPE_PAGE_END_BYTES,
  ENVELOPE_PAGE_START_BYTES,
  ENVELOPE_PAGE_MEDIA_TYPE,
  type DecodedEnvelopePage,
} from "../../src/domain/team-sync/envelope-page";
import type { PulledEnvelope } from "../../src/server/envelopes-service";
import { LIMITS } from "../../src/server/server-context";
import { teamFixture, testServer, type TeamFixture } from "./support/team-fixture";
import { NO_DATABASE, openTestDatabase, type TestDatabase } from "./support/test-database";
import { TestDevice } from "./support/test-device";

const toBase64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

async function pullBytes(app: FastifyInstance, device: TestDevice, after: number, limit: number) {
  const response = await app.inject({
    method: "GET",
    url: `/api/envelopes?after=${after}&limit=${limit}`,
    headers: { authorization: `Bearer ${device.token}`, accept: `${ENVELOPE_PAGE_MEDIA_TYPE}, application/json;q=0.5` },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toBe(ENVELOPE_PAGE_MEDIA_TYPE);
  return { page: decodeEnvelopePage(new Uint8Array(response.rawPayload), toBase64), bytes: response.rawPayload.length };
}

/** The JSON page as the bytes carry it: every field the device reads, and nothing else. */
function asDecoded(page: {
  envelopes: PulledEnvelope[];
  cursor: number;
  more: boolean;
  latestRotation?: number;
  latestGrant?: number;
}) {
  const envelopes = page.envelopes.map(
    ({ seq, recordId, keyId, version, authorDeviceId, ciphertext, signature, wrappedKey, wrappedTo }) => ({
      seq,
      recordId,
      keyId,
      version,
      authorDeviceId,
      ciphertext,
      signature,
      wrappedKey,
      wrappedTo,
    }),
  );
  const { cursor, more, latestRotation, latestGrant } = page;
  return { envelopes, cursor, more, latestRotation, latestGrant };
}

describe.skipIf(NO_DATABASE)("the pull page in bytes", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let team: TeamFixture;
  let start: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = await testServer(db);
    team = await teamFixture(app, "Page Bytes Team", 2);
    start = (await team.manager.pullAll()).cursor;
    const [alice, bob] = team.practitioners as [TestDevice, TestDevice];
    const aliceKey = await alice.newCaseKey();
    const bobKey = await bob.newCaseKey();
    // Two authors interleaved (so each practitioner's pages skip the other's), a record with versions,
    // and sizes from a few bytes to several kilobytes.
    const record = crypto.randomUUID();
    let version = 0;
    for (const [index, text] of ["a", "b".repeat(5000), "c".repeat(300), "d", "e".repeat(70_000)].entries()) {
      const aliceEnvelope = await alice.envelope(
        record,
        aliceKey.keyId,
        version,
        await TestDevice.encrypt(aliceKey.key, text),
      );
      expect((await alice.push(aliceEnvelope)).status).toBe(201);
      version += 1;
      const bobEnvelope = await bob.envelope(
        crypto.randomUUID(),
        bobKey.keyId,
        0,
        await TestDevice.encrypt(bobKey.key, `${index}${text}`),
      );
      expect((await bob.push(bobEnvelope)).status).toBe(201);
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it.each([1, 3, LIMITS.pullPageMax])(
    "carries the JSON page's envelopes, cursor and more, in pages of %i",
    async (limit) => {
      for (const device of [team.manager, ...team.practitioners]) {
        let after = start;
        let pages = 0;
        let envelopes = 0;
        for (;;) {
          const json = await device.pull(after, limit);
          const { page } = await pullBytes(app, device, after, limit);
          expect(page).toEqual(asDecoded(json.body as Parameters<typeof asDecoded>[0]));
          envelopes += page.envelopes.length;
          pages += 1;
          after = page.cursor;
          if (!page.more) break;
        }
        // A practitioner reads their own five; the manager all ten.
        expect(envelopes).toBe(device === team.manager ? 10 : 5);
        if (limit === 1) expect(pages).toBeGreaterThanOrEqual(envelopes);
      }
    },
  );

  it("answers past the watermark with an empty page that holds the cursor", async () => {
    const { cursor } = await team.manager.pullAll(start);
    const { page, bytes } = await pullBytes(app, team.manager, cursor + 5, 10);
    expect(bytes).toBe(ENVELOPE_PAGE_START_BYTES + ENVELOPE_PAGE_END_BYTES);
    expect(page).toEqual<DecodedEnvelopePage>({
      envelopes: [],
      cursor: cursor + 5,
      more: false,
      latestRotation: expect.any(Number) as number,
      latestGrant: expect.any(Number) as number,
    });
  });

  it("ends a page at its byte budget as the JSON page does", async () => {
    const author = team.practitioners[0]!;
    const { keyId, key } = await author.newCaseKey();
    const from = (await team.manager.pullAll()).cursor;
    const budget = LIMITS.pullPageBytes;
    for (const size of [(budget * 5) / 8, (budget * 5) / 8, 100]) {
      const envelope = await author.envelope(
        crypto.randomUUID(),
        keyId,
        0,
        await TestDevice.encrypt(key, "x".repeat(size)),
      );
      expect((await author.push(envelope)).status).toBe(201);
    }
    const json = await team.manager.pull(from, LIMITS.pullPageMax);
    const { page } = await pullBytes(app, team.manager, from, LIMITS.pullPageMax);
    expect(page.envelopes).toHaveLength(2);
    expect(page).toEqual(asDecoded(json.body as Parameters<typeof asDecoded>[0]));
    expect(page.more).toBe(true);
  });

  it("answers JSON to a request that does not name the media type", async () => {
    // The layout before this one's type too: an app not yet updated reads JSON, never a layout it cannot.
    const layoutOne = "application/x-safe-referral-envelope-page, application/json;q=0.5";
    for (const accept of [undefined, "application/json", "*/*", layoutOne]) {
      const response = await app.inject({
        method: "GET",
        url: `/api/envelopes?after=${start}&limit=2`,
        headers: { authorization: `Bearer ${team.manager.token}`, ...(accept ? { accept } : {}) },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(response.body)).toMatchObject({ more: true });
    }
  });

  it("refuses a device with no session in JSON, whatever it asked for", async () => {
    const response = await app.inject({
      method: "GET",
      url: `/api/envelopes?after=0&limit=2`,
      headers: { accept: ENVELOPE_PAGE_MEDIA_TYPE },
    });
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ error: expect.any(String) as string });
  });
});
