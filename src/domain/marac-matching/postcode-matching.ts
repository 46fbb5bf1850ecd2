// UK postcodes: the same full postcode is a strong sign of the same household; the same district
// (the outward code, "LS6") a weak one, since thousands live in each; a different postcode says
// little, since victims move (and a move is when a repeat MARAC is most often lost).
import { notComparedReason } from "./marac-referral";

export type PostcodeAgreementKind = "same" | "same-district" | "different" | "unknown";

export interface PostcodeAgreement {
  kind: PostcodeAgreementKind;
  reason: string;
  evidence: string[];
}

export interface ReadPostcode {
  /** The outward code (district), e.g. "LS6". */
  outward: string;
  /** The inward code, e.g. "2AB"; absent when only the district was written. */
  inward?: string;
}

// Outward codes are A9, A99, AA9, AA99, A9A or AA9A; inward codes 9AA. GIR 0AA is the one exception.
const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;
const DISTRICT_ONLY = /^[A-Z]{1,2}\d[A-Z\d]?$/;

/** Reads a postcode whatever its spacing and case; null when it is not a UK postcode or district. */
export function readPostcode(written: string | undefined): ReadPostcode | null {
  if (written === undefined) return null;
  const compact = written.toUpperCase().replace(/\s+/g, "");
  if (compact === "GIR0AA") return { outward: "GIR", inward: "0AA" };
  const full = FULL_POSTCODE.exec(compact);
  if (full) return { outward: full[1]!, inward: full[2]! };
  return DISTRICT_ONLY.test(compact) ? { outward: compact } : null;
}

const shown = (postcode: ReadPostcode) =>
  postcode.inward ? `${postcode.outward} ${postcode.inward}` : postcode.outward;
const EVIDENCE = ["newReferral.victim.postcode", "heldReferral.victim.postcode"];

export function comparePostcodes(newWritten: string | undefined, heldWritten: string | undefined): PostcodeAgreement {
  const newPostcode = readPostcode(newWritten);
  const heldPostcode = readPostcode(heldWritten);
  if (!newPostcode || !heldPostcode) {
    const reason = notComparedReason({ one: "postcode", many: "postcodes" }, !newPostcode, !heldPostcode);
    return { kind: "unknown", reason, evidence: [] };
  }
  const both = `${shown(newPostcode)} / ${shown(heldPostcode)}`;
  if (newPostcode.outward !== heldPostcode.outward) {
    return { kind: "different", reason: `Different postcodes (${both})`, evidence: EVIDENCE };
  }
  if (newPostcode.inward && newPostcode.inward === heldPostcode.inward) {
    return { kind: "same", reason: `Same postcode (${shown(newPostcode)})`, evidence: EVIDENCE };
  }
  const detail = newPostcode.inward && heldPostcode.inward ? `: ${both}` : "";
  return {
    kind: "same-district",
    reason: `Same postcode district (${newPostcode.outward})${detail}`,
    evidence: EVIDENCE,
  };
}
