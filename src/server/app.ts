/**
 * The team server: the built PWA and the team API on one origin. Everything it stores is listed, with
 * what a hostile operator or a database thief learns from it, in docs/team-server.md.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { installErrorHandler } from "./http-errors";
import { schemaVersion } from "./migrations";
import { registerAdminRoutes } from "./routes-admin";
import { registerDeviceRoutes } from "./routes-devices";
import { registerKeyRotationRoutes } from "./routes-key-rotation";
import { registerMaracRoutes } from "./routes-marac";
import { registerReassignRoutes } from "./routes-reassign";
import { registerSyncRoutes } from "./routes-sync";
import { SECURITY_HEADERS } from "./security-headers";
import type { ServerContext } from "./server-context";
import { REVALIDATE, registerStaticSite } from "./static-site";

/** Every body but a pushed envelope (which has its own, larger limit) is small. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface TeamServerOptions {
  context: ServerContext;
  /** The built PWA to serve; omitted (or not built) = API only. */
  distDir?: string;
  /** The operator's token for /api/admin (written into the data folder by main.ts). */
  adminToken: string;
  logger?: boolean;
}

export async function buildTeamServer(options: TeamServerOptions): Promise<FastifyInstance> {
  const { context } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // A field the server does not know is refused, not quietly dropped (Fastify's default drops it).
    ajv: { customOptions: { removeAdditional: false } },
  });
  installErrorHandler(app);

  app.addHook("onSend", async (request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    // No API answer is ever kept by a browser, proxy or service worker.
    if (request.url.startsWith("/api/") || request.url === "/api") reply.header("cache-control", "no-store");
    return payload;
  });

  app.get("/api/health", async (_request, reply) => {
    try {
      return { ok: true, database: context.db.kind, schema: await schemaVersion(context.db) };
    } catch {
      return reply.code(503).send({ ok: false, database: context.db.kind, message: "The database is not answering." });
    }
  });
  registerAdminRoutes(app, context, options.adminToken);
  registerDeviceRoutes(app, context);
  registerSyncRoutes(app, context);
  registerKeyRotationRoutes(app, context);
  registerMaracRoutes(app, context);
  registerReassignRoutes(app, context);

  const serving = options.distDir !== undefined && (await registerStaticSite(app, options.distDir));
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split("?")[0] ?? "";
    const isApi = pathname === "/api" || pathname.startsWith("/api/");
    // A path with an extension is a missing file (a stale asset), not a page of the app: a plain 404.
    const isPage = !/\.[A-Za-z0-9]+$/.test(pathname);
    if (!isApi && isPage && serving && (request.method === "GET" || request.method === "HEAD")) {
      return reply.header("cache-control", REVALIDATE).sendFile("index.html");
    }
    return reply.code(404).send({ error: "not-found", message: "There is nothing at that address." });
  });
  return app;
}
