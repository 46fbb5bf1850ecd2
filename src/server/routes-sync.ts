/** The team manager key, case keys, and envelopes pushed and pulled. */
import { PassThrough } from "node:stream";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { ENVELOPE_PAGE_MEDIA_TYPE, TEAM_KEY_HEADER } from "../domain/team-sync/envelope-page";
import { pushEnvelope, type PushRequest } from "./envelope-push";
import { pullEnvelopePage, pullEnvelopes } from "./envelopes-service";
import { getManagerKey, MANAGER_KEY_RECIPIENT, putCaseKey, setManagerKey, type CaseKeyWrap } from "./keys-service";
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

const RECIPIENT = { anyOf: [UUID, { type: "string", const: MANAGER_KEY_RECIPIENT }] } as const;

/** True when the Accept header names the page in bytes (a device of this version asks only for that). */
function acceptsEnvelopePage(accept: string | undefined): boolean {
  return accept?.split(",").some((part) => part.split(";")[0]!.trim() === ENVELOPE_PAGE_MEDIA_TYPE) ?? false;
}

/**
 * Writes the page's chunks into `body` as fast as PostgreSQL sends them, without waiting for a slow device
 * to take them: the page (at most LIMITS.pullPageBytes and a little) waits in memory instead, and the
 * database connection goes back to the pool as soon as the COPY ends. If the page breaks off, the answer is
 * cut short, and the device, finding no end to it, refuses it and asks again.
 */
async function writeWithoutWaiting(
  chunks: AsyncIterable<Uint8Array>,
  body: PassThrough,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    for await (const chunk of chunks) body.write(chunk);
    body.end();
  } catch (error) {
    log.error({ err: error }, "a pull page broke off");
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

export function registerSyncRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get("/api/team/manager-key", async (request) => {
    const device = await authenticate(context, request.headers.authorization);
    return getManagerKey(context, device);
  });

  app.put<{ Body: { keyId: string; publicKey: string; wrapped: string } }>(
    "/api/team/manager-key",
    { schema: { body: KEY_PAIR_BODY } },
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
        body: body(ENVELOPE_FIELDS, ENVELOPE_REQUIRED),
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
            limit: PAGE_LIMIT,
          },
          [],
        ),
      },
    },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      // Devices of this version ask for the page in bytes; anything else (older apps, curl) gets JSON.
      if (!acceptsEnvelopePage(request.headers.accept)) return pullEnvelopes(context, device, request.query);
      const { chunks, managerKeyId } = await pullEnvelopePage(context, device, request.query);
      // The team key id travels as a header beside the byte page, as `managerKeyId` does in the JSON one.
      if (managerKeyId !== null) reply.header(TEAM_KEY_HEADER, managerKeyId);
      const body = new PassThrough();
      void writeWithoutWaiting(chunks, body, request.log);
      return reply.header("content-type", ENVELOPE_PAGE_MEDIA_TYPE).header("vary", "accept").send(body);
    },
  );
}
