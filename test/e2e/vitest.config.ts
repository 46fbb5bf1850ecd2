// Separate Vitest config for the browser end-to-end tests: `npm run test:e2e`.
// The main run (vite.config.ts) excludes test/e2e/**.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default defineConfig({
  root,
  test: {
    name: "e2e",
    environment: "node",
    include: ["test/e2e/**/*.e2e.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // 2 cores: one browser at a time.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
