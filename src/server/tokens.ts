/**
 * Random codes and tokens, and the hashes the database keeps instead of them. Codes and tokens carry at
 * least 60 bits of randomness, so a plain SHA-256 (no slow KDF) is enough to make a stolen table useless.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";

// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand is not misread.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function sha256(bytes: Uint8Array | string): Buffer {
  return createHash("sha256").update(bytes).digest();
}

export function newId(): string {
  return randomUUID();
}

function randomCodeGroup(): string {
  const bytes = randomBytes(4);
  let group = "";
  for (let index = 0; index < 4; index += 1) group += CODE_ALPHABET[bytes[index]! & 31];
  return group;
}

export interface EnrolmentCode {
  /** What is shown to the person: "ABCD-EFGH-JKMN-PQRS". */
  code: string;
  /** The first group: the row's id. */
  id: string;
  /** SHA-256 of the other three groups (60 random bits). */
  secretHash: Buffer;
}

export function newEnrolmentCode(): EnrolmentCode {
  const groups = [randomCodeGroup(), randomCodeGroup(), randomCodeGroup(), randomCodeGroup()];
  return { code: groups.join("-"), id: groups[0]!, secretHash: sha256(groups.slice(1).join("")) };
}

/**
 * Reads a code as typed: case, spaces and dashes do not matter, and the letters Crockford maps to
 * digits (O→0, I and L→1) are read as those digits. Null when it cannot be a code.
 */
export function parseEnrolmentCode(typed: string): { id: string; secretHash: Buffer } | null {
  const normalised = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(normalised)) return null;
  return { id: normalised.slice(0, 4), secretHash: sha256(normalised.slice(4)) };
}

/** A session token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newSessionToken(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: sha256(token) };
}

export function newNonce(): Buffer {
  return randomBytes(32);
}
