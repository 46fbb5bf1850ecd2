// revokeRekeyMs: a manager removes a practitioner's device that could read 500 cases — the revocation,
// then every case key it could read replaced by a fresh one, signed, wrapped to the team manager key and
// stored by the team server (its own process, real PostgreSQL on loopback, or PGlite without it), in
// batches of 100, one transaction each; timed until the call returns, which it does only once the server
// holds every new key (src/storage/sync/key-rotation.ts, as the Team screen runs it). Baselines from the
// same run: making the same 500 rotations with no server (rekeyCryptoOnlyMs), and the bare revocation.
import { progress } from "../shared/helpers.mjs";
import { teamServerSession } from "../shared/team-server.mjs";

const CASES = 500;
const BUDGET_MS = 5000;

export default {
  label: "revoke and re-key benchmark",
  keys: { revokeRekeyMs: 0 },
  extraDigits: { rekeyCryptoOnlyMs: 0, revokeOnlyMs: 1 },
  async measure(ctx) {
    const server = await teamServerSession(ctx);
    const { client } = server;
    progress(`revoke and re-key: a practitioner's device that can read ${CASES} cases…`);
    const team = await client.setUpTeam(server.origin, server.adminToken, 1);
    const leaver = team.practitioners[0];
    await client.seedCaseKeys(leaver, CASES);
    const cryptoOnly = await client.makeRotationsOnly(team.manager, CASES);
    const timed = await client.revokeAndRekey(team.manager, leaver.deviceId);
    if (timed.rotated !== CASES) throw new Error(`rotated ${timed.rotated} of ${CASES} case keys`);
    progress(`  on ${server.database}: ${Math.round(timed.totalMs)} ms`);
    return {
      results: { revokeRekeyMs: timed.totalMs },
      extra: { rekeyCryptoOnlyMs: cryptoOnly, revokeOnlyMs: timed.revokeMs },
    };
  },
  lines: ({ results, extra, line }) => [
    line("revokeRekeyMs", "ms", {
      baseline: extra.rekeyCryptoOnlyMs ?? null,
      baselineName: `rekeyCryptoOnlyMs, the same ${CASES} rotations made with no server`,
      budget: `≤ ${BUDGET_MS} ms`,
      over: results.revokeRekeyMs !== null && results.revokeRekeyMs > BUDGET_MS,
    }),
    `  revokeOnlyMs (the revocation alone, inside the figure): ${extra.revokeOnlyMs ?? "n/a"} ms`,
  ],
};
