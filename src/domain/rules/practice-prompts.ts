import type { RiskLevel } from "../answers";
import type { CaseFile } from "../case-file";
import { answerOf, answeredIds, isYes } from "../case-facts";
import type { MissingInformation, TimelineStage, Warning } from "../outcome";
import { PLANNING_INDICATOR_IDS } from "./rule-floor";
import { labelForQuestion } from "../labels/labels";

// Prompts where the spec is silent but the domestic homicide reviews are not (docs/decisions.md,
// section 2). None of them changes the level, the colour or a pathway decision: they make a
// dangerous gap or a known misreading visible at the moment it can still be fixed.

const unresolved = (caseFile: CaseFile, id: string) => {
  const answer = answerOf(caseFile, id);
  return answer === "not-known" || answer === "not-asked";
};

/** Questions that, if the unresolved answer were yes, would on their own force high (decision 2.2). */
export function keyQuestionsUnresolved(
  caseFile: CaseFile,
  dashIds: readonly string[],
  level: RiskLevel,
): Warning | null {
  if (level === "high") return null;
  const candidates: string[] = [];
  const consider = (id: string, firesIfYes: boolean) => {
    if (firesIfYes && unresolved(caseFile, id) && (dashIds.includes(id) || answerOf(caseFile, id) === "not-known"))
      candidates.push(id);
  };
  consider("dash.strangulation", true);
  consider("dash.threats-to-kill", true);
  consider("dash.hurt-children", true);
  consider("dash.threatened-children", true);
  consider("dash.separation", isYes(caseFile, "dash.stalking"));
  consider("dash.stalking", isYes(caseFile, "dash.separation"));
  consider("dash.weapons", isYes(caseFile, "dash.more-often") || isYes(caseFile, "dash.getting-worse"));
  const weapons = isYes(caseFile, "dash.weapons");
  consider("dash.more-often", weapons && !isYes(caseFile, "dash.getting-worse"));
  consider("dash.getting-worse", weapons && !isYes(caseFile, "dash.more-often"));
  for (const id of [...PLANNING_INDICATOR_IDS, "hbv.family-threats", "hbv.multiple-perpetrators"]) {
    if (answerOf(caseFile, id) === "not-known") candidates.push(id);
  }
  if (!candidates.length) return null;
  return {
    code: "key-question-unresolved",
    message: `If any of these turns out to be yes, the risk is high: ${candidates.map(labelForQuestion).join("; ")}. Resolve them before relying on a ${level} level.`,
    evidence: candidates,
  };
}

/** History answered "no" although no checks on the perpetrator were done (decision 2.3). */
export function historyAnsweredWithoutChecks(caseFile: CaseFile): Warning | null {
  if (caseFile.context?.perpetratorChecks === "done") return null;
  const ids = [
    "dash.criminal-history",
    "dash.hurt-others",
    "dash.breach",
    "stalking.previous-stalking",
    "stalking.violent-past",
  ].filter((id) => answerOf(caseFile, id) === "no");
  if (!ids.length) return null;
  return {
    code: "history-answered-without-checks",
    message:
      'The perpetrator\'s history was answered "no" but checks on it have not been done. A victim may not know it: treat these as unconfirmed until police or agency records are checked.',
    evidence: [...ids, "context.perpetratorChecks"],
  };
}

/** The stalking or honour-based abuse screening was triggered but none of it asked (decision 2.5). */
export function supplementaryQuestionsNotAsked(caseFile: CaseFile): Warning[] {
  const warnings: Warning[] = [];
  const triggered = (id: string) => ["yes", "not-known"].includes(answerOf(caseFile, id));
  if (triggered("dash.stalking") && answeredIds(caseFile, "stalking.").length === 0) {
    warnings.push({
      code: "stalking-questions-not-asked",
      message: "Stalking or harassment is present or not known: ask the stalking questions.",
      evidence: ["dash.stalking"],
    });
  }
  const hbvTriggers = ["dash.other-threatening-person", "dash.isolated"].filter(triggered);
  if (hbvTriggers.length && answeredIds(caseFile, "hbv.").length === 0) {
    warnings.push({
      code: "hbv-questions-not-asked",
      message:
        "Another person is feared or the victim is isolated: ask the honour-based abuse questions (never through family or community members).",
      evidence: hbvTriggers,
    });
  }
  return warnings;
}

/** Trigger and escalation both evidenced on the timeline (decision 2.6). Never a prediction. */
export function timelineProgression(stages: readonly TimelineStage[]): Warning | null {
  const present = new Set(stages.map((s) => s.stage));
  if (!(present.has(4) && present.has(5))) return null;
  const changeInThinking = present.has(6);
  return {
    code: "timeline-progression",
    message: changeInThinking
      ? "The answers show a trigger, escalation and a change in thinking: this pattern has come before killings. Act now and review the safety plan."
      : "The answers show a trigger (such as separation) followed by escalation. Look for signs of a change in thinking or planning.",
    evidence: stages.filter((s) => s.stage >= 4 && s.stage <= 6).flatMap((s) => s.indicators),
  };
}

/** The victim's own suicide or self-harm risk (decision 2.7). */
export function victimSuicideRisk(caseFile: CaseFile): Warning | null {
  const evidence = ["dash.depressed-suicidal", "hbv.self-harm"].filter((id) => isYes(caseFile, id));
  return evidence.length
    ? {
        code: "victim-suicide-risk",
        message:
          "The victim has suicidal thoughts or self-harms: make a safety plan for this too and refer to mental health support.",
        evidence,
      }
    : null;
}

/** High-rise housing: a risk of place, without raising the level (decision 2.9). */
export function riskOfPlace(caseFile: CaseFile): Warning | null {
  return caseFile.context?.housing === "high-rise"
    ? {
        code: "risk-of-place",
        message:
          "The victim lives in a high-rise flat: consider falls from height and escape routes in the safety plan.",
        evidence: ["context.housing"],
      }
    : null;
}

/** Capacity offered as the answer to "unable to protect self" (decision 2.10). */
export function capacityIsNotTheTest(caseFile: CaseFile): Warning | null {
  const care = caseFile.context?.careAndSupport;
  if (!care || care.capacity !== "has-capacity" || care.unableToProtectSelf === "yes") return null;
  return {
    code: "capacity-is-not-the-test",
    message:
      "Having mental capacity does not mean a person can protect themselves. Decide whether their care and support needs stop them protecting themselves, separately from capacity.",
    evidence: ["context.careAndSupport.capacity", "context.careAndSupport.unableToProtectSelf"],
  };
}

/** Sexual exploitation, cuckooing and trafficking are abuse, never a choice (decision 2.12). */
export function exploitationIsAbuse(caseFile: CaseFile): Warning | null {
  const tags = (caseFile.context?.exploitation ?? []).filter((t) =>
    ["sexual-exploitation", "sex-for-accommodation", "cuckooing", "trafficking"].includes(t),
  );
  return tags.length
    ? {
        code: "exploitation-is-abuse",
        message:
          "Exploitation is abuse, not a lifestyle choice: raise an adult safeguarding concern and let adult social care apply the s42 test.",
        evidence: tags.map((t) => `context.exploitation.${t}`),
      }
    : null;
}

/** Facts a referral needs that were left unrecorded (decision 2.16). None makes it provisional. */
export function unrecordedContextFacts(caseFile: CaseFile): MissingInformation[] {
  const missing: MissingInformation[] = [];
  const context = caseFile.context;
  if (context?.children === undefined) {
    missing.push({
      field: "context.children",
      why: "Record whether any children or dependants live in the household or visit (an empty list if none).",
    });
  }
  if (context?.pregnant === "not-known") {
    missing.push({
      field: "context.pregnant",
      why: "Find out whether the victim is pregnant: pregnancy is a trigger point.",
    });
  }
  (context?.protectiveOrders ?? []).forEach((order, index) => {
    if (order.expires === undefined) {
      missing.push({
        field: `context.protectiveOrders[${index}].expires`,
        why: "Record when the order ends: its end is a danger point and brings the review forward.",
      });
    }
  });
  return missing;
}
