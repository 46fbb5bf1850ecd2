// The MARAC referral pack (SafeLives referral form fields, reference §5.3): who refers, the victim
// and how to reach them safely, the person causing harm, the children, the risk with every reason,
// the full checklist, the timeline, the criteria met, earlier MARACs (here or elsewhere), who the
// victim is afraid of and who is safe to talk to, police references, awareness of the referral,
// consent or the lawful basis, agencies and actions already taken. safelives-marac-form.ts lists
// the form's questions and the pack fields answering each. Built from one completed assessment and the case details.
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import type { MaracCriterion, Outcome } from "../outcome";
import { assemblePack, type PackOptions } from "./assemble-pack";
import { item, listRow, row, type PackSection, type ReferralPackDocument } from "./pack-document";
import {
  actionsRows,
  agenciesRow,
  consentSection,
  pathwaysRow,
  policeSection,
  previousMaracRows,
  referralSection,
} from "./referral-sections";
import { answersSection, conflictsSection, riskSection, timelineSection } from "./assessment-sections";
import { childrenSection, perpetratorSection, threatsSection, victimSection } from "./people-sections";
import { evidenceText } from "./pack-text";
import { packPathOf } from "./redaction";

export type { PackOptions } from "./assemble-pack";

export const MARAC_CRITERION_LABELS: Record<MaracCriterion, string> = {
  "visible-high-risk": "Visible high risk (14 or more yes on the checklist)",
  "escalation-rule": "A stand-alone high-risk indicator (rule floor)",
  "professional-judgement": "Professional judgement",
  "carried-forward": "High risk carried forward from the last assessment",
  "potential-escalation": "Potential escalation (police call-outs in the last 12 months)",
  repeat: "Repeat MARAC (a further incident within 12 months of the last referral)",
};

export function maracCriteriaSection(outcome: Outcome, caseFile: CaseFile, details: CaseDetails): PackSection {
  const met = new Set(outcome.marac.criteria);
  const reasonsByCriterion = new Map(outcome.marac.reasons.map((reason) => [reason.criterion, reason]));
  const previousDates = caseFile.context?.previousMaracDates ?? [];
  return {
    id: "marac-criteria",
    title: "Reason for referral: MARAC criteria",
    rows: [
      row("Referral to MARAC", outcome.marac.refer ? "Yes: at least one criterion is met" : "No criterion is met", []),
      ...(Object.keys(MARAC_CRITERION_LABELS) as MaracCriterion[]).map((criterion) => {
        const reason = reasonsByCriterion.get(criterion);
        const value = met.has(criterion) ? `Yes${reason ? `. ${reason.reason}` : ""}` : "No";
        return row(MARAC_CRITERION_LABELS[criterion], value, [
          `outcome.marac.criteria.${criterion}`,
          ...(met.has(criterion) && reason ? reason.evidence.map(packPathOf) : []),
        ]);
      }),
      row(
        "Repeat referral",
        outcome.marac.repeat ? "Yes" : "No",
        outcome.marac.repeat ? ["context.previousMaracDates"] : [],
      ),
      ...previousMaracRows(details),
      listRow(
        "Previous MARAC dates",
        previousDates.map((date, index) => item(date, [`context.previousMaracDates[${index}]`])),
        [],
        "None recorded",
      ),
      ...(outcome.marac.reasons.length > 0
        ? [
            listRow(
              "Evidence for the criteria met",
              outcome.marac.reasons.map((reason) =>
                item(
                  `${MARAC_CRITERION_LABELS[reason.criterion]}: ${reason.evidence.map(evidenceText).join("; ")}`,
                  reason.evidence.map(packPathOf),
                ),
              ),
              [],
            ),
          ]
        : []),
    ],
  };
}

/** Builds a MARAC referral pack. The shareable copy has every withheld fact replaced by the marker. */
export function buildMaracPack(
  details: CaseDetails,
  caseFile: CaseFile,
  outcome: Outcome,
  options: PackOptions,
): ReferralPackDocument {
  const sections: PackSection[] = [
    referralSection(details, caseFile, options.preparedAt),
    ...conflictsSection(caseFile, details),
    victimSection(details, caseFile, "The victim"),
    threatsSection(details),
    perpetratorSection(details, caseFile, "The person causing harm"),
    childrenSection(details, caseFile),
    riskSection(outcome, details, caseFile),
    maracCriteriaSection(outcome, caseFile, details),
    policeSection(details),
    consentSection(details, "What the victim wants, awareness and consent", "What the victim wants", {
      aware: "Is the victim aware of the referral",
      whyNot: "Why the victim is not aware of the referral",
    }),
    {
      id: "agencies-actions",
      title: "Agencies involved and actions already taken",
      rows: [
        agenciesRow(details),
        pathwaysRow(outcome, "Other referrals called for", "marac"),
        ...actionsRows(details, caseFile),
      ],
    },
    timelineSection(outcome),
    answersSection(caseFile),
  ];
  return assemblePack("marac", "MARAC referral", sections, details, outcome, options);
}
