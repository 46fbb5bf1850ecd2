/**
 * Validation for the clear (unencrypted) fields of stored records, shared by
 * the vault (checking what screens pass in) and backup import (checking what
 * a file claims). Encrypted content stays opaque JSON here; the domain layer
 * owns its shape.
 */

import { z } from "zod";
import { CASE_STATUSES, type CaseSummaryFields } from "./db";
import { InvalidInputError } from "./errors";

/**
 * Clear fields hold codes, not prose. Forbidding spaces and limiting length
 * makes it hard to put a name or a sentence into a field that is stored
 * unencrypted, even by mistake.
 */
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const codeSchema = z
  .string()
  .regex(CODE_PATTERN, 'must be a short code (letters, digits, ".", "_", ":" or "-"), not free text');

export const isoTimestampSchema = z.iso.datetime();

export const caseStatusSchema = z.enum(CASE_STATUSES);

export const caseSummaryFieldsSchema = z.strictObject({
  riskLevel: codeSchema.nullable(),
  brag: codeSchema.nullable(),
  flags: z.array(codeSchema).max(100),
  qualityScore: z.number().finite().nullable(),
  latestAssessedAt: isoTimestampSchema.nullable(),
});

/**
 * A practitioner-side label stored in clear (who wrote a case, for which agency): one short line.
 * Never victim details; the screens only ever pass the profile label or an agency name here.
 */
export const MAX_CLEAR_LABEL_LENGTH = 60;
export const clearLabelSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_CLEAR_LABEL_LENGTH)
  .refine((value) => !/\p{Cc}/u.test(value), "must be a single line");

export const referralSentSchema = z.strictObject({
  sentAt: isoTimestampSchema,
  assessedAt: isoTimestampSchema.nullable(),
});

/** The review fields as a backup file may carry them (all optional: older files have none). */
export const caseReviewFieldsSchema = z.strictObject({
  author: clearLabelSchema.nullable().optional(),
  agency: clearLabelSchema.nullable().optional(),
  assessorRole: codeSchema.nullable().optional(),
  reviewStatus: codeSchema.nullable().optional(),
  reviewedAt: isoTimestampSchema.nullable().optional(),
  referralsSent: z.record(codeSchema, referralSentSchema).optional(),
});

/**
 * What a screen may set directly; `latestAssessedAt` is maintained by completeAssessment, and
 * author, review status and sent referrals by their own session methods.
 */
export const caseSummaryInputSchema = caseSummaryFieldsSchema
  .omit({ latestAssessedAt: true })
  .extend({ agency: clearLabelSchema.nullable(), assessorRole: codeSchema.nullable() })
  .partial();
export type CaseSummaryInput = z.infer<typeof caseSummaryInputSchema>;

export const EMPTY_CASE_SUMMARY: CaseSummaryFields = {
  riskLevel: null,
  brag: null,
  flags: [],
  qualityScore: null,
  latestAssessedAt: null,
};

/** `value` checked against `schema`; anything else is an InvalidInputError naming `what`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InvalidInputError(`Invalid ${what}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}
