/** Reassigning a practitioner's cases (reassign-service.ts): a device's case keys, grants, and pulling a granted key. */
import type { FastifyInstance } from "fastify";
import {
  deviceCaseKeys,
  GRANT_BATCH_MAX,
  GRANT_PAGE_MAX,
  grantCaseKeys,
  KEY_PULL_PAGE_MAX,
  listKeyGrants,
  pullKeyEnvelopes,
  type GrantRequest,
} from "./reassign-service";
import { base64, body, params, UUID } from "./schemas";
import { authenticate } from "./session-service";
import type { ServerContext } from "./server-context";

function pageQuery(max: number) {
  return body(
    {
      after: { type: "integer", minimum: 0, default: 0 },
      limit: { type: "integer", minimum: 1, maximum: max, default: max },
    },
    [],
  );
}

export function registerReassignRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get<{ Params: { deviceId: string } }>(
    "/api/devices/:deviceId/case-keys",
    { schema: { params: params({ deviceId: UUID }) } },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return deviceCaseKeys(context, device, request.params.deviceId);
    },
  );

  app.post<{ Body: GrantRequest }>(
    "/api/team/key-grants",
    {
      schema: {
        body: body({
          fromDeviceId: UUID,
          toDeviceId: UUID,
          grants: {
            type: "array",
            minItems: 1,
            maxItems: GRANT_BATCH_MAX,
            items: body({ keyId: UUID, wrapped: base64(1024) }),
          },
        }),
      },
    },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      return reply.code(201).send(await grantCaseKeys(context, device, request.body));
    },
  );

  app.get<{ Querystring: { after: number; limit: number } }>(
    "/api/key-grants",
    { schema: { querystring: pageQuery(GRANT_PAGE_MAX) } },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return listKeyGrants(context, device, request.query);
    },
  );

  app.get<{ Params: { keyId: string }; Querystring: { after: number; limit: number } }>(
    "/api/keys/:keyId/envelopes",
    { schema: { params: params({ keyId: UUID }), querystring: pageQuery(KEY_PULL_PAGE_MAX) } },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return pullKeyEnvelopes(context, device, request.params.keyId, request.query);
    },
  );
}
