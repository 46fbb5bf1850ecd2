/**
 * Validation for the clear (unencrypted) fields of stored records, shared by
 * the vault (checking what screens pass in) and backup import (checking what
 * a file claims). Encrypted content stays opaque JSON here; the domain layer
 * owns its shape.
 */

import { z } from 'zod';
import { CASE_STATUSES, type CaseSummaryFields } from './db';

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

/** What a screen may set directly; `latestAssessedAt` is maintained by completeAssessment. */
export const caseSummaryInputSchema = caseSummaryFieldsSchema.omit({ latestAssessedAt: true }).partial();
export type CaseSummaryInput = z.infer<typeof caseSummaryInputSchema>;

export const EMPTY_CASE_SUMMARY: CaseSummaryFields = {
  riskLevel: null,
  brag: null,
  flags: [],
  qualityScore: null,
  latestAssessedAt: null,
};
