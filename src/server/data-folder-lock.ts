/**
 * PGlite is one PostgreSQL backend inside this process: two processes opening the same data folder
 * would corrupt it. A lock file holding the owner's process id keeps the folder to one process; a
 * lock left by a process that has died is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE_NAME = "safe-referral-server.lock";

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another process (pid ${ownerPid}). ` +
        "Stop that server first, or run this command while it is running so it goes through it.",
    );
    this.name = "DataFolderInUseError";
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid holding the folder, or null when it is free (no lock, or the holder has died). */
export function dataFolderHolder(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, LOCK_FILE_NAME), "utf8");
  } catch {
    return null;
  }
  const pid = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  return processIsAlive(pid) ? pid : null;
}

/** Takes the folder for this process, or throws DataFolderInUseError. Returns the release function. */
export function lockDataFolder(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const descriptor = openSync(lockPath, "wx", 0o600);
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = dataFolderHolder(dataDir);
      if (holder !== null) throw new DataFolderInUseError(dataDir, holder);
      // A stale lock from a process that died: remove it and try once more.
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataFolderInUseError(dataDir, dataFolderHolder(dataDir) ?? -1);
}
