/**
 * Serves the built PWA (dist/) on the API's origin: hashed files under /assets/ are cached for a year
 * (their names change with their content); everything else (index.html, sw.js, the manifest, icons) is
 * revalidated on every load, so a new version is seen at once. Any other path that is not a file and
 * not /api gets index.html (the app routes in the browser).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

export const IMMUTABLE = "public, max-age=31536000, immutable";
export const REVALIDATE = "no-cache";

export async function registerStaticSite(app: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(path.join(distDir, "index.html"))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: true,
    cacheControl: false,
    dotfiles: "ignore",
    setHeaders(reply, filePath) {
      const relative = path.relative(distDir, filePath).split(path.sep).join("/");
      reply.header("cache-control", relative.startsWith("assets/") ? IMMUTABLE : REVALIDATE);
    },
  });
  return true;
}
