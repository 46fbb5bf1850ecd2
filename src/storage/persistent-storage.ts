/**
 * Asks the browser not to evict this origin's storage under pressure. Without
 * it, an offline-only vault could be silently cleared by the browser.
 */

export type PersistentStorageResult = 'granted' | 'denied' | 'unsupported';

type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted'>;

function defaultStorageManager(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

export async function requestPersistentStorage(
  storage: StorageManagerLike | undefined = defaultStorageManager(),
): Promise<PersistentStorageResult> {
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    // Already persistent: don't prompt again (some browsers show UI for persist()).
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}
