// Browser side of `npm run bench`: bundled by scripts/bench/shared/vault-page.mjs with esbuild and loaded
// in headless Chromium on the built app's origin. Measures, interleaved so drift and GC hit all three alike:
//   - plain IndexedDB puts of a ~2 KB draft object (the baseline),
//   - raw AES-GCM encrypt + put of the same JSON (diagnostic: the floor for an encrypted write),
//   - the real autosave path as the assessment screen drives it: `session.prepareAssessmentDraft(...)`
//     when the draft changes (seals it in the background, untimed), then the debounced
//     `session.saveAssessmentDraft(...)` of that content (timed), from src/storage/vault-session.ts,
//   - (diagnostic) the same save of content that was never prepared, so it seals as it saves,
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
  /** The debounced save of a draft prepared when it changed (what the assessment screen does). */
  autosaveMs: number[];
  /** Diagnostic: a save of content that was not prepared (it seals, then writes). */
  autosaveUnpreparedMs: number[];
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
  const draftInput = (content: Record<string, unknown>) => ({
    id: draftId,
    caseId: savedCase.id,
    questionSetId: "dash-ric",
    questionSetVersion: "2009",
    policyName: "default",
    policyVersion: "1",
    content,
  });
  // As the screen does it: on each change the new draft is prepared (sealed in the background) and
  // scheduled; the debounced save then writes that same object.
  let changed = draftInput(makeDraft(0));
  const changeDraft = (revision: number) => {
    changed = draftInput(makeDraft(revision));
    session.prepareAssessmentDraft(changed);
  };
  const saveDraft = () => session.saveAssessmentDraft(changed);
  // A change the screen did not prepare (negative revisions, so its content differs from any prepared one).
  const saveUnpreparedDraft = (revision: number) => session.saveAssessmentDraft(draftInput(makeDraft(-revision)));

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

  // Each round starts with the change, so its background seal overlaps the diagnostics (seal() alone
  // then runs beside it, and reads higher than on its own), not the baseline put or the saves.
  for (let i = 0; i < options.warmup; i++) {
    changeDraft(i);
    await sealOnly(i);
    await twoStoreWrite(i);
    await plainPut(i);
    await rawEncryptedPut(i);
    await saveDraft();
    await saveUnpreparedDraft(i);
  }

  const plainPutMs: number[] = [];
  const rawEncryptedPutMs: number[] = [];
  const autosaveMs: number[] = [];
  const autosaveUnpreparedMs: number[] = [];
  const sealOnlyMs: number[] = [];
  const twoStoreWriteMs: number[] = [];
  for (let i = 0; i < options.writes; i++) {
    const revision = options.warmup + i;
    changeDraft(revision);
    sealOnlyMs.push(await timed(() => sealOnly(revision)));
    twoStoreWriteMs.push(await timed(() => twoStoreWrite(revision)));
    plainPutMs.push(await timed(() => plainPut(revision)));
    rawEncryptedPutMs.push(await timed(() => rawEncryptedPut(revision)));
    autosaveMs.push(await timed(saveDraft));
    autosaveUnpreparedMs.push(await timed(() => saveUnpreparedDraft(revision)));
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
    autosaveUnpreparedMs,
    sealOnlyMs,
    twoStoreWriteMs,
  };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
