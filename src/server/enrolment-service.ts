/**
 * Enrolling a device with a code, and managers issuing codes. A code is single use, expires, and is
 * used up after a few wrong guesses; a manager can issue only so many an hour.
 */
import { timingSafeEqual } from "node:crypto";
import { deviceFingerprint } from "../domain/team-sync/device-fingerprint";
import { ApiError, notAllowed } from "./api-error";
import { recordAudit } from "./audit-service";
import { isUniqueViolation } from "./database";
import { checkPublicKey, decodeBase64 } from "./device-keys";
import type { SignedInDevice } from "./session-service";
import { addMinutes, LIMITS, type ServerContext } from "./server-context";
import { parseEnrolmentCode } from "./tokens";
import { insertEnrolmentCode } from "./units-service";

export interface EnrolRequest {
  code: string;
  ecdhPublicKey: string;
  ecdsaPublicKey: string;
}

export interface EnrolledDevice {
  deviceId: string;
  role: string;
  teamId: string | null;
  areaId: string | null;
  status: "pending" | "approved";
  fingerprint: string;
}

const codeNotRecognised = () =>
  new ApiError(
    400,
    "code-not-recognised",
    "That code is not recognised. Check it with the manager who gave it to you.",
  );

interface CodeRow {
  secret_hash: Uint8Array;
  team_id: string | null;
  area_id: string | null;
  role: string;
  first_of_unit: boolean;
  expires_at: Date;
  used_at: Date | null;
  failed_attempts: number;
}

export async function enrolDevice(context: ServerContext, request: EnrolRequest): Promise<EnrolledDevice> {
  const code = parseEnrolmentCode(request.code);
  if (!code) throw codeNotRecognised();
  const ecdhPublicKey = decodeBase64(request.ecdhPublicKey, "key-agreement public key");
  const ecdsaPublicKey = decodeBase64(request.ecdsaPublicKey, "signing public key");
  await checkPublicKey(ecdhPublicKey, "ecdh");
  await checkPublicKey(ecdsaPublicKey, "ecdsa");
  const fingerprint = await deviceFingerprint({ ecdhPublicKey, ecdsaPublicKey });
  const now = context.now();
  const deviceId = crypto.randomUUID();

  // A wrong secret must be counted even though the request fails, so the outcome leaves the transaction
  // as a value and the refusal is thrown after the count is committed.
  const outcome = await context.db
    .transaction(async (tx): Promise<ApiError | EnrolledDevice> => {
      const [row] = await tx.query<CodeRow>("SELECT * FROM enrolment_codes WHERE id = $1 FOR UPDATE", [code.id]);
      if (!row) return codeNotRecognised();
      if (row.used_at !== null || row.failed_attempts >= LIMITS.codeAttempts) {
        return new ApiError(410, "code-used", "That code has already been used. Ask your manager for a new one.");
      }
      if (row.expires_at.getTime() <= now.getTime()) {
        return new ApiError(410, "code-expired", "That code has expired. Ask your manager for a new one.");
      }
      if (!timingSafeEqual(Buffer.from(row.secret_hash), code.secretHash)) {
        await tx.query("UPDATE enrolment_codes SET failed_attempts = failed_attempts + 1 WHERE id = $1", [code.id]);
        return codeNotRecognised();
      }
      const status = row.first_of_unit ? "approved" : "pending";
      await tx.query(
        `INSERT INTO devices (id, team_id, area_id, role, ecdh_public_key, ecdsa_public_key, fingerprint, status, approved_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          deviceId,
          row.team_id,
          row.area_id,
          row.role,
          ecdhPublicKey,
          ecdsaPublicKey,
          fingerprint,
          status,
          row.first_of_unit ? now : null,
          now,
        ],
      );
      await tx.query("UPDATE enrolment_codes SET used_at = $2, used_by = $3 WHERE id = $1", [code.id, now, deviceId]);
      await recordAudit(tx, {
        unit: { teamId: row.team_id, areaId: row.area_id },
        at: now,
        action: "enrol",
        actorDeviceId: deviceId,
        subjectDeviceId: deviceId,
      });
      return { deviceId, role: row.role, teamId: row.team_id, areaId: row.area_id, status, fingerprint };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new ApiError(409, "device-exists", "A device with these keys is already enrolled.");
      }
      throw error;
    });
  if (outcome instanceof ApiError) throw outcome;
  return outcome;
}

/** Roles each kind of approver may issue codes for. */
function rolesIssuableBy(device: SignedInDevice): readonly string[] {
  if (device.role === "manager") return ["practitioner", "manager"];
  if (device.role === "coordinator") return ["coordinator"];
  return [];
}

export async function issueEnrolmentCode(
  context: ServerContext,
  device: SignedInDevice,
  role: string,
): Promise<{ code: string; role: string; expiresAt: string }> {
  const issuable = rolesIssuableBy(device);
  if (issuable.length === 0) throw notAllowed("Only a manager or a MARAC coordinator can issue enrolment codes.");
  if (!issuable.includes(role)) throw notAllowed(`A ${device.role} cannot issue a code for a ${role}.`);
  const now = context.now();
  const expiresAt = addMinutes(now, LIMITS.enrolmentCodeHours * 60);
  const code = await context.db.transaction(async (tx) => {
    // One issuer at a time, so two requests together cannot both slip under the hourly limit.
    await tx.query("SELECT id FROM devices WHERE id = $1 FOR UPDATE", [device.deviceId]);
    const [recent] = await tx.query<{ issued: number }>(
      "SELECT count(*)::int AS issued FROM enrolment_codes WHERE issued_by = $1 AND created_at > $2",
      [device.deviceId, addMinutes(now, -60)],
    );
    if ((recent?.issued ?? 0) >= LIMITS.codesPerHour) return null;
    return insertEnrolmentCode(tx, {
      teamId: device.teamId,
      areaId: device.areaId,
      role,
      firstOfUnit: false,
      issuedBy: device.deviceId,
      expiresAt,
      createdAt: now,
    });
  });
  if (code === null) {
    throw new ApiError(429, "too-many-codes", `No more than ${LIMITS.codesPerHour} codes an hour. Try again later.`);
  }
  return { code, role, expiresAt: expiresAt.toISOString() };
}
