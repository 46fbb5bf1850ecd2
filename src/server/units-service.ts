/**
 * What the operator does, on loopback only (`npm run team`): create a team or a MARAC area, each with
 * the one-time code its first manager (or coordinator) enrols with, and link a team to an area.
 */
import { ApiError } from "./api-error";
import { isUniqueViolation, type Queryable } from "./database";
import { addMinutes, LIMITS, type ServerContext } from "./server-context";
import { newEnrolmentCode, newId } from "./tokens";

export interface CreatedUnit {
  id: string;
  name: string;
  /** Shown once, never stored in clear. */
  firstCode: string;
  expiresAt: string;
}

export type UnitKind = "team" | "area";

/** Inserts a fresh code, choosing another if its id group is taken (1 in a million per live code). */
export async function insertEnrolmentCode(
  tx: Queryable,
  fields: {
    teamId: string | null;
    areaId: string | null;
    role: string;
    firstOfUnit: boolean;
    issuedBy: string | null;
    expiresAt: Date;
    createdAt: Date;
  },
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = newEnrolmentCode();
    const inserted = await tx.query(
      `INSERT INTO enrolment_codes (id, secret_hash, team_id, area_id, role, first_of_unit, issued_by, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        code.id,
        code.secretHash,
        fields.teamId,
        fields.areaId,
        fields.role,
        fields.firstOfUnit,
        fields.issuedBy,
        fields.expiresAt,
        fields.createdAt,
      ],
    );
    if (inserted.length === 1) return code.code;
  }
  throw new Error("Could not find a free enrolment code id after 5 tries");
}

export async function createUnit(context: ServerContext, kind: UnitKind, name: string): Promise<CreatedUnit> {
  const trimmed = name.trim();
  const id = newId();
  const expiresAt = addMinutes(context.now(), LIMITS.firstCodeHours * 60);
  try {
    const firstCode = await context.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${kind === "team" ? "teams" : "areas"} (id, name) VALUES ($1, $2)`, [id, trimmed]);
      return insertEnrolmentCode(tx, {
        teamId: kind === "team" ? id : null,
        areaId: kind === "area" ? id : null,
        role: kind === "team" ? "manager" : "coordinator",
        firstOfUnit: true,
        issuedBy: null,
        expiresAt,
        createdAt: context.now(),
      });
    });
    return { id, name: trimmed, firstCode, expiresAt: expiresAt.toISOString() };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(
        409,
        "name-taken",
        `There is already ${kind === "team" ? "a team" : "an area"} called "${trimmed}".`,
      );
    }
    throw error;
  }
}

/** A new one-time first code for a team or area whose first code expired or was lost. */
export async function newFirstCode(context: ServerContext, kind: UnitKind, name: string): Promise<CreatedUnit> {
  const [unit] = await context.db.query<{ id: string }>(
    `SELECT id FROM ${kind === "team" ? "teams" : "areas"} WHERE name = $1`,
    [name.trim()],
  );
  if (!unit) throw new ApiError(404, "not-found", `There is no ${kind} called "${name.trim()}".`);
  const expiresAt = addMinutes(context.now(), LIMITS.firstCodeHours * 60);
  const firstCode = await context.db.transaction((tx) =>
    insertEnrolmentCode(tx, {
      teamId: kind === "team" ? unit.id : null,
      areaId: kind === "area" ? unit.id : null,
      role: kind === "team" ? "manager" : "coordinator",
      firstOfUnit: true,
      issuedBy: null,
      expiresAt,
      createdAt: context.now(),
    }),
  );
  return { id: unit.id, name: name.trim(), firstCode, expiresAt: expiresAt.toISOString() };
}

export async function linkTeamToArea(context: ServerContext, teamName: string, areaName: string): Promise<void> {
  const [team] = await context.db.query<{ id: string }>("SELECT id FROM teams WHERE name = $1", [teamName.trim()]);
  if (!team) throw new ApiError(404, "not-found", `There is no team called "${teamName.trim()}".`);
  const [area] = await context.db.query<{ id: string }>("SELECT id FROM areas WHERE name = $1", [areaName.trim()]);
  if (!area) throw new ApiError(404, "not-found", `There is no area called "${areaName.trim()}".`);
  await context.db.query("INSERT INTO team_areas (team_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
    team.id,
    area.id,
  ]);
}
