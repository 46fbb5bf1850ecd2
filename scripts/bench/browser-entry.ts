// Browser side of `npm run bench`: bundled by scripts/bench/shared/vault-page.mjs with esbuild and loaded
// in headless Chromium on the built app's origin. Measures, interleaved so drift and GC hit all three alike:
//   - plain IndexedDB puts of a ~2 KB draft object (the baseline),
//   - raw AES-GCM encrypt + put of the same JSON (diagnostic: the floor for an encrypted write),
//   - the real autosave path, `session.saveAssessmentDraft(...)` from src/storage/vault.ts,
// and the real unlock (PBKDF2 at the vault's default cost, 3,000,000 iterations).
import { recordAad, seal } from "../../src/storage/crypto";
import { openDatabase } from "../../src/storage/db";
import { Vault } from "../../src/storage/vault";

export interface BenchOptions {
  writes: number;
  warmup: number;
  unlocks: number;
}

export interface BenchResult {
  draftJsonBytes: number;
  /** True when the page is cross-origin isolated, so performance.now() is precise to ~5 µs rather than 100 µs. */
  crossOriginIsolated: boolean;
  /** PBKDF2 iterations stored with the benchmark profile (the vault's default cost). */
  iterations: number;
  createProfileMs: number;
  unlockMs: number[];
  plainPutMs: number[];
  rawEncryptedPutMs: number[];
  autosaveMs: number[];
  /** Diagnostics for the autosave path: the vault's seal() alone, and its write's shape on raw IndexedDB (get + 2 puts, 2 stores). */
  sealOnlyMs: number[];
  twoStoreWriteMs: number[];
}

const DASH_IDS = [
  "dash.injury",
  "dash.very-frightened",
  "dash.afraid-of-harm",
  "dash.isolated",
  "dash.depressed-suicidal",
  "dash.separation",
  "dash.child-contact-conflict",
  "dash.stalking",
  "dash.pregnancy",
  "dash.more-often",
  "dash.getting-worse",
  "dash.controlling-jealous",
  "dash.weapons",
  "dash.threats-to-kill",
  "dash.strangulation",
  "dash.sexual-abuse",
  "dash.other-threatening-person",
  "dash.hurt-others",
  "dash.animal-cruelty",
  "dash.financial",
  "dash.perp-substance-mental-health",
  "dash.perp-suicide",
  "dash.breach",
  "dash.criminal-history",
];

/** A plausible in-progress DASH draft: answers, per-question notes and a free-text summary, ~2 KB of JSON. */
function makeDraft(revision: number): Record<string, unknown> {
  const answers: Record<string, { answer: string; note: string }> = {};
  DASH_IDS.forEach((id, index) => {
    answers[id] = {
      answer: ["yes", "no", "not-known"][index % 3]!,
      note: index % 4 === 0 ? "Disclosed during the home visit; see the chronology." : "",
    };
  });
  return {
    revision,
    assessmentDate: "2026-11-23",
    practitionerRole: "idva",
    answers,
    summary: "Victim reports escalation over the last month since separation. ".repeat(4),
    currentQuestion: DASH_IDS[revision % DASH_IDS.length],
  };
}

function now(): number {
  return performance.now();
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = now();
  await work();
  return now() - start;
}

function openPlainDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("bench-plain", 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("drafts", { keyPath: "id" });
      request.result.createObjectStore("sealed", { keyPath: "id" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** One put in its own readwrite transaction, resolved on transaction complete. */
function putAndCommit(db: IDBDatabase, store: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, "readwrite");
    tx.objectStore(store).put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

async function runBench(options: BenchOptions): Promise<BenchResult> {
  const encoder = new TextEncoder();
  const draftJsonBytes = encoder.encode(JSON.stringify(makeDraft(0))).byteLength;

  // Real vault, real cost.
  const db = openDatabase();
  const vault = new Vault({ db });
  const passphrase = "bench passphrase 1234";
  let profileId = "";
  const createProfileMs = await timed(async () => {
    profileId = (await vault.createProfile("Bench", passphrase)).profileId;
  });
  const unlockMs: number[] = [];
  let session = await vault.unlock(profileId, passphrase); // untimed: first run warms up Web Crypto
  for (let i = 0; i < options.unlocks; i++) {
    await session.lock();
    unlockMs.push(
      await timed(async () => {
        session = await vault.unlock(profileId, passphrase);
      }),
    );
  }
  const iterations = (await db.profiles.get(profileId))?.kdf.iterations ?? Number.NaN;
  const savedCase = await session.saveCase({ details: { name: "Bench Case", dateOfBirth: "1990-01-01" } });
  const draftId = crypto.randomUUID();
  const saveDraft = (revision: number) =>
    session.saveAssessmentDraft({
      id: draftId,
      caseId: savedCase.id,
      questionSetId: "dash-ric",
      questionSetVersion: "2009",
      policyName: "default",
      policyVersion: "1",
      content: makeDraft(revision),
    });

  // Plain IndexedDB and raw encrypt+put on the same origin.
  const plainDb = await openPlainDb();
  const rawKey = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const plainPut = (revision: number) => putAndCommit(plainDb, "drafts", { id: "draft-1", ...makeDraft(revision) });
  const rawEncryptedPut = async (revision: number) => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv },
      rawKey,
      encoder.encode(JSON.stringify(makeDraft(revision))),
    );
    await putAndCommit(plainDb, "sealed", { id: "draft-1", iv, ciphertext });
  };

  // Diagnostics: the pieces of saveAssessmentDraft, using the vault's own seal() and Dexie tables.
  const diagnosticKey = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
  const diagnosticId = crypto.randomUUID();
  const diagnosticAad = recordAad("assessments", profileId, diagnosticId);
  const sealOnly = (revision: number) =>
    seal(diagnosticKey, { content: makeDraft(revision), outcome: null }, diagnosticAad);
  const presealed = await sealOnly(0);
  // The shape of the vault's optimistic draft write on raw IndexedDB, without the vault's work:
  // read a small head row, put the sealed row and the head back, in one transaction over two stores.
  await putAndCommit(plainDb, "sealed", { id: "head", clock: 0 });
  const twoStoreWrite = (revision: number) =>
    new Promise<void>((resolve, reject) => {
      const tx = plainDb.transaction(["drafts", "sealed"], "readwrite");
      const head = tx.objectStore("sealed").get("head");
      head.onsuccess = () => {
        if ((head.result as { clock: number } | undefined) === undefined) tx.abort();
      };
      tx.objectStore("drafts").put({ id: diagnosticId, ver: revision, sealed: presealed });
      tx.objectStore("sealed").put({ id: "head", clock: revision });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
    });

  for (let i = 0; i < options.warmup; i++) {
    await plainPut(i);
    await rawEncryptedPut(i);
    await saveDraft(i);
    await sealOnly(i);
    await twoStoreWrite(i);
  }

  const plainPutMs: number[] = [];
  const rawEncryptedPutMs: number[] = [];
  const autosaveMs: number[] = [];
  const sealOnlyMs: number[] = [];
  const twoStoreWriteMs: number[] = [];
  for (let i = 0; i < options.writes; i++) {
    const revision = options.warmup + i;
    plainPutMs.push(await timed(() => plainPut(revision)));
    rawEncryptedPutMs.push(await timed(() => rawEncryptedPut(revision)));
    autosaveMs.push(await timed(() => saveDraft(revision)));
    sealOnlyMs.push(await timed(() => sealOnly(revision)));
    twoStoreWriteMs.push(await timed(() => twoStoreWrite(revision)));
  }

  await session.lock();
  plainDb.close();
  return {
    draftJsonBytes,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    iterations,
    createProfileMs,
    unlockMs,
    plainPutMs,
    rawEncryptedPutMs,
    autosaveMs,
    sealOnlyMs,
    twoStoreWriteMs,
  };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
