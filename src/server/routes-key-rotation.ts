/** Key rotation after a device is removed (key-rotation-service.ts): what it could read, new keys, and learning them. */
import type { FastifyInstance } from "fastify";
import { MANAGER_KEY_RECIPIENT } from "./keys-service";
import {
  listRotations,
  readableKeys,
  rotateKeys,
  ROTATION_BATCH_MAX,
  ROTATION_PAGE_MAX,
  type RotationRequest,
} from "./key-rotation-service";
import { base64, body, params, PUBLIC_KEY, SIGNATURE, UUID } from "./schemas";
import { listTeamKeyRotations, rotateTeamKey, type TeamKeyRotationRequest } from "./team-key-rotation-service";
import { authenticate } from "./session-service";
import type { ServerContext } from "./server-context";

const RECIPIENT = { anyOf: [UUID, { type: "string", const: MANAGER_KEY_RECIPIENT }] } as const;
const COMMITMENT = { type: "string", minLength: 44, maxLength: 44, pattern: "^[A-Za-z0-9+/]+={0,2}$" } as const;

export function registerKeyRotationRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get<{ Params: { deviceId: string } }>(
    "/api/devices/:deviceId/readable-keys",
    { schema: { params: params({ deviceId: UUID }) } },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return readableKeys(context, device, request.params.deviceId);
    },
  );

  app.post<{ Body: { revokedDeviceId: string; rotations: RotationRequest[] } }>(
    "/api/team/key-rotations",
    {
      // 100 rotations of a few wrappings each: well under a megabyte.
      bodyLimit: 1_048_576,
      schema: {
        body: body({
          revokedDeviceId: UUID,
          rotations: {
            type: "array",
            minItems: 1,
            maxItems: ROTATION_BATCH_MAX,
            items: body(
              {
                oldKeyId: UUID,
                newKeyId: UUID,
                commitment: COMMITMENT,
                signature: SIGNATURE,
                wraps: {
                  type: "array",
                  minItems: 1,
                  maxItems: 50,
                  items: body({ recipient: RECIPIENT, wrapped: base64(1024), managerKeyId: UUID }, [
                    "recipient",
                    "wrapped",
                  ]),
                },
                areaWraps: {
                  type: "array",
                  maxItems: 20,
                  items: body({ areaId: UUID, wrapped: base64(1024) }),
                },
              },
              ["oldKeyId", "newKeyId", "commitment", "signature", "wraps"],
            ),
          },
        }),
      },
    },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      return reply.code(201).send(await rotateKeys(context, device, request.body));
    },
  );

  app.post<{ Body: TeamKeyRotationRequest }>(
    "/api/team/manager-key-rotations",
    {
      schema: {
        body: body({
          revokedDeviceId: UUID,
          sequence: { type: "integer", minimum: 1, maximum: 1_000_000 },
          oldKeyId: UUID,
          newKeyId: UUID,
          newPublicKey: PUBLIC_KEY,
          oldKeyWrapped: base64(1024),
          signature: SIGNATURE,
          wraps: {
            type: "array",
            minItems: 1,
            maxItems: 200,
            items: body({ recipient: UUID, wrapped: base64(1024) }),
          },
        }),
      },
    },
    async (request, reply) => {
      const device = await authenticate(context, request.headers.authorization);
      return reply.code(201).send(await rotateTeamKey(context, device, request.body));
    },
  );

  app.get("/api/team/manager-key-rotations", async (request) => {
    const device = await authenticate(context, request.headers.authorization);
    return listTeamKeyRotations(context, device);
  });

  app.get<{ Querystring: { after: number; limit: number } }>(
    "/api/key-rotations",
    {
      schema: {
        querystring: body(
          {
            after: { type: "integer", minimum: 0, default: 0 },
            limit: { type: "integer", minimum: 1, maximum: ROTATION_PAGE_MAX, default: ROTATION_PAGE_MAX },
          },
          [],
        ),
      },
    },
    async (request) => {
      const device = await authenticate(context, request.headers.authorization);
      return listRotations(context, device, request.query);
    },
  );
}
