/** Enrolment, signing in, and a manager's work on the team's devices and codes, and the team's audit. */
import type { FastifyInstance } from "fastify";
import { AUDIT_PAGE_MAX, listAudit } from "./audit-service";
import { approveDevice, listDevices, revokeDevice, type ApproveRequest } from "./devices-service";
import { enrolDevice, issueEnrolmentCode, type EnrolRequest } from "./enrolment-service";
import { base64, body, FINGERPRINT, params, PUBLIC_KEY, SIGNATURE, UUID } from "./schemas";
import { authenticate, createChallenge, openSession } from "./session-service";
import type { ServerContext } from "./server-context";

const ROLE = { type: "string", enum: ["practitioner", "manager", "coordinator"] } as const;
const CODE = { type: "string", minLength: 16, maxLength: 40 } as const;

export function registerDeviceRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post<{ Body: EnrolRequest }>(
    "/api/enrol",
    { schema: { body: body({ code: CODE, ecdhPublicKey: PUBLIC_KEY, ecdsaPublicKey: PUBLIC_KEY }) } },
    async (request, reply) => reply.code(201).send(await enrolDevice(context, request.body)),
  );

  app.post<{ Body: { deviceId: string } }>(
    "/api/session/challenge",
    { schema: { body: body({ deviceId: UUID }) } },
    async (request, reply) => reply.code(201).send(await createChallenge(context, request.body.deviceId)),
  );

  app.post<{ Body: { challengeId: string; signature: string } }>(
    "/api/session",
    { schema: { body: body({ challengeId: UUID, signature: SIGNATURE }) } },
    async (request, reply) => reply.code(201).send(await openSession(context, request.body)),
  );

  app.get<{ Querystring: { linkedCoordinators?: boolean } }>(
    "/api/devices",
    { schema: { querystring: body({ linkedCoordinators: { type: "boolean" } }, []) } },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      const withLinkedCoordinators = request.query.linkedCoordinators === true;
      return { devices: await listDevices(context, device, { withLinkedCoordinators }) };
    },
  );

  app.post<{ Params: { deviceId: string }; Body: ApproveRequest }>(
    "/api/devices/:deviceId/approve",
    {
      schema: {
        params: params({ deviceId: UUID }),
        body: body({ fingerprint: FINGERPRINT, managerKeyWrapped: base64(1024) }, ["fingerprint"]),
      },
    },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return approveDevice(context, device, request.params.deviceId, request.body);
    },
  );

  app.post<{ Params: { deviceId: string } }>(
    "/api/devices/:deviceId/revoke",
    { schema: { params: params({ deviceId: UUID }) } },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return revokeDevice(context, device, request.params.deviceId);
    },
  );

  app.get<{ Querystring: { before?: number; limit: number } }>(
    "/api/team/audit",
    {
      schema: {
        querystring: body(
          {
            before: { type: "integer", minimum: 1 },
            limit: { type: "integer", minimum: 1, maximum: AUDIT_PAGE_MAX, default: 50 },
          },
          [],
        ),
      },
    },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return listAudit(context, device, request.query);
    },
  );

  app.post<{ Body: { role: string } }>(
    "/api/enrolment-codes",
    { schema: { body: body({ role: ROLE }) } },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      return reply.code(201).send(await issueEnrolmentCode(context, device, request.body.role));
    },
  );
}
