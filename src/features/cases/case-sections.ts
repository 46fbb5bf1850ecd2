// The case overview's sections: what each one is called, when it counts as started or complete
// enough to refer, and which of its entries need correcting. Pure functions over CaseDetails, so the
// overview and each question page agree, and the rules are tested without a screen.
import {
  emptyCaseDetails,
  type Referrer,
  type AfraidOf,
  type CaseDetails,
  type DateEntry,
} from "../../domain/case-record/case-details";
import { readChildAge, readDateEntry } from "../../domain/case-record/date-entry";
import { referralQuestionErrors } from "../../domain/case-record/referral-questions";
import type { SummaryError } from "../../ui/error-summary";

export const CASE_SECTIONS = [
  { id: "victim", title: "About the victim" },
  { id: "safe-contact", title: "Safe contact" },
  { id: "victim-address", title: "Victim's address" },
  { id: "perpetrator", title: "The person causing harm" },
  { id: "children", title: "Children and dependants" },
  { id: "referrer", title: "Referrer" },
  { id: "consent", title: "Wishes and consent" },
  { id: "marac-police", title: "Previous MARAC and police" },
  { id: "agencies", title: "Agencies and actions" },
] as const;
export type CaseSectionId = (typeof CASE_SECTIONS)[number]["id"];

/**
 * The question page that records a fact, from a referral pack's "fix" path such as
 * "details.victim.safeContact.safeTimes" or "details.children[1].school". Null when no page does.
 */
export function sectionForDetailsPath(path: string): CaseSectionId | null {
  const field = path.replace(/^details\./, "");
  const rules: [RegExp, CaseSectionId][] = [
    [/^victim\.safeContact\b/, "safe-contact"],
    [/^victim\.address\b/, "victim-address"],
    [/^victim\.wishes\b/, "consent"],
    [/^victim\b/, "victim"],
    [/^perpetrator\b/, "perpetrator"],
    [/^(children|otherDependants|hasChildrenOrDependants|othersAtRisk)\b/, "children"],
    [/^referrer\b/, "referrer"],
    [/^consent\b/, "consent"],
    [/^(previousMarac|police)\b/, "marac-police"],
    [/^(agenciesInvolved|actionsTaken|notes)\b/, "agencies"],
  ];
  return rules.find(([pattern]) => pattern.test(field))?.[1] ?? null;
}

export type SectionStatus = "not-started" | "in-progress" | "completed";

export const STATUS_TEXT: Record<SectionStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  completed: "Completed",
};

/** Element ids of the fields an error can point at (a date points at its day box, as GOV.UK does). */
export const FIELD_IDS = {
  victimDateOfBirth: "case-victim-dob-day",
  interpreterLanguage: "case-victim-interpreter-language",
  contactEmail: "case-contact-email",
  addressText: "case-victim-address-text",
  perpetratorDateOfBirth: "case-perpetrator-dob-day",
  childDateOfBirth: (index: number) => `case-child-${index}-dob-day`,
  childAge: (index: number) => `case-child-${index}-age`,
  referrerEmail: "case-referrer-email",
  lawfulBasis: "case-consent-lawful-basis",
  reasonWithoutConsent: "case-consent-reason",
  afraidOfAdd: "case-afraid-of-add",
  afraidOfName: (index: number) => `case-afraid-of-${index}-name`,
  afraidOfNotKnown: "case-afraid-of-not-known",
  whyNotAware: "case-consent-why-not-aware",
  awareNotKnown: "case-consent-aware-not-known",
  previousMaracNotKnown: "case-previous-marac-not-known",
  previousMaracAdd: "case-previous-marac-add",
  previousMaracArea: (index: number) => `case-previous-marac-${index}-area`,
  previousMaracDate: (index: number) => `case-previous-marac-${index}-date-day`,
  officerEmail: "case-police-officer-email",
  speakToPoliceReason: "case-police-speak-reason",
  othersAtRiskWho: "case-others-at-risk-who",
  othersAtRiskNotKnown: "case-others-at-risk-not-known",
} as const;

/**
 * The field a referral-question path (from referralQuestionErrors) is typed into. A missing list
 * entry points at the list's add button, where the practitioner adds one.
 */
function fieldIdForQuestionPath(path: string): string {
  const indexed = /^(victim\.afraidOf\.people|previousMarac\.referrals)\[(\d+)\]\.(\w+)$/.exec(path);
  if (indexed) {
    const index = Number(indexed[2]);
    if (indexed[1] === "victim.afraidOf.people") return FIELD_IDS.afraidOfName(index);
    return indexed[3] === "date" ? FIELD_IDS.previousMaracDate(index) : FIELD_IDS.previousMaracArea(index);
  }
  const fixed: Record<string, string> = {
    "consent.whyNotAware": FIELD_IDS.whyNotAware,
    "consent.awareNotKnownReason": FIELD_IDS.awareNotKnown,
    "victim.afraidOf.people": FIELD_IDS.afraidOfAdd,
    "victim.afraidOf.notKnownReason": FIELD_IDS.afraidOfNotKnown,
    "previousMarac.referrals": FIELD_IDS.previousMaracAdd,
    "previousMarac.notKnownReason": FIELD_IDS.previousMaracNotKnown,
    "police.wantsToSpeakToPoliceReason": FIELD_IDS.speakToPoliceReason,
    "othersAtRisk.who": FIELD_IDS.othersAtRiskWho,
    "othersAtRisk.notKnownReason": FIELD_IDS.othersAtRiskNotKnown,
  };
  return fixed[path] ?? path;
}

/** The referral forms' follow-up answers still to give on this section's page (see referral-questions.ts). */
function questionErrors(section: CaseSectionId, details: CaseDetails, today: string): SummaryError[] {
  return referralQuestionErrors(details, today)
    .filter((error) => sectionForDetailsPath(error.path) === section)
    .map((error) => ({ fieldId: fieldIdForQuestionPath(error.path), message: error.message }));
}

/** Text that holds something other than spaces. */
function filled(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== "";
}

function anyFilled(...values: unknown[]): boolean {
  return values.some((value) => (typeof value === "string" ? filled(value) : value !== undefined));
}

function entryFilled(entry: DateEntry | undefined): boolean {
  return entry !== undefined && (filled(entry.day) || filled(entry.month) || filled(entry.year));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function dateError(entry: DateEntry | undefined, label: string, fieldId: string, today: string): SummaryError[] {
  if (entry === undefined) return [];
  const reading = readDateEntry(entry, label, today);
  return reading.kind === "invalid" ? [{ fieldId, message: reading.message }] : [];
}

function emailError(email: string | undefined, fieldId: string): SummaryError[] {
  if (!filled(email) || EMAIL.test(email!.trim())) return [];
  return [{ fieldId, message: "Enter an email address in the correct format, like name@example.com" }];
}

/** True when sharing rests on a lawful basis rather than the victim's consent. */
export function sharingWithoutConsent(details: CaseDetails): boolean {
  return details.consent.status === "refused" || details.consent.status === "not-sought";
}

/** What needs correcting on a section's page, in the order the fields appear there. */
export function sectionErrors(section: CaseSectionId, details: CaseDetails, today: string): SummaryError[] {
  return [...fieldErrors(section, details, today), ...questionErrors(section, details, today)];
}

/** The checks of single fields (dates, emails, a follow-up the case form itself asks). */
function fieldErrors(section: CaseSectionId, details: CaseDetails, today: string): SummaryError[] {
  const { victim, perpetrator, consent } = details;
  switch (section) {
    case "victim":
      return [
        ...dateError(victim.dateOfBirthAsEntered, "Date of birth", FIELD_IDS.victimDateOfBirth, today),
        ...(victim.interpreterNeeded === "yes" && !filled(victim.interpreterLanguage)
          ? [{ fieldId: FIELD_IDS.interpreterLanguage, message: "Enter the language the interpreter must speak" }]
          : []),
      ];
    case "safe-contact":
      return emailError(victim.safeContact?.email, FIELD_IDS.contactEmail);
    case "victim-address":
      return victim.address?.kind === "address" && !filled(victim.address.text)
        ? [
            {
              fieldId: FIELD_IDS.addressText,
              message: "Enter the victim's address, or choose no fixed abode or not known",
            },
          ]
        : [];
    case "perpetrator":
      return dateError(
        perpetrator.dateOfBirthAsEntered,
        "Their date of birth",
        FIELD_IDS.perpetratorDateOfBirth,
        today,
      );
    case "children":
      return details.children.flatMap((child, index) => {
        const age = child.ageAsEntered === undefined ? undefined : readChildAge(child.ageAsEntered);
        return [
          ...dateError(
            child.dateOfBirthAsEntered,
            `Child ${index + 1}'s date of birth`,
            FIELD_IDS.childDateOfBirth(index),
            today,
          ),
          ...(age?.kind === "invalid"
            ? [{ fieldId: FIELD_IDS.childAge(index), message: `Child ${index + 1}: ${age.message}` }]
            : []),
        ];
      });
    case "referrer":
      return emailError(details.referrer.email, FIELD_IDS.referrerEmail);
    case "consent":
      if (!sharingWithoutConsent(details)) return [];
      return [
        ...(filled(consent.lawfulBasis)
          ? []
          : [{ fieldId: FIELD_IDS.lawfulBasis, message: "Enter the lawful basis for sharing without consent" }]),
        ...(filled(consent.reasonWithoutConsent)
          ? []
          : [
              {
                fieldId: FIELD_IDS.reasonWithoutConsent,
                message: "Enter why the information must be shared without consent",
              },
            ]),
      ];
    case "marac-police":
      // The earlier MARACs' dates are read by referralQuestionErrors (only asked while "referred before" is yes).
      return emailError(details.police?.officerInCharge?.email, FIELD_IDS.officerEmail);
    case "agencies":
      return [];
  }
}

function afraidOfStarted(afraidOf: AfraidOf | undefined): boolean {
  if (afraidOf === undefined) return false;
  return (
    afraidOf.answer !== undefined ||
    filled(afraidOf.notKnownReason) ||
    (afraidOf.people ?? []).some((person) => anyFilled(person.name, person.relationship, person.details))
  );
}

function maracPoliceStarted(details: CaseDetails): boolean {
  const previous = details.previousMarac ?? {};
  const police = details.police ?? {};
  const officer = police.officerInCharge ?? {};
  return (
    anyFilled(previous.referredBefore, previous.notKnownReason, police.wantsToSpeakToPolice) ||
    (previous.referrals ?? []).some(
      (referral) => anyFilled(referral.area, referral.notKnownReason) || entryFilled(referral.dateAsEntered),
    ) ||
    (police.crimeReferences ?? []).some(filled) ||
    anyFilled(officer.name, officer.rankAndNumber, officer.phone, officer.email, police.wantsToSpeakToPoliceReason)
  );
}

/**
 * Whether anything is recorded in the section. Who the victim is afraid of (the MARAC form's) and who
 * else is at risk (the s42 form's) start their pages and, once answered, must have their follow-ups
 * to complete them; they are not needed to complete a page, as only one kind of referral asks them.
 */
function started(section: CaseSectionId, details: CaseDetails): boolean {
  const { victim, perpetrator, referrer, consent } = details;
  const contact = victim.safeContact ?? {};
  switch (section) {
    case "victim":
      return (
        anyFilled(
          victim.name,
          victim.otherNames,
          victim.dateOfBirth,
          victim.gender,
          victim.languages,
          victim.interpreterNeeded,
        ) ||
        anyFilled(victim.interpreterLanguage, victim.diversityAndAccessNeeds) ||
        entryFilled(victim.dateOfBirthAsEntered) ||
        afraidOfStarted(victim.afraidOf) ||
        anyFilled(victim.safeToTalkTo, victim.notSafeToTalkTo, victim.gpPractice)
      );
    case "safe-contact":
      return anyFilled(
        contact.phone,
        contact.email,
        contact.safeToCall,
        contact.safeToText,
        contact.safeToLeaveMessage,
        contact.safeTimes,
        contact.otherSafeMethod,
      );
    case "victim-address":
      return victim.address !== undefined;
    case "perpetrator":
      return (
        anyFilled(
          perpetrator.name,
          perpetrator.otherNames,
          perpetrator.dateOfBirth,
          perpetrator.relationship,
          perpetrator.relationshipDetail,
        ) ||
        anyFilled(perpetrator.address, perpetrator.historyChecks, perpetrator.historyChecksNote) ||
        entryFilled(perpetrator.dateOfBirthAsEntered)
      );
    case "children":
      return (
        details.hasChildrenOrDependants !== undefined ||
        details.children.length > 0 ||
        filled(details.otherDependants) ||
        anyFilled(details.othersAtRisk?.anyone, details.othersAtRisk?.who, details.othersAtRisk?.notKnownReason)
      );
    case "referrer":
      return anyFilled(referrer.name, referrer.role, referrer.agency, referrer.phone, referrer.email);
    case "consent":
      return (
        anyFilled(victim.wishes, consent.status, consent.lawfulBasis, consent.reasonWithoutConsent) ||
        anyFilled(consent.victimAware, consent.whyNotAware, consent.awareNotKnownReason)
      );
    case "marac-police":
      return maracPoliceStarted(details);
    case "agencies":
      return details.agenciesInvolved.length > 0 || filled(details.actionsTaken) || filled(details.notes);
  }
}

/** Whether a section holds what a referral needs from it (the "completed" test; errors aside). */
function enough(section: CaseSectionId, details: CaseDetails): boolean {
  const { victim, perpetrator, referrer, consent } = details;
  const contact = victim.safeContact ?? {};
  switch (section) {
    case "victim":
      return filled(victim.name) && victim.dateOfBirth !== undefined && victim.interpreterNeeded !== undefined;
    case "safe-contact":
      return (
        (filled(contact.phone) || filled(contact.email) || filled(contact.otherSafeMethod)) &&
        contact.safeToCall !== undefined &&
        contact.safeToText !== undefined &&
        contact.safeToLeaveMessage !== undefined
      );
    case "victim-address":
      return victim.address !== undefined;
    case "perpetrator":
      return (
        filled(perpetrator.name) && perpetrator.relationship !== undefined && perpetrator.historyChecks !== undefined
      );
    case "children":
      if (details.hasChildrenOrDependants === "no") return true;
      if (details.hasChildrenOrDependants !== "yes") return false;
      return (
        (details.children.length > 0 || filled(details.otherDependants)) &&
        details.children.every(
          (child) => filled(child.name) && (child.dateOfBirth !== undefined || child.age !== undefined),
        )
      );
    case "referrer":
      return (
        filled(referrer.name) &&
        referrer.role !== undefined &&
        filled(referrer.agency) &&
        (filled(referrer.phone) || filled(referrer.email))
      );
    case "consent":
      // Both referral forms ask whether the victim knows about the referral, apart from consent.
      return filled(victim.wishes) && consent.status !== undefined && consent.victimAware !== undefined;
    case "marac-police":
      return details.previousMarac?.referredBefore !== undefined && details.police?.wantsToSpeakToPolice !== undefined;
    case "agencies":
      return filled(details.actionsTaken);
  }
}

/**
 * Not started: nothing recorded in the section. Completed: what a referral needs is there and
 * nothing needs correcting. Anything else is in progress. Never-share ticks alone start nothing.
 */
export function sectionStatus(section: CaseSectionId, details: CaseDetails, today: string): SectionStatus {
  if (!started(section, details)) return "not-started";
  return enough(section, details) && sectionErrors(section, details, today).length === 0 ? "completed" : "in-progress";
}

/**
 * A new case starts with the victim's address and safe contact details marked never to be shared:
 * forgetting to tick them could put the victim in danger, while a wrongly withheld detail is only
 * missing from a wider copy and can be given again. The referrer is the practitioner, from their own
 * details in Settings (changeable on the Referrer page), so no one types them at a scene.
 */
export function newCaseDetails(referrer: Referrer = {}): CaseDetails {
  return { ...emptyCaseDetails(), referrer, nonDisclosure: ["victim.address", "victim.safeContact"] };
}

/** Adds an empty child whose school is withheld from the start (a school is where they can be found). */
export function addChild(details: CaseDetails): CaseDetails {
  const index = details.children.length;
  return {
    ...details,
    children: [...details.children, {}],
    nonDisclosure: [...details.nonDisclosure, `children[${index}].school`],
  };
}
