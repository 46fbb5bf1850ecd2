/**
 * The operator's endpoints, used by `npm run team`: loopback only, and only with the admin token the
 * server wrote into its data folder at start (readable by whoever runs the server, no one else), so a
 * reverse proxy on the same machine does not open them to the world.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "./api-error";
import { body, UNIT_NAME } from "./schemas";
import type { ServerContext } from "./server-context";
import { createUnit, linkTeamToArea, newFirstCode, type UnitKind } from "./units-service";

export const ADMIN_TOKEN_HEADER = "x-admin-token";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function requireOperator(request: FastifyRequest, adminToken: string): void {
  if (!LOOPBACK.has(request.socket.remoteAddress ?? "")) {
    throw new ApiError(403, "loopback-only", "Operator commands are accepted from this machine only.");
  }
  const given = Buffer.from(String(request.headers[ADMIN_TOKEN_HEADER] ?? ""));
  const expected = Buffer.from(adminToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(401, "not-operator", "Operator commands need the admin token from the server's data folder.");
  }
}

export function registerAdminRoutes(app: FastifyInstance, context: ServerContext, adminToken: string): void {
  const guard = { preHandler: async (request: FastifyRequest) => requireOperator(request, adminToken) };
  for (const kind of ["team", "area"] as const satisfies readonly UnitKind[]) {
    app.post<{ Body: { name: string } }>(
      `/api/admin/${kind}s`,
      { ...guard, schema: { body: body({ name: UNIT_NAME }) } },
      async (request, reply) => reply.code(201).send(await createUnit(context, kind, request.body.name)),
    );
    app.post<{ Body: { name: string } }>(
      `/api/admin/${kind}s/first-code`,
      { ...guard, schema: { body: body({ name: UNIT_NAME }) } },
      async (request, reply) => reply.code(201).send(await newFirstCode(context, kind, request.body.name)),
    );
  }
  app.post<{ Body: { team: string; area: string } }>(
    "/api/admin/team-areas",
    { ...guard, schema: { body: body({ team: UNIT_NAME, area: UNIT_NAME }) } },
    async (request) => {
      await linkTeamToArea(context, request.body.team, request.body.area);
      return { ok: true };
    },
  );
}
