import type { BragColour, RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import { isYes } from "../case-facts";

// BRAG-style vulnerability. A factor counts when answered yes or when a recorded context fact
// implies it: reviews found rough sleeping, addiction and exploitation recorded in one place and
// a vulnerability rating of "amber" in another. The facts carry the rating.

export const BRAG_FACTORS = [
  "brag.immediate-risk",
  "brag.no-safe-home",
  "brag.substance-use",
  "brag.mental-health",
  "brag.violence",
  "brag.exploitation",
  "brag.no-money",
  "brag.isolated",
  "brag.disability",
] as const;
export type BragFactor = (typeof BRAG_FACTORS)[number];

export interface PresentFactor {
  factor: BragFactor;
  evidence: string[];
}

/** Each present vulnerability factor with the answers and context facts that make it present. */
export function presentVulnerabilityFactors(caseFile: CaseFile): PresentFactor[] {
  const evidence = new Map<BragFactor, string[]>();
  const add = (factor: BragFactor, source: string) => {
    const list = evidence.get(factor) ?? [];
    list.push(source);
    evidence.set(factor, list);
  };
  for (const factor of BRAG_FACTORS) if (isYes(caseFile, factor)) add(factor, factor);
  const context = caseFile.context;
  if (context) {
    if (context.housing === "rough-sleeping" || context.housing === "sofa-surfing" || context.housing === "temporary") {
      add("brag.no-safe-home", "context.housing");
    }
    for (const substance of context.substanceUse ?? []) add("brag.substance-use", `context.substanceUse.${substance}`);
    for (const tag of context.exploitation ?? []) add("brag.exploitation", `context.exploitation.${tag}`);
    for (const kind of context.careAndSupport?.needsKinds ?? []) {
      const source = `context.careAndSupport.needsKinds.${kind}`;
      if (kind === "mental-ill-health") add("brag.mental-health", source);
      else if (kind === "substance-dependence") add("brag.substance-use", source);
      else if (
        ["physical-disability", "learning-disability", "neurodivergence", "brain-injury", "sensory"].includes(kind)
      ) {
        add("brag.disability", source);
      }
    }
  }
  return BRAG_FACTORS.filter((f) => evidence.has(f)).map((factor) => ({ factor, evidence: evidence.get(factor)! }));
}

/**
 * Computed colour: red for immediate risk, a high final level, or exploitation or violence with at
 * least two further factors (multiple disadvantage); amber for any factor; blue otherwise.
 * Green is never computed: it is the assessor's call ("noted, advice only").
 */
export function computeBragColour(factors: readonly PresentFactor[], finalLevel: RiskLevel): BragColour {
  const present = new Set(factors.map((f) => f.factor));
  if (present.has("brag.immediate-risk") || finalLevel === "high") return "red";
  const anchors = ["brag.exploitation", "brag.violence"] as const;
  const othersThanImmediate = [...present].filter((f) => f !== "brag.immediate-risk");
  for (const anchor of anchors) {
    if (present.has(anchor) && othersThanImmediate.filter((f) => f !== anchor).length >= 2) return "red";
  }
  return present.size > 0 ? "amber" : "blue";
}
