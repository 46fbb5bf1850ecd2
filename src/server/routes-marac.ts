/** Sending to MARAC (issue 17 item 1): area keys, linked areas, the send, the coordinators' feed and status back. */
import type { FastifyInstance } from "fastify";
import { pullAreaEnvelopes, pushAreaEnvelope, type AreaPushRequest } from "./area-envelopes-service";
import { getAreaKey, getAreaWrap, linkedAreas, putAreaWrap, setAreaKey } from "./marac-keys-service";
import {
  body,
  ENVELOPE_BODY_LIMIT,
  ENVELOPE_FIELDS,
  ENVELOPE_REQUIRED,
  KEY_PAIR_BODY,
  PAGE_LIMIT,
  params,
  UUID,
  WRAPPED_KEY,
} from "./schemas";
import { authenticate } from "./session-service";
import type { ServerContext } from "./server-context";

export function registerMaracRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get("/api/area/key", async (request) => {
    const device = await authenticate(context, request.headers.authorization);
    return getAreaKey(context, device);
  });

  app.put<{ Body: { keyId: string; publicKey: string; wrapped: string } }>(
    "/api/area/key",
    { schema: { body: KEY_PAIR_BODY } },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      return reply.code(201).send(await setAreaKey(context, device, request.body));
    },
  );

  app.get("/api/marac/areas", async (request) => {
    const device = await authenticate(context, request.headers.authorization);
    return { areas: await linkedAreas(context, device) };
  });

  app.put<{ Params: { keyId: string }; Body: { areaId: string; wrapped: string } }>(
    "/api/marac/keys/:keyId",
    { schema: { params: params({ keyId: UUID }), body: body({ areaId: UUID, wrapped: WRAPPED_KEY }) } },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return putAreaWrap(context, device, { keyId: request.params.keyId, ...request.body });
    },
  );

  app.get<{ Params: { keyId: string } }>(
    "/api/area/keys/:keyId",
    { schema: { params: params({ keyId: UUID }) } },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return getAreaWrap(context, device, request.params.keyId);
    },
  );

  app.get<{ Querystring: { cursor?: string; limit: number } }>(
    "/api/area/envelopes",
    {
      schema: {
        querystring: body(
          {
            cursor: { type: "string", maxLength: 20_000, pattern: "^[A-Za-z0-9_-]*$" },
            limit: PAGE_LIMIT,
          },
          [],
        ),
      },
    },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return pullAreaEnvelopes(context, device, request.query);
    },
  );

  app.post<{ Body: AreaPushRequest }>(
    "/api/area/envelopes",
    {
      bodyLimit: ENVELOPE_BODY_LIMIT,
      schema: {
        body: body({ teamId: UUID, ...ENVELOPE_FIELDS }, ["teamId", ...ENVELOPE_REQUIRED]),
      },
    },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      const result = await pushAreaEnvelope(context, device, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
}
