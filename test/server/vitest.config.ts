// The team server's tests: `npm run test:server`. Every file runs twice, once per engine the server
// supports: embedded PGlite, and a real PostgreSQL (a throwaway cluster that global-setup-postgres.ts
// starts, or PG_TEST_URL). The main run (vite.config.ts) excludes test/server/**.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const shared = {
  environment: "node" as const,
  include: ["test/server/**/*.test.ts"],
  globals: true,
  // A time limit, not a budget: the property test opens and reopens databases on a busy two-core machine.
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  root,
  test: {
    projects: [
      { test: { ...shared, name: "server-pglite", env: { TEST_DATABASE: "pglite" } } },
      {
        test: {
          ...shared,
          name: "server-postgresql",
          env: { TEST_DATABASE: "postgresql" },
          globalSetup: ["test/server/support/global-setup-postgres.ts"],
        },
      },
    ],
  },
});
