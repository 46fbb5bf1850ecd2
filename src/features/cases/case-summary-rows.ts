// The check-your-answers rows of each section: what is recorded, in words, and whether it is
// withheld from copies for wider sharing. Pure, so the page and its tests agree on every row.
import type { Address, CaseDetails, DateEntry } from "../../domain/case-record/case-details";
import { readDateEntry } from "../../domain/case-record/date-entry";
import {
  ADDRESS_LABELS,
  ANSWER_LABELS,
  CHECK_LABELS,
  CHILD_RELATIONSHIP_LABELS,
  CONSENT_LABELS,
  RELATIONSHIP_LABELS,
  ROLE_LABELS,
} from "./case-labels";
import type { CaseSectionId } from "./case-sections";

export interface SummaryRow {
  label: string;
  /** "Not recorded" when nothing is. */
  value: string;
  withheld: boolean;
}

export const NOT_RECORDED = "Not recorded";

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function text(value: string | undefined): string {
  return value === undefined || value.trim() === "" ? NOT_RECORDED : value;
}

function coded<Value extends string>(value: Value | undefined, labels: Record<Value, string>): string {
  return value === undefined ? NOT_RECORDED : labels[value];
}

/** A real date in words; a date still being corrected as typed, so it is not mistaken for a fact. */
function date(
  holder: { dateOfBirth?: string | undefined; dateOfBirthAsEntered?: DateEntry | undefined },
  today: string,
): string {
  if (holder.dateOfBirth !== undefined) return longDate.format(new Date(`${holder.dateOfBirth}T00:00:00Z`));
  const entry = holder.dateOfBirthAsEntered;
  if (entry === undefined || readDateEntry(entry, "Date", today).kind === "empty") return NOT_RECORDED;
  return `${entry.day}/${entry.month}/${entry.year} (not a real date yet: needs correcting)`;
}

function address(value: Address | undefined): string {
  if (value === undefined) return NOT_RECORDED;
  const parts = [value.text, value.postcode].filter((part): part is string => part !== undefined && part.trim() !== "");
  const kind = ADDRESS_LABELS[value.kind];
  if (value.kind === "address") return parts.length > 0 ? parts.join(", ") : `${kind} (not given)`;
  return parts.length > 0 ? `${kind}: ${parts.join(", ")}` : kind;
}

/** Withheld when the path itself, or anything it sits inside, is marked never to share. */
function withheldIn(details: CaseDetails) {
  return (path: string | undefined): boolean => {
    if (path === undefined) return false;
    return details.nonDisclosure.some((entry) => path === entry || path.startsWith(`${entry}.`));
  };
}

export function summaryRows(section: CaseSectionId, details: CaseDetails, today: string): SummaryRow[] {
  const withheld = withheldIn(details);
  const row = (label: string, value: string, path?: string): SummaryRow => ({ label, value, withheld: withheld(path) });
  const { victim, perpetrator, referrer, consent } = details;
  const contact = victim.safeContact ?? {};
  switch (section) {
    case "victim":
      return [
        row("Victim's name", text(victim.name)),
        row("Other names", text(victim.otherNames), "victim.otherNames"),
        row("Date of birth", date(victim, today)),
        row("Gender", text(victim.gender)),
        row("Languages", text(victim.languages)),
        row("Interpreter needed", coded(victim.interpreterNeeded, ANSWER_LABELS)),
        ...(victim.interpreterNeeded === "yes"
          ? [row("Interpreter's language", text(victim.interpreterLanguage))]
          : []),
        row("Diversity and access needs", text(victim.diversityAndAccessNeeds), "victim.diversityAndAccessNeeds"),
      ];
    case "safe-contact":
      return [
        row("Safe phone number", text(contact.phone), "victim.safeContact.phone"),
        row("Safe email address", text(contact.email), "victim.safeContact.email"),
        row("Safe to call", coded(contact.safeToCall, ANSWER_LABELS), "victim.safeContact.safeToCall"),
        row("Safe to text", coded(contact.safeToText, ANSWER_LABELS), "victim.safeContact.safeToText"),
        row(
          "Safe to leave messages",
          coded(contact.safeToLeaveMessage, ANSWER_LABELS),
          "victim.safeContact.safeToLeaveMessage",
        ),
        row("Safe times", text(contact.safeTimes), "victim.safeContact.safeTimes"),
        row("Another safe way to reach them", text(contact.otherSafeMethod), "victim.safeContact.otherSafeMethod"),
      ];
    case "victim-address":
      return [row("Victim's address", address(victim.address), "victim.address")];
    case "perpetrator":
      return [
        row("Name", text(perpetrator.name)),
        row("Other names", text(perpetrator.otherNames)),
        row("Date of birth", date(perpetrator, today)),
        row("Relationship to the victim", coded(perpetrator.relationship, RELATIONSHIP_LABELS)),
        row("Relationship in more detail", text(perpetrator.relationshipDetail)),
        row("Their address", address(perpetrator.address)),
        row("History checks", coded(perpetrator.historyChecks, CHECK_LABELS)),
        row("What the checks found", text(perpetrator.historyChecksNote)),
      ];
    case "children":
      return [
        row("Children or dependants", coded(details.hasChildrenOrDependants, ANSWER_LABELS)),
        ...details.children.flatMap((child, index) => {
          const path = `children[${index}]`;
          const number = index + 1;
          const age =
            child.age === undefined
              ? child.ageAsEntered === undefined
                ? NOT_RECORDED
                : `${child.ageAsEntered} (needs correcting)`
              : `${child.age}`;
          return [
            row(`Child ${number}: name`, text(child.name), `${path}.name`),
            row(`Child ${number}: date of birth`, date(child, today), `${path}.dateOfBirth`),
            row(`Child ${number}: age`, age, `${path}.age`),
            row(`Child ${number}: school`, text(child.school), `${path}.school`),
            row(
              `Child ${number}: related to the person causing harm`,
              coded(child.relationshipToPerpetrator, CHILD_RELATIONSHIP_LABELS),
              `${path}.relationshipToPerpetrator`,
            ),
            row(
              `Child ${number}: lives with the victim`,
              coded(child.livesWithVictim, ANSWER_LABELS),
              `${path}.livesWithVictim`,
            ),
          ];
        }),
        row("Other dependants", text(details.otherDependants), "otherDependants"),
      ];
    case "referrer":
      return [
        row("Name", text(referrer.name)),
        row("Role", coded(referrer.role, ROLE_LABELS)),
        row("Agency or team", text(referrer.agency)),
        row("Phone", text(referrer.phone)),
        row("Email", text(referrer.email)),
      ];
    case "consent":
      return [
        row("Victim's wishes", text(victim.wishes), "victim.wishes"),
        row("Consent to share", coded(consent.status, CONSENT_LABELS)),
        ...(consent.status === "refused" || consent.status === "not-sought"
          ? [
              row("Lawful basis for sharing without consent", text(consent.lawfulBasis)),
              row("Why it must be shared without consent", text(consent.reasonWithoutConsent)),
            ]
          : []),
      ];
    case "agencies":
      return [
        row(
          "Agencies already involved",
          details.agenciesInvolved.length === 0 ? NOT_RECORDED : details.agenciesInvolved.join(", "),
          "agenciesInvolved",
        ),
        row("Actions already taken", text(details.actionsTaken), "actionsTaken"),
        row("Notes", text(details.notes), "notes"),
      ];
  }
}
