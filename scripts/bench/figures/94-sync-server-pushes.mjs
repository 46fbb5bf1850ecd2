// serverPushesPerSecond: pushes the team server (its own process, real PostgreSQL on loopback) accepts
// per second from 50 devices at once — autocannon, 50 connections, every request a new record's signed
// envelope of about 1 KB of ciphertext carrying its own device's session token, every answer a 201.
// Beside it pgInsertsPerSecond: the same rows inserted straight into the envelopes table with
// node-postgres in the same run, 50 connections, one row per transaction (budget: the server reaches at
// least 30% of it).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import pg from "pg";
import { progress } from "../shared/helpers.mjs";
import { NO_POSTGRES, teamServerSession } from "../shared/team-server.mjs";

const DEVICES = 50;
// A manager may issue 20 codes an hour, so the 50 devices are practitioners of four teams.
const DEVICES_PER_TEAM = 13;
const PUSHES_PER_DEVICE = 100;
const WARMUP_PER_DEVICE = 10;
const CIPHERTEXT_BYTES = 1024;
const BUDGET_RATIO = 0.3;

/** Interleaved, so consecutive requests come from different devices. */
function roundRobin(lists, from, to) {
  const out = [];
  for (let index = from; index < to; index += 1) for (const list of lists) out.push(list[index]);
  return out;
}

/**
 * The pushes sent at once; resolves with autocannon's result and the seconds from the first request to
 * the last answer. Not autocannon's own `duration`: it is read at its next one-second sampling tick
 * after the last answer, so 5,000 pushes answered in 3.1 s counted as 4.0 s (a quarter slower), while
 * the baseline beside it is timed to the millisecond.
 */
async function runAutocannon(origin, pushes) {
  let next = 0;
  const started = performance.now();
  let lastAnswer = started;
  const instance = autocannon({
    url: `${origin}/api/envelopes`,
    connections: DEVICES,
    amount: pushes.length,
    requests: [
      {
        method: "POST",
        setupRequest(request) {
          const push = pushes[next++ % pushes.length];
          return {
            ...request,
            path: "/api/envelopes",
            headers: { "content-type": "application/json", authorization: `Bearer ${push.token}` },
            body: push.body,
          };
        },
      },
    ],
  });
  instance.on("response", () => {
    lastAnswer = performance.now();
  });
  const result = await instance;
  return { result, seconds: (lastAnswer - started) / 1000 };
}

async function pgInsertsPerSecond(databaseUrl, rows) {
  const clients = await Promise.all(
    Array.from({ length: DEVICES }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  try {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        while (next < rows.length) {
          const row = rows[next++];
          await client.query(
            `INSERT INTO envelopes (team_id, record_id, key_id, version, author_device_id, ciphertext, signature, size, created_at)
             VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8)`,
            [
              row.teamId,
              randomUUID(),
              row.keyId,
              row.authorDeviceId,
              row.ciphertext,
              row.signature,
              row.ciphertext.length,
              new Date(),
            ],
          );
        }
      }),
    );
    return rows.length / ((performance.now() - started) / 1000);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

export default {
  label: "server push throughput benchmark",
  keys: { serverPushesPerSecond: 0, pgInsertsPerSecond: 0 },
  async measure(ctx) {
    const server = await teamServerSession(ctx);
    if (!server.databaseUrl) throw new Error(NO_POSTGRES);
    const { client, origin } = server;
    progress(`enrolling ${DEVICES} devices; signing ${DEVICES * (PUSHES_PER_DEVICE + WARMUP_PER_DEVICE)} envelopes…`);
    const devices = [];
    while (devices.length < DEVICES) {
      const team = await client.setUpTeam(
        origin,
        server.adminToken,
        Math.min(DEVICES_PER_TEAM, DEVICES - devices.length),
      );
      devices.push(...team.practitioners);
    }
    const perDevice = await client.signedPushes(devices, WARMUP_PER_DEVICE + PUSHES_PER_DEVICE, CIPHERTEXT_BYTES);
    const warmup = roundRobin(perDevice, 0, WARMUP_PER_DEVICE);
    const timed = roundRobin(perDevice, WARMUP_PER_DEVICE, WARMUP_PER_DEVICE + PUSHES_PER_DEVICE);

    progress(
      `measuring ${timed.length} pushes from ${DEVICES} devices at once (autocannon, after ${warmup.length} warm-up)…`,
    );
    await runAutocannon(origin, warmup);
    const { result, seconds } = await runAutocannon(origin, timed);
    const answered = result["2xx"];
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || answered !== timed.length) {
      throw new Error(
        `${answered} of ${timed.length} pushes accepted (${result.non2xx} refused, ${result.errors} errors, ${result.timeouts} timeouts)`,
      );
    }
    const serverPushes = answered / seconds;
    progress(
      `  ${serverPushes.toFixed(0)} pushes/s (${seconds.toFixed(2)} s; autocannon's whole-second duration ${result.duration} s); ` +
        `latency P50 ${result.latency.p50} ms, P97.5 ${result.latency.p97_5} ms, max ${result.latency.max} ms`,
    );

    const rows = timed.map((push, index) => client.envelopeRow(devices[index % DEVICES], push));
    const pgInserts = await pgInsertsPerSecond(server.databaseUrl, rows);
    progress(`  node-postgres, ${DEVICES} connections, one row per transaction: ${pgInserts.toFixed(0)} inserts/s`);
    return { results: { serverPushesPerSecond: serverPushes, pgInsertsPerSecond: pgInserts } };
  },
  lines: ({ results, line }) => [
    line("serverPushesPerSecond", "/s", {
      baseline: results.pgInsertsPerSecond,
      baselineName: "pgInsertsPerSecond",
      budget: `ratio ≥ ${BUDGET_RATIO}`,
      over:
        results.serverPushesPerSecond !== null &&
        results.pgInsertsPerSecond !== null &&
        results.serverPushesPerSecond < BUDGET_RATIO * results.pgInsertsPerSecond,
    }),
    line("pgInsertsPerSecond", "/s"),
  ],
};
