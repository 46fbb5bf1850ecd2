// A pack file's name says what the file is and which copy, by purpose ("full copy for the MARAC
// (send securely)", "copy for wider sharing (redacted)"), never who it is about.
import { copyNameFor, type ReferralPackDocument } from "../../domain/referral-pack/pack-document";

/** "marac-referral-full-copy-for-the-marac-send-securely-2025-03-10.pdf". */
export function packFileName(document: ReferralPackDocument, extension: "pdf" | "json"): string {
  const copy = copyNameFor(document.kind, document.copy)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${document.kind}-referral-${copy}-${document.preparedAt.slice(0, 10)}.${extension}`;
}
