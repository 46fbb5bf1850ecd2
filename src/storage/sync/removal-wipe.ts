/**
 * What a device removed from its team by a manager deletes on its next contact (issue 17 item 3,
 * docs/decisions.md §26): every case the team holds in full — some version of it is on the team server,
 * received from another device or sent from here and accepted — with its assessments, packs and review
 * notes, the sync rows, and the device's own private keys, in one transaction with the audit entries.
 *
 * A case with a change the team never received (waiting in the outbox, or this device's side of a
 * "changed on another device") is kept whole: this device may hold the only copy of a victim's latest
 * assessment, so the practitioner is told to send it to their manager and delete it. Cases the team
 * never had (made before joining and never accepted, or imported from a file) are not the team's and
 * stay too.
 *
 * One transaction, so a crash half way leaves everything as it was: the device row still says the
 * removal has not been wiped, and the next unlock runs it again (TeamSync.resumeRemoval).
 */

import { buildAuditRow } from "../audit";
import { updateIndex } from "../clear-metadata";
import { syncTables } from "../db";
import { reviewSettingKey } from "../review-notes";
import type { SessionContext } from "../session-context";
import type { RemovalWipeResult, StoredDevice, SyncStore } from "./sync-store";

/** Which cases go and which stay, from the sync rows (read before the transaction: outbox rows are sealed). */
export interface RemovalWipePlan {
  /** Cases of the vault the team holds in full: deleted. */
  wipe: string[];
  /** Cases of the vault that stay. */
  keep: string[];
  /** The outbox and vault as planned: if either changes before the transaction, the plan is made again. */
  outboxIds: string[];
  vaultCaseIds: string[];
}

/** Vault changed between the plan and the transaction (e.g. a save landing): plan again. */
class PlanChangedError extends Error {}

const ATTEMPTS = 5;

export async function planRemovalWipe(context: SessionContext, store: SyncStore): Promise<RemovalWipePlan> {
  const { db, profileId } = context;
  const [teamRows, outbox, conflictRows, vaultCaseKeys] = await Promise.all([
    db.syncRecords.where("profileId").equals(profileId).toArray(),
    store.listOutbox(),
    db.syncConflicts.where("profileId").equals(profileId).toArray(),
    db.cases.where("profileId").equals(profileId).primaryKeys(),
  ]);
  const heldByTeam = new Set(teamRows.map((row) => row.caseId));
  // The outbox's case id is sealed (a new record has no team row yet): opened above, before any transaction.
  const unsent = new Set([...outbox.map((entry) => entry.document.caseId), ...conflictRows.map((row) => row.caseId)]);
  const vaultCaseIds = (vaultCaseKeys as unknown as [string, string][]).map(([, caseId]) => caseId).sort();
  const wipe = vaultCaseIds.filter((caseId) => heldByTeam.has(caseId) && !unsent.has(caseId));
  const keep = vaultCaseIds.filter((caseId) => !wipe.includes(caseId));
  return { wipe, keep, outboxIds: outbox.map((entry) => entry.id).sort(), vaultCaseIds };
}

/**
 * Deletes the team's cases from this device (see the file's comment) and every sync row but the device
 * row, which `removedDevice` replaces: the device marked removed, its private keys gone, the result kept.
 * Call with sync stopped. Retries (planning again) if the vault changes meanwhile.
 */
export async function wipeRemovedDevice(
  context: SessionContext,
  store: SyncStore,
  removedDevice: (result: RemovalWipeResult) => StoredDevice,
): Promise<RemovalWipeResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await wipeOnce(context, store, removedDevice);
    } catch (error) {
      if (!(error instanceof PlanChangedError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function wipeOnce(
  context: SessionContext,
  store: SyncStore,
  removedDevice: (result: RemovalWipeResult) => StoredDevice,
): Promise<RemovalWipeResult> {
  const { db, profileId } = context;
  const plan = await planRemovalWipe(context, store);
  const at = context.nowIso();
  const result: RemovalWipeResult = { removedCases: plan.wipe.length, keptCases: plan.keep.length, at };
  // Sealed before the transaction (crypto cannot run inside one).
  const deviceRow = await store.deviceRow(removedDevice(result));
  const reviewKeys = await Promise.all(plan.wipe.map((caseId) => reviewSettingKey(caseId)));
  const wiped = new Set(plan.wipe);
  await updateIndex(
    context,
    (index) => {
      // The sealed flags of a deleted case would outlive it in the index.
      for (const caseId of wiped) delete index.sealedFlags[caseId];
    },
    async () => {
      const [outboxKeys, vaultCaseKeys] = await Promise.all([
        db.syncOutbox.where("profileId").equals(profileId).primaryKeys(),
        db.cases.where("profileId").equals(profileId).primaryKeys(),
      ]);
      const idsOf = (keys: unknown[]) => (keys as [string, string][]).map(([, id]) => id).sort();
      if (
        idsOf(outboxKeys).join() !== plan.outboxIds.join() ||
        idsOf(vaultCaseKeys).join() !== plan.vaultCaseIds.join()
      ) {
        throw new PlanChangedError();
      }
      const manifest = context.manifest();
      const audit = (caseId: string | null, detail: string) =>
        db.audit.add(
          manifest.chain(buildAuditRow({ profileId, action: "delete", caseId, detail, at, actor: "system" })),
        );
      for (const [position, caseId] of plan.wipe.entries()) {
        const key: [string, string] = [profileId, caseId];
        const [existing, assessments, packs, review] = await Promise.all([
          db.cases.get(key),
          db.assessments.where("[profileId+caseId]").equals(key).toArray(),
          db.packs.where("[profileId+caseId]").equals(key).toArray(),
          db.settings.get([profileId, reviewKeys[position]!]),
        ]);
        if (!existing) throw new PlanChangedError();
        // Every record deleted leaves the manifest, so its absence is not mistaken for tampering.
        for (const row of assessments) manifest.remove("assessments", row.id, row);
        for (const row of packs) manifest.remove("packs", row.id, row);
        if (review) manifest.remove("settings", review.key, review);
        manifest.remove("cases", caseId, existing);
        await Promise.all([
          db.assessments.bulkDelete(assessments.map((row): [string, string] => [profileId, row.id])),
          db.packs.bulkDelete(packs.map((row): [string, string] => [profileId, row.id])),
          review ? db.settings.delete([profileId, review.key]) : Promise.resolve(),
          db.cases.delete(key),
        ]);
        // The case id only (a random code): never a name or anything from the case.
        await audit(caseId, "the team's case, removed with this device");
      }
      for (const table of syncTables(db)) {
        if (table !== db.syncDevice) await table.where("profileId").equals(profileId).delete();
      }
      await db.syncDevice.put(deviceRow);
      await audit(null, `removed from the team: ${result.removedCases} team cases deleted, ${result.keptCases} kept`);
    },
    [db.cases, db.assessments, db.packs, db.audit, ...syncTables(db)],
  );
  return result;
}
