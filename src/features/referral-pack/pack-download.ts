// A pack file's name says what the file is and which copy, never who it is about.
import type { ReferralPackDocument } from "../../domain/referral-pack/pack-document";

export function packFileName(document: ReferralPackDocument, extension: "pdf" | "json"): string {
  const copy = document.copy === "referrer" ? "referrers-copy" : "shareable-copy";
  return `${document.kind}-referral-${copy}-${document.preparedAt.slice(0, 10)}.${extension}`;
}
