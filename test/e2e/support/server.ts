// Build the app and serve dist/ with `vite preview`, on loopback only.
// Used by global-setup.ts for the whole run, and directly by tests that must stop and restart the
// server (offline tests): pass the old `port` back in so the origin — and with it any service worker
// and IndexedDB data — stays the same.
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const CONFIG_FILE = path.join(PROJECT_ROOT, "vite.config.ts");

export interface PreviewServer {
  /** e.g. "http://127.0.0.1:41234/" (always with a trailing slash). */
  url: string;
  port: number;
  close: () => Promise<void>;
}

export interface StartPreviewOptions {
  /** Port to listen on; 0 (the default) picks a free one. A given port must be free (strictPort). */
  port?: number;
  /** Absolute path of the built site to serve; defaults to the project's dist/. */
  outDir?: string;
}

export interface BuildAppOptions {
  /** Absolute path to build into instead of dist/ (e.g. a second, changed build for update tests). */
  outDir?: string;
  /** Overrides the version vite.config.ts injects (package.json's), so the build differs. */
  appVersion?: string;
}

/**
 * `vite build` with the project's own vite.config.ts, into dist/ unless told otherwise.
 * Vitest sets NODE_ENV=test, which would make Vite bundle React's development build; the e2e tests
 * must exercise what ships, so the build runs with NODE_ENV=production (restored afterwards).
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<void> {
  const previousNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await runBuild(options);
  } finally {
    if (previousNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previousNodeEnv;
  }
}

async function runBuild(options: BuildAppOptions): Promise<void> {
  await build({
    root: PROJECT_ROOT,
    configFile: CONFIG_FILE,
    logLevel: "warn",
    mode: "production",
    ...(options.outDir === undefined ? {} : { build: { outDir: options.outDir, emptyOutDir: true } }),
    ...(options.appVersion === undefined ? {} : { define: { __APP_VERSION__: JSON.stringify(options.appVersion) } }),
  });
}

/** Serve the already-built dist/ with `vite preview` on 127.0.0.1. Does not build. */
export async function startPreviewServer(options: StartPreviewOptions = {}): Promise<PreviewServer> {
  const requestedPort = options.port ?? 0;
  const server = await preview({
    root: PROJECT_ROOT,
    configFile: CONFIG_FILE,
    logLevel: "warn",
    preview: { port: requestedPort, host: "127.0.0.1", strictPort: requestedPort !== 0, open: false },
    ...(options.outDir === undefined ? {} : { build: { outDir: options.outDir } }),
  });
  const address = server.httpServer.address() as AddressInfo | string | null;
  if (!address || typeof address === "string") {
    await server.close();
    throw new Error(`vite preview did not report a TCP address (got ${JSON.stringify(address)})`);
  }
  const url = `http://127.0.0.1:${address.port}/`;
  let closed = false;
  return {
    url,
    port: address.port,
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
    },
  };
}
