// A team as the tests need it: a server on a fresh database with a movable clock, a first manager with
// the team manager key, and approved practitioners, each signed in.
import type { FastifyInstance } from "fastify";
import { buildTeamServer } from "../../../src/server/app";
import type { Database } from "../../../src/server/database";
import { ADMIN_TOKEN_HEADER } from "../../../src/server/routes-admin";
import { call, TestDevice } from "./test-device";

export const ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmnop";

export interface TestClock {
  now: Date;
  advanceMinutes(minutes: number): void;
}

export function testClock(): TestClock {
  return {
    now: new Date("2026-03-02T09:00:00Z"),
    advanceMinutes(minutes) {
      this.now = new Date(this.now.getTime() + minutes * 60_000);
    },
  };
}

export async function testServer(
  db: Database,
  clock: TestClock = testClock(),
  distDir?: string,
): Promise<FastifyInstance> {
  return buildTeamServer({
    context: { db, now: () => clock.now },
    adminToken: ADMIN_TOKEN,
    ...(distDir === undefined ? {} : { distDir }),
  });
}

export async function adminCall(app: FastifyInstance, url: string, payload: unknown) {
  return call(app, {
    method: "POST",
    url,
    payload: payload as Record<string, unknown>,
    headers: { [ADMIN_TOKEN_HEADER]: ADMIN_TOKEN },
  });
}

export async function createTeam(app: FastifyInstance, name: string): Promise<{ teamId: string; firstCode: string }> {
  const created = await adminCall(app, "/api/admin/teams", { name });
  if (created.status !== 201) throw new Error(`create team ${created.status} ${JSON.stringify(created.body)}`);
  return { teamId: String(created.body.id), firstCode: String(created.body.firstCode) };
}

/** A practitioner (or manager) enrolled with a code from `manager`, approved, and signed in. */
export async function approvedDevice(
  app: FastifyInstance,
  manager: TestDevice,
  role = "practitioner",
): Promise<TestDevice> {
  const code = await manager.issueCode(role);
  if (code.status !== 201) throw new Error(`code ${code.status} ${JSON.stringify(code.body)}`);
  const device = await TestDevice.create(app);
  const enrolled = await device.enrol(code.body.code);
  if (enrolled.status !== 201) throw new Error(`enrol ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  const approved = await manager.approve(device);
  if (approved.status !== 200) throw new Error(`approve ${approved.status} ${JSON.stringify(approved.body)}`);
  await device.signIn();
  await device.loadManagerKey();
  return device;
}

export interface TeamFixture {
  teamId: string;
  manager: TestDevice;
  practitioners: TestDevice[];
}

export async function teamFixture(
  app: FastifyInstance,
  name = "Response Unit A",
  practitioners = 2,
): Promise<TeamFixture> {
  const { teamId, firstCode } = await createTeam(app, name);
  const manager = await TestDevice.create(app);
  const enrolled = await manager.enrol(firstCode);
  if (enrolled.status !== 201) throw new Error(`first manager ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  await manager.signIn();
  const key = await manager.setUpManagerKey();
  if (key.status !== 201) throw new Error(`manager key ${key.status} ${JSON.stringify(key.body)}`);
  const devices: TestDevice[] = [];
  for (let index = 0; index < practitioners; index += 1) devices.push(await approvedDevice(app, manager));
  return { teamId, manager, practitioners: devices };
}

/** Signs every device of the teams in afresh: sessions last 15 minutes, and tests that move the clock
 * must not leave the next one signed out. */
export async function signInEveryone(...teams: TeamFixture[]): Promise<void> {
  for (const team of teams) {
    for (const device of [team.manager, ...team.practitioners]) await device.signIn();
  }
}
