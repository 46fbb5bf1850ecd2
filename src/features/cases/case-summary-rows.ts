// The check-your-answers rows of each section: what is recorded, in words, and whether it is
// withheld from copies for wider sharing. Pure, so the page and its tests agree on every row.
import type { Address, CaseDetails, DateEntry } from "../../domain/case-record/case-details";
import { readDateEntry } from "../../domain/case-record/date-entry";
import {
  ADDRESS_LABELS,
  AFRAID_OF_LABELS,
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
function dateInWords(isoDate: string | undefined, entry: DateEntry | undefined, today: string): string {
  if (isoDate !== undefined) return longDate.format(new Date(`${isoDate}T00:00:00Z`));
  if (entry === undefined || readDateEntry(entry, "Date", today).kind === "empty") return NOT_RECORDED;
  return `${entry.day}/${entry.month}/${entry.year} (not a real date yet: needs correcting)`;
}

function date(
  holder: { dateOfBirth?: string | undefined; dateOfBirthAsEntered?: DateEntry | undefined },
  today: string,
): string {
  return dateInWords(holder.dateOfBirth, holder.dateOfBirthAsEntered, today);
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

type RowMaker = (label: string, value: string, path?: string) => SummaryRow;

/** Who the victim is afraid of: the answer, then each person named, or why it is not known. */
function afraidOfRows(details: CaseDetails, row: RowMaker): SummaryRow[] {
  const afraidOf = details.victim.afraidOf;
  const path = "victim.afraidOf";
  const rows = [row("Who they are afraid of", coded(afraidOf?.answer, AFRAID_OF_LABELS), path)];
  if (afraidOf?.answer === "not-known")
    rows.push(row("Why it is not known who they are afraid of", text(afraidOf.notKnownReason), path));
  if (afraidOf?.answer === "named") {
    (afraidOf.people ?? []).forEach((person, index) => {
      const number = index + 1;
      rows.push(
        row(`Person ${number} they are afraid of: name`, text(person.name), path),
        row(`Person ${number}: who they are to the victim`, text(person.relationship), path),
        row(`Person ${number}: what the victim fears`, text(person.details), path),
      );
    });
  }
  return rows;
}

function maracPoliceRows(details: CaseDetails, today: string, row: RowMaker): SummaryRow[] {
  const previous = details.previousMarac;
  const police = details.police ?? {};
  const officer = police.officerInCharge ?? {};
  const references = (police.crimeReferences ?? []).filter((reference) => reference.trim() !== "");
  const referrals = previous?.referredBefore === "yes" ? (previous.referrals ?? []) : [];
  return [
    row("Referred to a MARAC before", coded(previous?.referredBefore, ANSWER_LABELS)),
    ...(previous?.referredBefore === "not-known"
      ? [row("Why it is not known whether they were referred before", text(previous.notKnownReason))]
      : []),
    ...referrals.flatMap((referral, index) => {
      const number = index + 1;
      return [
        row(`Earlier MARAC ${number}: area`, text(referral.area)),
        row(`Earlier MARAC ${number}: date`, dateInWords(referral.date, referral.dateAsEntered, today)),
        row(`Earlier MARAC ${number}: why the area or date is not known`, text(referral.notKnownReason)),
      ];
    }),
    row("Crime reference numbers", references.length === 0 ? NOT_RECORDED : references.join(", ")),
    row("Officer in charge", text(officer.name)),
    row("Officer's rank and number", text(officer.rankAndNumber)),
    row("Officer's phone", text(officer.phone)),
    row("Officer's email", text(officer.email)),
    row("Wants to speak to the police about the offences", coded(police.wantsToSpeakToPolice, ANSWER_LABELS)),
    row("Why", text(police.wantsToSpeakToPoliceReason)),
  ];
}

export function summaryRows(section: CaseSectionId, details: CaseDetails, today: string): SummaryRow[] {
  const withheld = withheldIn(details);
  const row: RowMaker = (label, value, path) => ({ label, value, withheld: withheld(path) });
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
        ...afraidOfRows(details, row),
        row("Who they believe it is safe to talk to", text(victim.safeToTalkTo), "victim.safeToTalkTo"),
        row("Who they believe it is not safe to talk to", text(victim.notSafeToTalkTo), "victim.notSafeToTalkTo"),
        row("GP practice", text(victim.gpPractice), "victim.gpPractice"),
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
        row("Anyone else at risk", coded(details.othersAtRisk?.anyone, ANSWER_LABELS)),
        ...(details.othersAtRisk?.anyone === "yes"
          ? [row("Who else is at risk, and how", text(details.othersAtRisk.who))]
          : []),
        ...(details.othersAtRisk?.anyone === "not-known"
          ? [row("Why it is not known whether anyone else is at risk", text(details.othersAtRisk.notKnownReason))]
          : []),
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
        row("Victim knows about this referral", coded(consent.victimAware, ANSWER_LABELS)),
        ...(consent.victimAware === "no" ? [row("Why they are not aware", text(consent.whyNotAware))] : []),
        ...(consent.victimAware === "not-known"
          ? [row("Why it is not known whether they are aware", text(consent.awareNotKnownReason))]
          : []),
      ];
    case "marac-police":
      return maracPoliceRows(details, today, row);
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
