/** The server's settings, from the environment, with defaults that make `npm start` just work. */
import path from "node:path";

export interface ServerConfig {
  host: string;
  port: number;
  /** Holds the embedded database (pglite/), its lock, and the operator's admin token. */
  dataDir: string;
  /** Set: run on this PostgreSQL instead of the embedded one. */
  databaseUrl: string | null;
  /** The built PWA. */
  distDir: string;
}

export function readServerConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    // Loopback unless told otherwise: put a TLS-terminating proxy in front to serve a team.
    host: env.HOST || "127.0.0.1",
    port,
    dataDir: path.resolve(cwd, env.DATA_DIR || "data"),
    databaseUrl: env.DATABASE_URL || null,
    distDir: path.resolve(cwd, env.DIST_DIR || "dist"),
  };
}
