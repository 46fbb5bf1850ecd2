// ESLint flat config. Not type-aware on purpose: lint stays fast, `tsc --noEmit` does the type checking.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { importBoundaries } from "./eslint/import-boundaries.js";
import { importCycles } from "./eslint/import-cycles.js";

const local = {
  meta: { name: "safe-referral-local" },
  rules: { "import-boundaries": importBoundaries, "import-cycles": importCycles },
};

const SOURCE = "src/**/*.{ts,tsx,js,jsx,mjs}";
const TESTS = ["src/**/*.test.{ts,tsx}", "src/**/__tests__/**/*.{ts,tsx}"];
const DOMAIN_TESTS = ["src/domain/**/*.test.{ts,tsx}", "src/domain/**/__tests__/**/*.{ts,tsx}"];

// Who may import whom under src/ (see eslint/import-boundaries.js for the option meanings).
// Relative imports are resolved by path, so the policy also holds for files that do not exist yet.
const layers = {
  // Pure rules: nothing from the rest of src, no React / Dexie / DOM packages — only zod.
  domain: { mayImport: ["self"], packages: ["zod"] },
  storage: { mayImport: ["self", "domain"] },
  ui: { mayImport: ["self", "domain"] },
  // isolated: src/features/<x>/** may import src/features/<x>/** only — never another feature.
  features: { mayImport: ["self", "domain", "storage", "ui"], isolated: true },
  // The browser app may import every layer but the team server: the server never enters the bundle.
  app: { mayImport: ["self", "domain", "storage", "ui", "features"] },
  cli: { mayImport: ["self", "domain"] },
  // The team server (Node): the pure domain (e.g. the signing inputs and fingerprint it shares with the
  // browser) and its own packages only; no React, no DOM, no storage, no screens.
  server: {
    mayImport: ["self", "domain"],
    packages: ["node:*", "fastify", "@fastify/static", "@electric-sql/pglite", "pg", "pg-copy-streams"],
  },
  // The shared test harness (fresh vault on fake IndexedDB, rendering inside the VaultProvider). Only
  // tests may import it (see testLayers); it may import what it sets up.
  testing: { mayImport: ["self", "domain", "storage", "features"] },
};
const boundaryOptions = { root: import.meta.dirname, srcDir: "src", rootLayer: "app", layers };

// Tests of every layer may also import the harness in src/testing; the code under test may not.
const testLayers = Object.fromEntries(
  Object.entries(layers).map(([name, layer]) => [name, { ...layer, mayImport: [...layer.mayImport, "testing"] }]),
);

// Domain tests may also use the test tooling and read fixtures from outside src (e.g. ../shared/scenarios).
const domainTestLayers = {
  ...testLayers,
  domain: { ...testLayers.domain, packages: ["zod", "vitest", "fast-check", "node:*"], outsideSrc: true },
};

export default defineConfig([
  globalIgnores(["dist/", "build/", "coverage/", "node_modules/", ".vite/", "test/e2e/screenshots/", "data/"]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ["**/*.{js,mjs,cjs}", "vite.config.ts", "scripts/**", "bin/**", "test/**"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: [SOURCE],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },

  // ---- Architecture -------------------------------------------------------------------------------
  {
    // No import cycles anywhere in the project's own code; `import type` counts (eslint/import-cycles.js).
    files: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
    plugins: { local },
    rules: { "local/import-cycles": ["error", { root: import.meta.dirname }] },
  },
  {
    files: [SOURCE],
    plugins: { local },
    rules: { "local/import-boundaries": ["error", boundaryOptions] },
  },
  {
    files: TESTS,
    rules: { "local/import-boundaries": ["error", { ...boundaryOptions, layers: testLayers }] },
  },
  {
    files: DOMAIN_TESTS,
    rules: { "local/import-boundaries": ["error", { ...boundaryOptions, layers: domainTestLayers }] },
  },
  {
    // The domain also runs in Node (the CLI): no browser globals.
    files: ["src/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-globals": [
        "error",
        ...["window", "document", "navigator", "location", "localStorage", "sessionStorage", "indexedDB", "fetch"].map(
          (name) => ({ name, message: "src/domain is pure: pass data in instead of reading browser globals." }),
        ),
      ],
    },
  },
  {
    // No barrel files: import the file that defines the thing.
    files: ["src/**/index.{ts,tsx,js,jsx,mjs}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Program",
          message: "No barrel files under src/: name the file after what it holds and import it directly.",
        },
      ],
    },
  },
]);
