// Browser side of the restore60MbSeconds figure of `npm run bench`: bundled by
// figures/90-restore-60mb.mjs and loaded on the built app's origin. Makes a ~60 MB backup of 8,000
// cases with assessments and packs (large-caseload.ts) with the app's own storage code and the real
// PBKDF2 cost, then times, on the same file: reading it (File.text + JSON.parse, the floor any
// restore pays) and restoring it into a fresh profile (importBackup: read, decrypt, check, compare,
// re-encrypt and write). Nothing here ships.
import { buildBackupPayload, encryptEnvelope } from "../../src/storage/backup-file";
import { importBackup } from "../../src/storage/backup-import";
import { openDatabase } from "../../src/storage/db";
import { Vault } from "../../src/storage/vault";
import { largeCaseload } from "./large-caseload";

export interface RestoreBenchResult {
  fileMegabytes: number;
  cases: number;
  readSeconds: number;
  restoreSeconds: number;
}

async function benchRestore(options: { count: number; passphrase: string }): Promise<RestoreBenchResult> {
  const records = largeCaseload(options.count);
  const payload = await buildBackupPayload("backup", records, new Date());
  const envelope = await encryptEnvelope(JSON.stringify(payload), options.passphrase, "backup");
  const file = new File([JSON.stringify(envelope, null, 2)], "backup.json", { type: "application/json" });

  let started = performance.now();
  const parsed = JSON.parse(await file.text()) as { ciphertext: string };
  const readSeconds = (performance.now() - started) / 1000;
  if (parsed.ciphertext.length === 0) throw new Error("empty ciphertext");

  const vault = new Vault({ db: openDatabase() });
  const { profileId } = await vault.createProfile("Bench restore", options.passphrase);
  const session = await vault.unlock(profileId, options.passphrase);
  started = performance.now();
  const result = await importBackup(session, file, options.passphrase, { expectedKind: "backup" });
  const restoreSeconds = (performance.now() - started) / 1000;
  if (result.summary.cases.added !== options.count) {
    throw new Error(`restored ${result.summary.cases.added} of ${options.count} cases`);
  }
  await session.lock();
  vault.db.close();
  return { fileMegabytes: file.size / 1e6, cases: result.summary.cases.added, readSeconds, restoreSeconds };
}

(globalThis as unknown as { benchRestore: typeof benchRestore }).benchRestore = benchRestore;
