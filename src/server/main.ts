/** `npm start`: the team server, serving the built PWA and the team API on one origin. */
import { readServerConfig } from "./config";
import { DataFolderInUseError } from "./data-folder-lock";
import { startTeamServer } from "./server-start";

const config = readServerConfig(process.env);
try {
  const server = await startTeamServer(config, { logger: process.env.LOG_REQUESTS === "1" });
  const where =
    server.db.kind === "pglite" ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
  console.log(`Safe Referral is at ${server.url} — team server on ${where}.`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  if (error instanceof DataFolderInUseError) {
    console.error(error.message);
  } else {
    console.error(`The team server could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
