/**
 * What a profile label and a passphrase must be. Shared by `Vault` (set-up, recovery reset) and
 * `VaultSession` (passphrase change); screens read the limits to match their own form rules.
 */

import { z } from "zod";

export const MIN_PASSPHRASE_LENGTH = 8;
export const MAX_PASSPHRASE_LENGTH = 1024;
export const MAX_PROFILE_LABEL_LENGTH = 60;

export const passphraseSchema = z
  .string()
  .refine((value) => [...value.normalize("NFC")].length >= MIN_PASSPHRASE_LENGTH, {
    message: `must be at least ${MIN_PASSPHRASE_LENGTH} characters`,
  })
  .refine((value) => value.length <= MAX_PASSPHRASE_LENGTH, { message: "is too long" });

export const labelSchema = z.string().trim().min(1, "must not be empty").max(MAX_PROFILE_LABEL_LENGTH);
