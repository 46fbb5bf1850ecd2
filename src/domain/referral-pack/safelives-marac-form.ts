// The questions a MARAC coordinator's own referral form asks (SafeLives MARAC referral form, 2015,
// reference §5.3, with the fields local forms commonly add), each with the pack fact paths that
// answer it; and the usual safeguarding-adults concern form for the s42 pack (reference §6.2).
// `unansweredFormQuestions` checks a built pack against a form: a question no row answers, or
// whose rows are empty (or "not known" without the reason), is listed. Tests hold a full pack to
// every question, so a field dropped from a pack shows up as the question it leaves unanswered.
import { ANSWER_LABELS } from "./pack-text";
import { NOT_RECORDED, type PackRow, type ReferralPackDocument } from "./pack-document";

export interface FormQuestion {
  /** Stable id, kebab-case. */
  id: string;
  /** The part of the form it sits in, as the form heads it. */
  part: string;
  /** The question in plain English, as the form asks it. */
  question: string;
  /**
   * Pack fact paths that answer it, as alternatives: the question is answered when every pack row
   * built from one of them is filled. "[*]" stands for each entry of a list (each child).
   */
  answeredBy: string[];
  /**
   * "always": every pack must answer it. "if-applies": a follow-up the pack shows only when it
   * applies (why not aware, the interpreter's language, each child); no row means it does not apply.
   */
  required: "always" | "if-applies";
}

const always = (id: string, part: string, question: string, ...answeredBy: string[]): FormQuestion => ({
  id,
  part,
  question,
  answeredBy,
  required: "always",
});
const ifApplies = (id: string, part: string, question: string, ...answeredBy: string[]): FormQuestion => ({
  id,
  part,
  question,
  answeredBy,
  required: "if-applies",
});

const REFERRER = "Referrer";
const VICTIM = "Victim";
const PERPETRATOR = "Perpetrator";
const CHILDREN = "Children";
const REASON = "Reason for referral";
const CONSENT = "Awareness and consent";
const SAFETY = "Who the victim is afraid of";
const PREVIOUS = "Previous MARAC";
const POLICE = "Police";
const AGENCIES = "Agencies and actions";

/** The SafeLives MARAC referral form (2015), question by question. */
export const SAFELIVES_MARAC_FORM: readonly FormQuestion[] = [
  always("referring-agency", REFERRER, "Referring agency", "details.referrer.agency"),
  always("referrer-name", REFERRER, "Referrer's name", "details.referrer.name"),
  always("referrer-contact", REFERRER, "Referrer's phone or email", "details.referrer.phone", "details.referrer.email"),
  always("referral-date", REFERRER, "Date of referral", "preparedAt"),

  always("victim-name", VICTIM, "Victim's name", "details.victim.name"),
  always("victim-aliases", VICTIM, "Other names, aliases or spellings", "details.victim.otherNames"),
  always("victim-dob", VICTIM, "Victim's date of birth", "details.victim.dateOfBirth"),
  always("victim-gender", VICTIM, "Gender", "details.victim.gender"),
  always("victim-address", VICTIM, "Address", "details.victim.address.kind"),
  always(
    "victim-postcode",
    VICTIM,
    "Postcode (decides which area's MARAC hears the case)",
    "details.victim.address.postcode",
  ),
  always(
    "victim-diversity",
    VICTIM,
    "Diversity, disability and access needs",
    "details.victim.diversityAndAccessNeeds",
  ),
  always("victim-phone", VICTIM, "Safe telephone number", "details.victim.safeContact.phone"),
  always("victim-safe-to-call", VICTIM, "Is this number safe to call?", "details.victim.safeContact.safeToCall"),
  always("victim-safe-to-text", VICTIM, "Is it safe to text?", "details.victim.safeContact.safeToText"),
  always(
    "victim-safe-to-leave-message",
    VICTIM,
    "Is it safe to leave a message?",
    "details.victim.safeContact.safeToLeaveMessage",
  ),
  always("victim-safe-times", VICTIM, "Safe times to make contact", "details.victim.safeContact.safeTimes"),
  always("victim-languages", VICTIM, "Language spoken", "details.victim.languages"),
  always("victim-interpreter", VICTIM, "Is an interpreter needed?", "details.victim.interpreterNeeded"),
  ifApplies("victim-interpreter-language", VICTIM, "Interpreter's language", "details.victim.interpreterLanguage"),
  always("victim-housing", VICTIM, "Housing", "context.housing"),
  always("victim-substance-use", VICTIM, "Drink or drug use", "context.substanceUse"),
  always("victim-pregnant", VICTIM, "Is the victim pregnant?", "context.pregnant"),
  always("victim-gp", VICTIM, "GP practice", "details.victim.gpPractice"),

  always("perpetrator-name", PERPETRATOR, "Perpetrator's name", "details.perpetrator.name"),
  always("perpetrator-dob", PERPETRATOR, "Perpetrator's date of birth", "details.perpetrator.dateOfBirth"),
  always("perpetrator-relationship", PERPETRATOR, "Relationship to the victim", "details.perpetrator.relationship"),
  always("perpetrator-address", PERPETRATOR, "Perpetrator's address", "details.perpetrator.address"),

  ifApplies("child-name", CHILDREN, "Each child's name", "details.children[*].name"),
  ifApplies("child-dob", CHILDREN, "Each child's date of birth", "details.children[*].dateOfBirth"),
  ifApplies(
    "child-relationship",
    CHILDREN,
    "Each child's relationship to the perpetrator",
    "details.children[*].relationshipToPerpetrator",
  ),
  ifApplies("child-school", CHILDREN, "Each child's school or nursery", "details.children[*].school"),
  ifApplies("child-address", CHILDREN, "Does each child live with the victim?", "details.children[*].livesWithVictim"),

  always(
    "criterion-visible-high-risk",
    REASON,
    "Visible high risk (14 or more on the risk checklist)",
    "outcome.marac.criteria.visible-high-risk",
  ),
  always(
    "criterion-professional-judgement",
    REASON,
    "Professional judgement",
    "outcome.marac.criteria.professional-judgement",
  ),
  always(
    "criterion-potential-escalation",
    REASON,
    "Potential escalation (3 or more police call-outs in 12 months)",
    "outcome.marac.criteria.potential-escalation",
  ),
  always(
    "criterion-repeat",
    REASON,
    "MARAC repeat (a further incident within 12 months of the last referral)",
    "outcome.marac.criteria.repeat",
  ),

  always("victim-aware", CONSENT, "Is the victim aware of the referral?", "details.consent.victimAware"),
  ifApplies("victim-aware-why-not", CONSENT, "If not, why not?", "details.consent.whyNotAware"),
  always("consent", CONSENT, "Has consent been given?", "details.consent.status"),
  ifApplies("lawful-basis", CONSENT, "Lawful basis for sharing without consent", "details.consent.lawfulBasis"),
  ifApplies(
    "reason-without-consent",
    CONSENT,
    "Why sharing without consent is necessary",
    "details.consent.reasonWithoutConsent",
  ),
  always("victim-wishes", CONSENT, "What the victim wants to happen", "details.victim.wishes"),

  always(
    "afraid-of",
    SAFETY,
    "Who is the victim afraid of? (every potential threat, not only the main perpetrator)",
    "details.victim.afraidOf",
  ),
  always(
    "safe-to-talk-to",
    SAFETY,
    "Who does the victim believe it is safe to talk to?",
    "details.victim.safeToTalkTo",
  ),
  always(
    "not-safe-to-talk-to",
    SAFETY,
    "Who does the victim believe it is not safe to talk to?",
    "details.victim.notSafeToTalkTo",
  ),

  always(
    "previous-marac",
    PREVIOUS,
    "Has the victim been referred to a MARAC before, here or in another area?",
    "details.previousMarac.referredBefore",
  ),
  ifApplies("previous-marac-where", PREVIOUS, "Where", "details.previousMarac.referrals[*].area"),
  ifApplies("previous-marac-when", PREVIOUS, "When", "details.previousMarac.referrals[*].date"),

  always("crime-references", POLICE, "Police crime reference number(s)", "details.police.crimeReferences"),
  always("officer-in-charge", POLICE, "Officer in charge", "details.police.officerInCharge.name"),
  always(
    "officer-contact",
    POLICE,
    "Officer in charge's contact details",
    "details.police.officerInCharge.phone",
    "details.police.officerInCharge.email",
  ),
  always(
    "speak-to-police",
    POLICE,
    "Does the victim want to speak to the police about offences disclosed here?",
    "details.police.wantsToSpeakToPolice",
  ),
  always("speak-to-police-why", POLICE, "Rationale", "details.police.wantsToSpeakToPoliceReason"),

  always("agencies-involved", AGENCIES, "Agencies already involved", "details.agenciesInvolved"),
  always("actions-taken", AGENCIES, "Safety plan and actions already taken", "details.actionsTaken"),
];

/** The usual safeguarding-adults concern form (the s42 pack's receiver), question by question. */
export const SAFEGUARDING_ADULTS_CONCERN_FORM: readonly FormQuestion[] = [
  always("referring-agency", REFERRER, "Referring agency", "details.referrer.agency"),
  always("referrer-name", REFERRER, "Referrer's name", "details.referrer.name"),
  always("referral-date", REFERRER, "Date of referral", "preparedAt"),
  always("adult-name", "The adult", "The adult's name", "details.victim.name"),
  always("adult-dob", "The adult", "Date of birth", "details.victim.dateOfBirth"),
  always("adult-address", "The adult", "Address", "details.victim.address.kind"),
  always(
    "adult-contact",
    "The adult",
    "Safe way to contact them",
    "details.victim.safeContact.phone",
    "details.victim.safeContact.email",
    "details.victim.safeContact.otherSafeMethod",
  ),
  always("adult-interpreter", "The adult", "Is an interpreter needed?", "details.victim.interpreterNeeded"),
  always("adult-gp", "The adult", "GP practice", "details.victim.gpPractice"),
  always("care-needs", "The concern", "Care and support needs", "context.careAndSupport.needs"),
  always("abuse", "The concern", "Abuse or neglect", "context.careAndSupport.abuseOrNeglect"),
  always(
    "unable-to-protect",
    "The concern",
    "Unable to protect themselves because of those needs",
    "context.careAndSupport.unableToProtectSelf",
  ),
  always("capacity", "The concern", "Mental capacity", "context.careAndSupport.capacity"),
  always("adult-aware", CONSENT, "Does the adult know about this concern?", "details.consent.victimAware"),
  ifApplies("adult-aware-why-not", CONSENT, "If not, why not?", "details.consent.whyNotAware"),
  always("consent", CONSENT, "Has the adult consented?", "details.consent.status"),
  always("adult-wishes", CONSENT, "The adult's views, wishes and desired outcomes", "details.victim.wishes"),
  always("person-causing-harm", "Person alleged to cause harm", "Their name", "details.perpetrator.name"),
  always(
    "relationship",
    "Person alleged to cause harm",
    "Relationship to the adult",
    "details.perpetrator.relationship",
  ),
  always(
    "others-at-risk",
    "Others at risk",
    "Is anyone else at risk (children or other adults)?",
    "details.othersAtRisk.anyone",
  ),
  ifApplies("others-at-risk-who", "Others at risk", "Who?", "details.othersAtRisk.who"),
  always("actions-taken", AGENCIES, "Immediate actions taken", "details.actionsTaken"),
  always("agencies-involved", AGENCIES, "Agencies involved", "details.agenciesInvolved"),
];

export interface UnansweredQuestion {
  question: FormQuestion;
  /** "no-field": no row of the pack is built from the fact; "empty": the rows are there but not filled. */
  problem: "no-field" | "empty";
}

/** Values that leave a question unanswered: nothing recorded, not asked, or "not known" without its reason. */
const UNANSWERED_VALUES = new Set([NOT_RECORDED, ANSWER_LABELS["not-known"], ANSWER_LABELS["not-asked"]]);

function patternOf(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\[\\\*\\\]/g, "\\[\\d+\\]");
  return new RegExp(`^${escaped}(?:$|[.[])`);
}

/** True when a row (or one of its list items) is built from the fact `path` names, or from a part of it. */
function builtFrom(entry: PackRow, path: string): boolean {
  const pattern = patternOf(path);
  const sources = [...entry.sourcePaths, ...(entry.list ?? []).flatMap((listItem) => listItem.sourcePaths)];
  return sources.some((source) => pattern.test(source));
}

function filled(entry: PackRow): boolean {
  if (entry.list !== undefined && entry.list.length > 0) return true;
  return entry.value !== undefined && !UNANSWERED_VALUES.has(entry.value.trim());
}

/** The form's questions the pack leaves unanswered, in the form's order. Check the referrer's copy. */
export function unansweredFormQuestions(
  document: ReferralPackDocument,
  form: readonly FormQuestion[],
): UnansweredQuestion[] {
  const rows = document.sections.flatMap((section) => section.rows);
  const unanswered: UnansweredQuestion[] = [];
  for (const question of form) {
    const matches = question.answeredBy.map((path) => rows.filter((entry) => builtFrom(entry, path)));
    if (matches.every((found) => found.length === 0)) {
      if (question.required === "always") unanswered.push({ question, problem: "no-field" });
      continue;
    }
    const answered = matches.some((found) => found.length > 0 && found.every(filled));
    if (!answered) unanswered.push({ question, problem: "empty" });
  }
  return unanswered;
}

/** The form a pack of this kind is judged against. */
export function formFor(kind: ReferralPackDocument["kind"]): readonly FormQuestion[] {
  return kind === "marac" ? SAFELIVES_MARAC_FORM : SAFEGUARDING_ADULTS_CONCERN_FORM;
}
