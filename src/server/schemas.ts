/**
 * JSON-schema pieces for the routes. Every body is an object with `additionalProperties: false`: a
 * field the server does not know is refused, never silently stored or ignored.
 */
import { LIMITS } from "./server-context";

export const UUID = {
  type: "string",
  pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
} as const;

/** Canonical padded base64, at most `maxBytes` decoded. */
export function base64(maxBytes: number) {
  return {
    type: "string",
    minLength: 1,
    maxLength: Math.ceil(maxBytes / 3) * 4,
    pattern: "^[A-Za-z0-9+/]+={0,2}$",
  } as const;
}

/** A raw P-256 public point (65 bytes) in base64: 88 characters. */
export const PUBLIC_KEY = { type: "string", minLength: 88, maxLength: 88, pattern: "^[A-Za-z0-9+/]+={0,2}$" } as const;

/** An ECDSA P-256 signature in raw r‖s form (64 bytes) in base64: 88 characters. */
export const SIGNATURE = PUBLIC_KEY;

export const FINGERPRINT = { type: "string", minLength: 24, maxLength: 40, pattern: "^[0-9 ]+$" } as const;

export const UNIT_NAME = { type: "string", minLength: 1, maxLength: 80, pattern: "\\S" } as const;

export function body(properties: Record<string, unknown>, required: readonly string[] = Object.keys(properties)) {
  return { type: "object", properties, required, additionalProperties: false } as const;
}

export function params(properties: Record<string, unknown>) {
  return { type: "object", properties, required: Object.keys(properties), additionalProperties: false } as const;
}

/** A key sealed to a device or to a shared key (a sealed box around at most a PKCS #8 P-256 key). */
export const WRAPPED_KEY = base64(1024);

/** A shared key pair set up by its first holder: its id, its public half, its private half sealed to that device. */
export const KEY_PAIR_BODY = body({ keyId: UUID, publicKey: PUBLIC_KEY, wrapped: WRAPPED_KEY });

/** An envelope as a device pushes it, to its team or to a MARAC area; `baseSignature` only on an edit. */
export const ENVELOPE_FIELDS = {
  recordId: UUID,
  keyId: UUID,
  baseVersion: { type: "integer", minimum: 0, maximum: 1_000_000_000 },
  baseSignature: SIGNATURE,
  ciphertext: base64(LIMITS.envelopeBytesMax),
  signature: SIGNATURE,
} as const;
export const ENVELOPE_REQUIRED = ["recordId", "keyId", "baseVersion", "ciphertext", "signature"] as const;

/** The largest push body: the ciphertext in base64 plus the other fields. */
export const ENVELOPE_BODY_LIMIT = Math.ceil(LIMITS.envelopeBytesMax / 3) * 4 + 4096;

/** How many envelopes a pull or feed page holds at the most. */
export const PAGE_LIMIT = { type: "integer", minimum: 1, maximum: LIMITS.pullPageMax, default: 200 } as const;
