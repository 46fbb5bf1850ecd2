import react from "@vitejs/plugin-react";
import { configDefaults, defineConfig } from "vitest/config";

const exclude = [...configDefaults.exclude, "test/e2e/**"];

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    globals: true,
    setupFiles: ["test/setup.ts"],
    // Vitest 4 removed `environmentMatchGlobs`; the environment is chosen per project instead.
    // *.test.ts runs in Node, *.test.tsx in jsdom. A single file can still override its project with a
    // `// @vitest-environment jsdom` comment on its first line.
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude,
        },
      },
      {
        extends: true,
        test: {
          name: "dom",
          environment: "jsdom",
          include: ["src/**/*.test.tsx", "test/**/*.test.tsx"],
          exclude,
        },
      },
    ],
  },
});
