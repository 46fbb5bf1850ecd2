import { readFileSync } from "node:fs";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { configDefaults, defineConfig } from "vitest/config";
import { META_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "./src/server/security-headers.ts";

// The team server's tests run on their own (test/server/vitest.config.ts), once per database engine.
const exclude = [...configDefaults.exclude, "test/e2e/**", "test/server/**", "src/server/**"];

const packageJson = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

/** The service worker's Workbox options (exported for the test that proves it never touches /api). */
export const WORKBOX_OPTIONS = {
  // The built app shell and its assets only. No runtimeCaching: the worker never stores responses
  // it was not built with, and it never touches IndexedDB, where the case data lives.
  // ttf: the PDF's fonts (DejaVu Sans, ~700 KB each; Noto Naskh Arabic, Noto Sans Bengali and
  // Noto Sans Gurmukhi, 50-200 KB each, fetched only for packs using those scripts), so
  // referral-pack PDFs can be made offline in any of them.
  // Every precached file must stay under Workbox's default 2 MiB maximumFileSizeToCacheInBytes
  // (the fonts and the pdf-lib + fontkit chunk, ~1.2 MB, do); a larger file would be skipped.
  globPatterns: ["**/*.{js,css,html,svg,png,webmanifest,ttf}"],
  navigateFallback: "/index.html",
  // The team API is never answered from the worker: a navigation to /api is not given the app shell,
  // and with no runtimeCaching no API response is ever stored (test/pwa/service-worker-api.test.ts).
  navigateFallbackDenylist: [/^\/api(?:\/|$)/],
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: false,
  sourcemap: false,
  // Workbox's own runtime is inlined into sw.js's chunk served from this origin, never from a CDN.
  inlineWorkboxRuntime: true,
};

/**
 * Adds the CSP <meta> to index.html in production builds only: the dev server relies on inline
 * scripts and injected <style> tags (React Fast Refresh, CSS hot reload) that this policy forbids.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: "safe-referral-csp-meta",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: () => [
        {
          tag: "meta",
          attrs: { "http-equiv": "Content-Security-Policy", content: META_CONTENT_SECURITY_POLICY },
          injectTo: "head-prepend",
        },
      ],
    },
  };
}

export default defineConfig({
  base: "/",
  define: {
    // Shown on the About screen. The offline e2e test overrides it to build a "changed" version.
    __APP_VERSION__: JSON.stringify(packageJson.version),
  },
  plugins: [
    react(),
    contentSecurityPolicyMeta(),
    VitePWA({
      // The page registers the worker itself (src/features/app-update), lazily after first render, and
      // a new version waits until the practitioner chooses to update (no skipWaiting). clientsClaim
      // only matters when a worker activates: on the very first visit (so that page is offline-ready
      // straight away; its files are the same build) and after the practitioner accepted an update.
      registerType: "prompt",
      injectRegister: false,
      strategies: "generateSW",
      filename: "sw.js",
      manifestFilename: "manifest.webmanifest",
      includeAssets: ["favicon.svg", "apple-touch-icon.png"],
      manifest: {
        id: "/",
        name: "Safe Referral",
        short_name: "Safe Referral",
        description:
          "Domestic abuse risk assessment and referral for practitioners in England and Wales. Works offline; data stays on this device.",
        lang: "en-GB",
        dir: "ltr",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "any",
        theme_color: "#1d3d6b",
        background_color: "#ffffff",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: WORKBOX_OPTIONS,
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Zod and the line that turns its generated parsers off share one chunk, so jitless mode is set
        // as zod loads, before any other chunk's code can parse with it: otherwise a chunk that main.tsx
        // imports (and so runs first) could parse an object first and Zod's probe for `new Function`
        // would be reported as a CSP violation (src/zod-jitless.ts).
        manualChunks(id: string) {
          return /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]zod-jitless\.ts$/.test(id) ? "schemas" : undefined;
        },
      },
    },
  },
  preview: {
    headers: SECURITY_HEADERS,
  },
  test: {
    globals: true,
    setupFiles: ["test/setup.ts"],
    // A test's time limit, not a budget (budgets are `npm run bench`'s): the screen tests unlock real
    // vaults and walk whole assessments, which on a busy two-core machine can pass 5 s.
    testTimeout: 20_000,
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
