// Which packs an outcome calls for, and building either one by kind.
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import type { Outcome } from "../outcome";
import type { PackOptions } from "./assemble-pack";
import { buildMaracPack } from "./build-marac-pack";
import { buildS42Pack } from "./build-s42-pack";
import type { PackKind, ReferralPackDocument } from "./pack-document";

export interface PackOffer {
  kind: PackKind;
  /** "refer" when the outcome refers; "consider" when it asks the practitioner to weigh it up. */
  decision: "refer" | "consider";
  reasons: string[];
}

/**
 * The packs the outcome's pathways call for: MARAC and s42 each when their pathway is refer or
 * consider. Both may apply; one never excludes the other.
 */
export function packsCalledFor(outcome: Outcome): PackOffer[] {
  const offers: PackOffer[] = [];
  for (const kind of ["marac", "s42"] as const) {
    const pathway = outcome.pathways.find((candidate) => candidate.pathway === kind);
    if (pathway && pathway.decision !== "not-met")
      offers.push({ kind, decision: pathway.decision, reasons: pathway.reasons });
  }
  return offers;
}

export function buildPack(
  kind: PackKind,
  details: CaseDetails,
  caseFile: CaseFile,
  outcome: Outcome,
  options: PackOptions,
): ReferralPackDocument {
  return kind === "marac"
    ? buildMaracPack(details, caseFile, outcome, options)
    : buildS42Pack(details, caseFile, outcome, options);
}
