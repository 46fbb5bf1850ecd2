/**
 * `npm run team -- <command>`: the operator's commands. They go through the running server (loopback,
 * with the admin token from its data folder); with no server running they open the database directly,
 * and refuse while another process holds the embedded data folder.
 *
 *   create "<team name>"          a team, and the one-time code for its first manager
 *   area "<area name>"            a MARAC area, and the one-time code for its first coordinator
 *   link "<team name>" "<area>"   the team refers to that area
 *   first-code "<team name>"      a new one-time first-manager code (the first one expired or was lost)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ApiError } from "./api-error";
import { readServerConfig, type ServerConfig } from "./config";
import { DataFolderInUseError, dataFolderHolder } from "./data-folder-lock";
import { ADMIN_TOKEN_HEADER } from "./routes-admin";
import { ADMIN_TOKEN_FILE, openConfiguredDatabase } from "./server-start";
import { createUnit, linkTeamToArea, newFirstCode, type CreatedUnit } from "./units-service";

const USAGE = `Usage:
  npm run team -- create "<team name>"
  npm run team -- area "<MARAC area name>"
  npm run team -- link "<team name>" "<area name>"
  npm run team -- first-code "<team name>"

Names are seen by whoever runs the server: never name a team or area after a refuge, an address or
a place a victim could be found (see docs/team-server.md).`;

type Command = { kind: "create" | "area" | "first-code"; name: string } | { kind: "link"; team: string; area: string };

export function parseCommand(args: readonly string[]): Command | null {
  const [verb, first, second] = args;
  if ((verb === "create" || verb === "area" || verb === "first-code") && first?.trim() && args.length === 2) {
    return { kind: verb, name: first };
  }
  if (verb === "link" && first?.trim() && second?.trim() && args.length === 3)
    return { kind: "link", team: first, area: second };
  return null;
}

function describeCreated(command: Command, unit: CreatedUnit): string {
  const who = command.kind === "area" ? "coordinator" : "manager";
  const what = command.kind === "area" ? `Area "${unit.name}"` : `Team "${unit.name}"`;
  return [
    command.kind === "first-code" ? `New one-time code for the first ${who} of "${unit.name}".` : `${what} created.`,
    `One-time code for its first ${who} (valid until ${unit.expiresAt}):`,
    "",
    `    ${unit.firstCode}`,
    "",
    "Give it to them in person. It is shown only this once and enrols one device.",
  ].join("\n");
}

async function serverAnswers(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("api/health", baseUrl), { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function throughServer(config: ServerConfig, baseUrl: string, command: Command): Promise<string> {
  const token = readFileSync(path.join(config.dataDir, ADMIN_TOKEN_FILE), "utf8").trim();
  const [route, payload] =
    command.kind === "link"
      ? ["api/admin/team-areas", { team: command.team, area: command.area }]
      : command.kind === "area"
        ? ["api/admin/areas", { name: command.name }]
        : command.kind === "first-code"
          ? ["api/admin/teams/first-code", { name: command.name }]
          : ["api/admin/teams", { name: command.name }];
  const response = await fetch(new URL(route, baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json", [ADMIN_TOKEN_HEADER]: token },
    body: JSON.stringify(payload),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new ApiError(response.status, String(answer.error), String(answer.message));
  if (command.kind === "link") return `Team "${command.team}" now refers to area "${command.area}".`;
  return describeCreated(command, answer as unknown as CreatedUnit);
}

async function directly(config: ServerConfig, command: Command): Promise<string> {
  const db = await openConfiguredDatabase(config);
  try {
    const context = { db, now: () => new Date() };
    if (command.kind === "link") {
      await linkTeamToArea(context, command.team, command.area);
      return `Team "${command.team}" now refers to area "${command.area}".`;
    }
    const unit =
      command.kind === "first-code"
        ? await newFirstCode(context, "team", command.name)
        : await createUnit(context, command.kind === "area" ? "area" : "team", command.name);
    return describeCreated(command, unit);
  } finally {
    await db.close();
  }
}

export async function runTeamCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string }> {
  const command = parseCommand(args);
  if (!command) return { code: 2, out: USAGE };
  const config = readServerConfig(env);
  const baseUrl = `http://127.0.0.1:${config.port}/`;
  try {
    if (await serverAnswers(baseUrl)) return { code: 0, out: await throughServer(config, baseUrl, command) };
    if (!config.databaseUrl) {
      const holder = dataFolderHolder(config.dataDir);
      if (holder !== null) throw new DataFolderInUseError(config.dataDir, holder);
    }
    return { code: 0, out: await directly(config, command) };
  } catch (error) {
    if (error instanceof ApiError || error instanceof DataFolderInUseError) return { code: 1, out: error.message };
    throw error;
  }
}
