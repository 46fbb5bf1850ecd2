/**
 * Asks the browser not to evict this origin's storage under pressure. Without
 * it, an offline-only vault could be silently cleared by the browser.
 */

export type PersistentStorageResult = "granted" | "denied" | "unsupported";

type StorageManagerLike = Pick<StorageManager, "persist" | "persisted">;

function defaultStorageManager(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

export async function requestPersistentStorage(
  storage: StorageManagerLike | undefined = defaultStorageManager(),
): Promise<PersistentStorageResult> {
  if (!storage || typeof storage.persist !== "function") return "unsupported";
  try {
    // Already persistent: don't prompt again (some browsers show UI for persist()).
    if (typeof storage.persisted === "function" && (await storage.persisted())) return "granted";
    return (await storage.persist()) ? "granted" : "denied";
  } catch {
    return "unsupported";
  }
}

export interface StorageReport {
  /** Whether the browser has promised not to evict this origin's data; null where it cannot say. */
  persisted: boolean | null;
  /** Bytes this origin uses and may use (the browser's estimate; includes the app's own cached files). */
  usageBytes: number | null;
  quotaBytes: number | null;
}

type StorageEstimateLike = Partial<Pick<StorageManager, "persisted" | "estimate">>;

function defaultStorageEstimator(): StorageEstimateLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageEstimateLike } }).navigator?.storage;
}

/**
 * Reads (never requests) the storage status for the About screen: never prompts, never throws.
 */
export async function readStorageReport(
  storage: StorageEstimateLike | undefined = defaultStorageEstimator(),
): Promise<StorageReport> {
  const report: StorageReport = { persisted: null, usageBytes: null, quotaBytes: null };
  if (!storage) return report;
  try {
    if (typeof storage.persisted === "function") report.persisted = await storage.persisted();
  } catch {
    // leave unknown
  }
  try {
    if (typeof storage.estimate === "function") {
      const estimate = await storage.estimate();
      report.usageBytes = typeof estimate.usage === "number" ? estimate.usage : null;
      report.quotaBytes = typeof estimate.quota === "number" ? estimate.quota : null;
    }
  } catch {
    // leave unknown
  }
  return report;
}
