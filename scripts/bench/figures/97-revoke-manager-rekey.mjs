// revokeManagerRekeyMs: a manager removes a deputy manager's device (docs/decisions.md §34) in a team whose
// practitioner has 500 cases — the revocation, a new team key (made, wrapped to the remaining manager's
// device, signed, stored), then every case key wrapped to the old team key replaced by a fresh one wrapped
// to the new team key, in batches of 100, against the team server in its own process (real PostgreSQL
// on loopback, or PGlite without it). Timed until the call returns, once the server holds every new key.
// Baseline: the same figure for a practitioner's device (95-revoke-rekey.mjs) is revokeRekeyMs; here the
// same run's rotations made with no server.
import { progress } from "../shared/helpers.mjs";
import { teamServerSession } from "../shared/team-server.mjs";

const CASES = 500;
const BUDGET_MS = 5000;

export default {
  label: "revoke a manager's device and re-key benchmark",
  keys: { revokeManagerRekeyMs: 0 },
  extraDigits: { managerRekeyCryptoOnlyMs: 0 },
  async measure(ctx) {
    const server = await teamServerSession(ctx);
    const { client } = server;
    progress(`revoke a manager's device: a team of ${CASES} cases, the team key first…`);
    const team = await client.setUpTeam(server.origin, server.adminToken, 1);
    const deputy = await client.enrolFreshManager(team);
    await client.seedCaseKeys(team.practitioners[0], CASES);
    const cryptoOnly = await client.makeRotationsOnly(team.manager, CASES);
    const timed = await client.revokeAndRekey(team.manager, deputy.deviceId);
    if (timed.rotated !== CASES || !timed.teamKeyReplaced) {
      throw new Error(`rotated ${timed.rotated} of ${CASES} case keys, team key replaced: ${timed.teamKeyReplaced}`);
    }
    progress(`  on ${server.database}: ${Math.round(timed.totalMs)} ms`);
    return {
      results: { revokeManagerRekeyMs: timed.totalMs },
      extra: { managerRekeyCryptoOnlyMs: cryptoOnly },
    };
  },
  lines: ({ results, extra, line }) => [
    line("revokeManagerRekeyMs", "ms", {
      baseline: extra.managerRekeyCryptoOnlyMs ?? null,
      baselineName: `managerRekeyCryptoOnlyMs, the same ${CASES} rotations made with no server`,
      budget: `≤ ${BUDGET_MS} ms`,
      over: results.revokeManagerRekeyMs !== null && results.revokeManagerRekeyMs > BUDGET_MS,
    }),
  ],
};
