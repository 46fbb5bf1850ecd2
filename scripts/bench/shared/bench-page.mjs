// Bench-only pages for `npm run bench`: a browser entry from scripts/bench bundled with esbuild, served
// next to the built app by `vite preview`, so it runs on the app's origin with the app's headers.
import { readFileSync } from "node:fs";
import path from "node:path";
import { build as esbuild } from "esbuild";
import { preview as vitePreview } from "vite";
import { CONFIG_FILE, ROOT } from "./helpers.mjs";

/** esbuild a browser entry from scripts/bench into workDir; returns the bundled JavaScript. */
export async function bundleBenchEntry(workDir, entryFile, plugins = []) {
  const outfile = path.join(workDir, entryFile.replace(/\.ts$/, ".js"));
  await esbuild({
    entryPoints: [path.join(ROOT, "scripts", "bench", entryFile)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    logLevel: "warning",
    plugins,
  });
  return readFileSync(outfile);
}

/**
 * `vite preview` of dist/ (the built app's origin, its headers and service worker) plus one bench-only
 * page at `${prefix}index.html` that loads `js` as a same-origin module (the app's CSP forbids inline
 * scripts). `extraHeaders` apply to the bench routes only. Returns the origin and a close function.
 */
export async function serveBenchPage(prefix, js, extraHeaders = {}) {
  const html = `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>bench</title>
<script type="module" src="${prefix}bench.js"></script></head><body></body></html>`;
  const routes = {
    name: "safe-referral-bench-routes",
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? "").split("?")[0];
        if (!url.startsWith(prefix)) return next();
        for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
        if (url === `${prefix}index.html`) {
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.end(html);
        } else if (url === `${prefix}bench.js`) {
          res.setHeader("Content-Type", "text/javascript; charset=utf-8");
          res.end(js);
        } else next();
      });
    },
  };
  const server = await vitePreview({
    root: ROOT,
    configFile: CONFIG_FILE,
    logLevel: "warn",
    plugins: [routes],
    preview: { port: 0, host: "127.0.0.1", strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") {
    await server.close();
    throw new Error("vite preview did not report a TCP address");
  }
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
