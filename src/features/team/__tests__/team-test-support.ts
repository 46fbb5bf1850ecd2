// Shared by the team screens' tests: a controller on a FakeTeamApi whose sync runs only when asked
// (no timers, no window events), and whether it believes it is online.
import type { SyncTriggers } from "../../../storage/sync/sync-scheduler";
import type { VaultSession } from "../../../storage/vault-session";
import { FakeTeamApi } from "../../../testing/fake-team-api";
import { unlockedSession } from "../../../testing/test-vault";
import { TeamSyncController } from "../team-sync-controller";

export interface TeamDevice {
  session: VaultSession;
  controller: TeamSyncController;
  online: { value: boolean };
}

export function handDrivenTriggers(online: { value: boolean }): SyncTriggers {
  return { isOnline: () => online.value, on: () => () => undefined, every: () => () => undefined };
}

export async function teamDevice(api: FakeTeamApi, label?: string): Promise<TeamDevice> {
  const session = await unlockedSession(label);
  const online = { value: true };
  const controller = new TeamSyncController(session, {
    fetch: api.fetch,
    triggers: handDrivenTriggers(online),
    onConnectivityChange: () => () => undefined,
  });
  return { session, controller, online };
}
