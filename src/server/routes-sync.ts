/** The team manager key, case keys, and envelopes pushed and pulled. */
import type { FastifyInstance } from "fastify";
import { pushEnvelope, type PushRequest } from "./envelope-push";
import { pullEnvelopes } from "./envelopes-service";
import { getManagerKey, MANAGER_KEY_RECIPIENT, putCaseKey, setManagerKey, type CaseKeyWrap } from "./keys-service";
import { base64, body, params, PUBLIC_KEY, SIGNATURE, UUID } from "./schemas";
import { authenticate } from "./session-service";
import { LIMITS, type ServerContext } from "./server-context";

const WRAPPED_KEY = base64(1024);
const RECIPIENT = { anyOf: [UUID, { type: "string", const: MANAGER_KEY_RECIPIENT }] } as const;

/** The largest push body: the ciphertext in base64 plus the other fields. */
export const ENVELOPE_BODY_LIMIT = Math.ceil(LIMITS.envelopeBytesMax / 3) * 4 + 4096;

export function registerSyncRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get("/api/team/manager-key", async (request) => {
    const device = await authenticate(context, request.headers.authorization);
    return getManagerKey(context, device);
  });

  app.put<{ Body: { keyId: string; publicKey: string; wrapped: string } }>(
    "/api/team/manager-key",
    { schema: { body: body({ keyId: UUID, publicKey: PUBLIC_KEY, wrapped: WRAPPED_KEY }) } },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      return reply.code(201).send(await setManagerKey(context, device, request.body));
    },
  );

  app.put<{ Params: { keyId: string }; Body: { wraps: CaseKeyWrap[] } }>(
    "/api/keys/:keyId",
    {
      schema: {
        params: params({ keyId: UUID }),
        body: body({
          wraps: {
            type: "array",
            minItems: 1,
            maxItems: 50,
            items: body({ recipient: RECIPIENT, wrapped: WRAPPED_KEY, managerKeyId: UUID }, ["recipient", "wrapped"]),
          },
        }),
      },
    },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return putCaseKey(context, device, { keyId: request.params.keyId, wraps: request.body.wraps });
    },
  );

  app.post<{ Body: PushRequest }>(
    "/api/envelopes",
    {
      bodyLimit: ENVELOPE_BODY_LIMIT,
      schema: {
        body: body(
          {
            recordId: UUID,
            keyId: UUID,
            baseVersion: { type: "integer", minimum: 0, maximum: 1_000_000_000 },
            baseSignature: SIGNATURE,
            ciphertext: base64(LIMITS.envelopeBytesMax),
            signature: SIGNATURE,
          },
          ["recordId", "keyId", "baseVersion", "ciphertext", "signature"],
        ),
      },
    },
    async (request, reply) => {
      // Authenticates in the same database round trip as its other reads.
      const result = await pushEnvelope(context, request.headers.authorization, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );

  app.get<{ Querystring: { after: number; limit: number } }>(
    "/api/envelopes",
    {
      schema: {
        querystring: body(
          {
            after: { type: "integer", minimum: 0, default: 0 },
            limit: { type: "integer", minimum: 1, maximum: LIMITS.pullPageMax, default: 200 },
          },
          [],
        ),
      },
    },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return pullEnvelopes(context, device, request.query);
    },
  );
}
