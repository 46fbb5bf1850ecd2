/**
 * The two sync record kinds of a MARAC referral (issue 17 item 1), their ids and their bodies, checked
 * on arrival as every team record is.
 *
 *   marac-referral  one record per referral, written by the referrer's device, each correction a new
 *                   version. Its own record id and key (never the case key); the sync document's caseId
 *                   is the referral id, so the engine gives it a key of its own. Body: the MARAC copy of
 *                   the latest version's pack (withheld facts already replaced by the marker), what
 *                   matching reads, and every version's time and "what changed".
 *   marac-status    one record per referral, written by the area's coordinator devices under the
 *                   referral's key into the referring team's stream: where it stands. Its id is derived
 *                   from the referral id, so every coordinator device writes versions of the same record.
 *   marac-decisions one record per referral, written as a status is: the coordinators' answers to the
 *                   referral's suggested matches, their whole history sealed again to the area key
 *                   (marac-decision-records.ts), so the referring team, which holds the referral's key,
 *                   stores it but cannot read it.
 *
 * Referral ids begin with MARAC_ID_PREFIX and carry UUID version 8 (case ids are version 4), so a
 * device finds its referrals' rows by their clear ids alone, without opening every synced record.
 */

import { z } from "zod";
import { randomBytes, sha256Hex } from "../crypto";
import type { MaracReferral } from "../../domain/marac-matching/marac-referral";
import type { ReferralPackDocument } from "../../domain/referral-pack/pack-document";
import type { MaracAction, MaracArea, MaracStage, ReferralVersion } from "./marac-records-api";

export const MARAC_REFERRAL_KIND = "marac-referral";
export const MARAC_STATUS_KIND = "marac-status";
export const MARAC_DECISIONS_KIND = "marac-decisions";
export const MARAC_KINDS: readonly string[] = [MARAC_REFERRAL_KIND, MARAC_STATUS_KIND, MARAC_DECISIONS_KIND];
/** What a coordinator's device may write into a team's stream; a team's device writes neither. */
export const COORDINATOR_KINDS: readonly string[] = [MARAC_STATUS_KIND, MARAC_DECISIONS_KIND];

/** The first group of every referral id (and so of the sync "case" of its records). */
export const MARAC_ID_PREFIX = "00000000-";

/** What a correction may say it changed: required, trimmed, at most this long. */
export const WHAT_CHANGED_MAX = 500;

function asUuid(hex: string[]): string {
  hex[12] = "8"; // RFC 9562 version 8: a UUID of our own making
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** A new referral id: the MARAC prefix, then 92 random bits, as a version 8 UUID. */
export function newReferralId(): string {
  const hex = [...randomBytes(16)].flatMap((byte) => byte.toString(16).padStart(2, "0").split(""));
  hex.fill("0", 0, 8);
  return asUuid(hex);
}

/** A profile's sync rows of referrals, as a [profileId+id] key range: their ids begin with MARAC_ID_PREFIX. */
export function maracRowRange(profileId: string): [[string, string], [string, string]] {
  return [
    [profileId, MARAC_ID_PREFIX],
    [profileId, `${MARAC_ID_PREFIX}\uffff`],
  ];
}

/** Whether an id (a record's, or a sync document's caseId) is a referral's. */
export function isMaracId(id: string): boolean {
  return id.startsWith(MARAC_ID_PREFIX) && id[14] === "8";
}

/** The status record of a referral: the same on every coordinator device. */
export async function statusRecordId(referralId: string): Promise<string> {
  return asUuid((await sha256Hex(`safe-referral marac status record v1\n${referralId}`)).slice(0, 32).split(""));
}

/** The match decisions record of a referral: the same on every coordinator device. */
export async function decisionsRecordId(referralId: string): Promise<string> {
  return asUuid((await sha256Hex(`safe-referral marac decisions record v1\n${referralId}`)).slice(0, 32).split(""));
}

export interface DecisionsBody {
  decisionsBodyVersion: 1;
  referralId: string;
  /** The decisions (JSON), sealed to the area's public key: base64. */
  sealed: string;
}

export interface ReferralBody {
  referralBodyVersion: 1;
  /** The referrer's case (an id the coordinator cannot use for anything). */
  caseId: string;
  /** The pack whose MARAC copy this version carries. */
  packId: string;
  area: MaracArea;
  /** Every version so far, oldest first; the last is this one. */
  versions: ReferralVersion[];
  /** The MARAC copy (shareable) of the pack. */
  pack: ReferralPackDocument;
  /** What matching reads, withheld facts left out. */
  referral: MaracReferral;
}

export interface StatusBody {
  statusBodyVersion: 1;
  referralId: string;
  stage: Exclude<MaracStage, "sent">;
  meetingDate?: string;
  actions: MaracAction[];
  updatedAt: string;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// Limits far above any pack the app builds (a referral refused here would never reach the coordinator;
// the envelope's own 4 MiB limit is what bounds it): they only stop a body that is not a pack at all.
const text = (max: number) => z.string().max(max);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

const listItemSchema = z.strictObject({
  text: text(100_000),
  sourcePaths: z.array(text(500)).max(1000),
  withheld: z.boolean().optional(),
});
const packDocumentSchema = z.strictObject({
  packDocumentVersion: z.literal(1),
  kind: z.enum(["marac", "s42"]),
  copy: z.literal("shareable"),
  title: text(1000),
  copyLabel: text(1000),
  protectiveMarking: text(2000),
  preparedAt: text(40),
  assessmentDate: text(40),
  sections: z
    .array(
      z.strictObject({
        id: text(200),
        title: text(1000),
        rows: z
          .array(
            z.strictObject({
              label: text(2000),
              value: text(100_000).optional(),
              list: z.array(listItemSchema).max(5000).optional(),
              sourcePaths: z.array(text(500)).max(1000),
              withheld: z.boolean().optional(),
            }),
          )
          .max(5000),
      }),
    )
    .max(500),
  withheldCount: z.number().int().nonnegative(),
});

const versionSchema = z.strictObject({
  version: z.number().int().min(1),
  sentAt: z.iso.datetime({ offset: true }),
  whatChanged: text(WHAT_CHANGED_MAX).optional(),
});

export const referralBodySchema = z.strictObject({
  referralBodyVersion: z.literal(1),
  caseId: text(64),
  packId: text(64),
  area: z.strictObject({ areaId: uuid, name: text(80) }),
  versions: z.array(versionSchema).min(1).max(1000),
  pack: packDocumentSchema,
  referral: z.strictObject({
    referralId: uuid,
    victim: z.strictObject({
      name: text(200).optional(),
      otherNames: text(500).optional(),
      dateOfBirth: isoDate.optional(),
      postcode: text(20).optional(),
    }),
    referringAgency: text(200).optional(),
    referredOn: isoDate,
    newIncident: z.boolean().optional(),
    listedFor: isoDate.optional(),
    heardOn: isoDate.optional(),
  }),
});

export const statusBodySchema = z.strictObject({
  statusBodyVersion: z.literal(1),
  referralId: uuid,
  stage: z.enum(["received", "on-agenda", "heard"]),
  meetingDate: isoDate.optional(),
  actions: z.array(z.strictObject({ text: text(2000), agency: text(200).optional() })).max(100),
  updatedAt: z.iso.datetime({ offset: true }),
});

export const decisionsBodySchema = z.strictObject({
  decisionsBodyVersion: z.literal(1),
  referralId: uuid,
  sealed: z
    .string()
    .max(4_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

/** A decisions body as it arrived, or null when it is not one. */
export function readDecisionsBody(body: unknown, referralId: string): DecisionsBody | null {
  const parsed = decisionsBodySchema.safeParse(body);
  if (!parsed.success || parsed.data.referralId !== referralId) return null;
  return parsed.data as DecisionsBody;
}

/** A referral body as it arrived, or null when it is not one (refused, never shown). */
export function readReferralBody(body: unknown, referralId: string): ReferralBody | null {
  const parsed = referralBodySchema.safeParse(body);
  if (!parsed.success || parsed.data.referral.referralId !== referralId) return null;
  const versions = parsed.data.versions;
  if (versions.some((version, index) => version.version !== index + 1)) return null;
  return parsed.data as ReferralBody;
}

/** A status body as it arrived, or null when it is not one. */
export function readStatusBody(body: unknown, referralId: string): StatusBody | null {
  const parsed = statusBodySchema.safeParse(body);
  if (!parsed.success || parsed.data.referralId !== referralId) return null;
  return parsed.data as StatusBody;
}
