/** Sending to MARAC (issue 17 item 1): area keys, linked areas, the send, the coordinators' feed and status back. */
import type { FastifyInstance } from "fastify";
import { pullAreaEnvelopes, pushAreaEnvelope, type AreaPushRequest } from "./area-envelopes-service";
import { getAreaKey, linkedAreas, putAreaWrap, setAreaKey } from "./marac-keys-service";
import { ENVELOPE_BODY_LIMIT } from "./routes-sync";
import { base64, body, params, PUBLIC_KEY, SIGNATURE, UUID } from "./schemas";
import { authenticate } from "./session-service";
import { LIMITS, type ServerContext } from "./server-context";

const WRAPPED_KEY = base64(1024);

export function registerMaracRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get("/api/area/key", async (request) => {
    const device = await authenticate(context, request.headers.authorization);
    return getAreaKey(context, device);
  });

  app.put<{ Body: { keyId: string; publicKey: string; wrapped: string } }>(
    "/api/area/key",
    { schema: { body: body({ keyId: UUID, publicKey: PUBLIC_KEY, wrapped: WRAPPED_KEY }) } },
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

  app.get<{ Querystring: { cursor?: string; limit: number } }>(
    "/api/area/envelopes",
    {
      schema: {
        querystring: body(
          {
            cursor: { type: "string", maxLength: 20_000, pattern: "^[A-Za-z0-9_-]*$" },
            limit: { type: "integer", minimum: 1, maximum: LIMITS.pullPageMax, default: 200 },
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
        body: body(
          {
            teamId: UUID,
            recordId: UUID,
            keyId: UUID,
            baseVersion: { type: "integer", minimum: 0, maximum: 1_000_000_000 },
            baseSignature: SIGNATURE,
            ciphertext: base64(LIMITS.envelopeBytesMax),
            signature: SIGNATURE,
          },
          ["teamId", "recordId", "keyId", "baseVersion", "ciphertext", "signature"],
        ),
      },
    },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      const result = await pushAreaEnvelope(context, device, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
}
