// globalSetup of the PostgreSQL run: PG_TEST_URL if given, else a throwaway cluster from the installed
// PostgreSQL binaries. Without either the run fails when REQUIRE_POSTGRES=1 (CI sets it: a missing
// PostgreSQL must never pass as a skipped run) and otherwise is skipped with a warning.
import type { TestProject } from "vitest/node";
import { findPostgresBinaries, startPostgresCluster } from "./postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** An administrative connection URL, or "" when no PostgreSQL is available (tests skip). */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (process.env.PG_TEST_URL) {
    project.provide("postgresAdminUrl", process.env.PG_TEST_URL);
    return undefined;
  }
  const binDir = findPostgresBinaries();
  if (!binDir) {
    if (process.env.REQUIRE_POSTGRES === "1") {
      throw new Error(
        "REQUIRE_POSTGRES=1 but no PostgreSQL was found: install postgresql-15 (.ci/run does) or set PG_TEST_URL.",
      );
    }
    console.warn("[server-postgresql] no PostgreSQL installed and no PG_TEST_URL: the PostgreSQL run is skipped.");
    project.provide("postgresAdminUrl", "");
    return undefined;
  }
  const cluster = await startPostgresCluster(binDir);
  project.provide("postgresAdminUrl", cluster.url);
  return () => cluster.stop();
}
