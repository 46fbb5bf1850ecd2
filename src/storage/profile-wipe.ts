/**
 * Wiping a profile's records (VaultSession.wipeVault): every per-profile store, the sync stores
 * included, in one transaction; either the profile goes too, or it stays with an emptied vault that
 * starts a new audit chain and manifest.
 */

import { buildAuditRow } from "./audit";
import { syncTables, type SafeReferralDb } from "./db";
import { ManifestWork, type IntegrityKeys } from "./integrity";

export async function wipeProfileRecords(
  db: SafeReferralDb,
  keys: IntegrityKeys,
  profileId: string,
  options: { keepProfile?: boolean; at: string },
): Promise<void> {
  const profileTables = [db.cases, db.assessments, db.packs, db.audit, db.settings, db.manifest, ...syncTables(db)];
  await db.transaction("rw", [db.profiles, ...profileTables], async () => {
    for (const table of profileTables) {
      await table.where("profileId").equals(profileId).delete();
    }
    if (options.keepProfile) {
      // The emptied vault starts a new chain and manifest.
      const work = new ManifestWork(keys, profileId, undefined);
      await db.audit.add(work.chain(buildAuditRow({ profileId, action: "wipe", at: options.at })));
      await db.manifest.put(work.row());
    } else {
      await db.profiles.delete(profileId);
    }
  });
}
