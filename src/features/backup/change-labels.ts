// Plain English for what an import would change: storage lists the dotted paths that differ
// (analyseImport's RecordChange.fields); the confirm screen shows them as a list a practitioner reads.
import type { PolicyChange, RecordChange } from "../../storage/import-types";

const PARTS: Record<string, string> = {
  victim: "victim's",
  perpetrator: "perpetrator's",
  referrer: "referrer's",
  consent: "consent:",
  police: "police:",
  previousMarac: "earlier MARAC referrals:",
  othersAtRisk: "others at risk:",
  safeContact: "safe contact",
  officerInCharge: "officer in charge",
  afraidOf: "who they are afraid of",
  dateOfBirth: "date of birth",
  dateOfBirthAsEntered: "date of birth",
  otherNames: "other names",
  gpPractice: "GP practice",
  historyChecks: "history checks",
  historyChecksNote: "history checks note",
  lawfulBasis: "lawful basis",
  victimAware: "whether the victim knows",
  crimeReferences: "crime references",
  interpreterNeeded: "interpreter needed",
  diversityAndAccessNeeds: "diversity and access needs",
};

/** Whole labels for paths whose parts don't read well on their own. */
const WHOLE: Record<string, string> = {
  "details.victim.name": "Victim's name",
  "details.perpetrator.name": "Perpetrator's name",
  "details.children": "Children and dependants",
  "details.hasChildrenOrDependants": "Whether there are children or dependants",
  "details.otherDependants": "Other dependants",
  "details.agenciesInvolved": "Agencies involved",
  "details.actionsTaken": "Actions already taken",
  "details.notes": "Case notes",
  "details.nonDisclosure": "Facts never to be shared with the perpetrator",
  "details.detailsVersion": "Record format",
  status: "Status (open or closed)",
  riskLevel: "Risk level",
  brag: "BRAG rating",
  flags: "Flags (referrals, checks)",
  qualityScore: "Quality score",
  latestAssessedAt: "Date last assessed",
  author: "Author",
  agency: "Agency",
  assessorRole: "Assessor's role",
  referralsSent: "Referrals marked sent",
  assessedAt: "Date assessed",
  questionSetId: "Question set",
  questionSetVersion: "Question set version",
  policyName: "Policy",
  policyVersion: "Policy version",
  content: "Answers and content",
  outcome: "Result of the assessment",
  notes: "Notes kept with the assessment",
  kind: "Kind of pack",
  readyAt: "Date marked ready",
  sentAt: "Date sent",
  "(everything)": "Everything",
};

function words(name: string): string {
  return PARTS[name] ?? name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** "details.victim.safeContact" → "Victim's safe contact"; "content.answers" → "Answers and content: answers". */
export function fieldLabel(path: string): string {
  if (WHOLE[path] !== undefined) return WHOLE[path];
  const parts = path.split(".");
  if (parts[0] === "details") parts.shift();
  else if (WHOLE[parts[0]!] !== undefined) return `${WHOLE[parts[0]!]}: ${parts.slice(1).map(words).join(" ")}`;
  const text = parts.map(words).join(" ").replace(/: /g, " – ").replace(/:$/, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The heading of one replaced record, e.g. "Your draft assessment would become the file's completed assessment". */
export function recordHeading(change: RecordChange): string {
  if (change.store === "cases") return "Case details";
  if (change.store === "assessments") {
    const local = change.localStatus === "completed" ? "completed assessment" : "draft assessment";
    const file = change.fileStatus === "completed" ? "completed assessment" : "draft";
    return `Your ${local} would be replaced by the file's ${file}`;
  }
  return `Referral pack (${change.localStatus} here, ${change.fileStatus} in the file)`;
}

/** Distinct plain-English labels, in order. */
export function changeList(change: RecordChange): string[] {
  return [...new Set(change.fields.map(fieldLabel))];
}

/** The thresholds a practitioner compares when a file would change the active policy. */
export const POLICY_ROWS: readonly { key: keyof PolicyChange["current"]; label: string }[] = [
  { key: "name", label: "Policy name" },
  { key: "version", label: "Version" },
  { key: "highRiskYesCount", label: "“Yes” answers for high risk" },
  { key: "mediumRiskYesCount", label: "“Yes” answers for medium risk" },
  { key: "potentialEscalationCallouts", label: "Police call-outs for potential escalation" },
  { key: "repeatMaracMonths", label: "Months within which a referral is a repeat MARAC" },
  { key: "s42ConcernsCount", label: "Concerns before a section 42 referral" },
  { key: "s42ConcernsMonths", label: "Months those concerns are counted over" },
  { key: "reviewDays", label: "Days before a case is due for review" },
  { key: "carryForwardMonths", label: "Months an answer is carried forward" },
];
