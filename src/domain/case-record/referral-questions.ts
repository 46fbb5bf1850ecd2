// The referral forms' follow-up questions: an answer that needs a second one ("not aware" → why
// not; "referred before" → where and when; "not known" → why not known). The schema accepts a
// half-finished record (the case form saves as it goes); these messages tell the practitioner,
// GOV.UK style, what is still to enter. Each names the details path it belongs to, so a screen can
// point at its field. The pack's completeness check asks for the same facts before sending.
import type { IsoDate } from "../dates";
import type { CaseDetails } from "./case-details";
import { readDateEntry } from "./date-entry";

export interface ReferralQuestionError {
  /** The details path of the field to correct, e.g. "consent.whyNotAware", "previousMarac.referrals[0].area". */
  path: string;
  message: string;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === "";

/** Messages for the follow-up answers still to enter, in the order the questions are asked. */
export function referralQuestionErrors(details: CaseDetails, today: IsoDate): ReferralQuestionError[] {
  const errors: ReferralQuestionError[] = [];
  const need = (condition: boolean, path: string, message: string) => {
    if (condition) errors.push({ path, message });
  };
  const { consent, victim } = details;

  need(
    consent.victimAware === "no" && blank(consent.whyNotAware),
    "consent.whyNotAware",
    "Enter why the victim is not aware of the referral",
  );
  need(
    consent.victimAware === "not-known" && blank(consent.awareNotKnownReason),
    "consent.awareNotKnownReason",
    "Enter why it is not known whether the victim is aware of the referral",
  );

  const afraidOf = victim.afraidOf;
  if (afraidOf?.answer === "named") {
    const people = afraidOf.people ?? [];
    need(people.length === 0, "victim.afraidOf.people", "Add at least one person the victim is afraid of");
    people.forEach((person, index) =>
      need(
        blank(person.name) && blank(person.relationship),
        `victim.afraidOf.people[${index}].name`,
        `Enter the name of person ${index + 1}, or who they are to the victim`,
      ),
    );
  }
  need(
    afraidOf?.answer === "not-known" && blank(afraidOf.notKnownReason),
    "victim.afraidOf.notKnownReason",
    "Enter why it is not known who the victim is afraid of",
  );

  const previous = details.previousMarac;
  if (previous?.referredBefore === "yes") {
    const referrals = previous.referrals ?? [];
    need(referrals.length === 0, "previousMarac.referrals", "Add where and when the victim was referred to a MARAC");
    referrals.forEach((referral, index) => {
      const base = `previousMarac.referrals[${index}]`;
      const label = referrals.length === 1 ? "the earlier MARAC" : `earlier MARAC ${index + 1}`;
      const reading =
        referral.dateAsEntered === undefined
          ? undefined
          : readDateEntry(referral.dateAsEntered, `The date of ${label}`, today);
      const reasonGiven = !blank(referral.notKnownReason);
      need(
        !reasonGiven && blank(referral.area),
        `${base}.area`,
        `Enter which area's MARAC heard ${label}, or why it is not known`,
      );
      if (reading?.kind === "invalid") errors.push({ path: `${base}.date`, message: reading.message });
      else
        need(
          !reasonGiven && referral.date === undefined,
          `${base}.date`,
          `Enter the date of ${label}, or why it is not known`,
        );
    });
  }
  need(
    previous?.referredBefore === "not-known" && blank(previous.notKnownReason),
    "previousMarac.notKnownReason",
    "Enter why it is not known whether the victim was referred to a MARAC before",
  );

  const police = details.police;
  need(
    police?.wantsToSpeakToPolice !== undefined &&
      police.wantsToSpeakToPolice !== "yes" &&
      blank(police.wantsToSpeakToPoliceReason),
    "police.wantsToSpeakToPoliceReason",
    police?.wantsToSpeakToPolice === "no"
      ? "Enter why the victim does not want to speak to the police"
      : "Enter why it is not known whether the victim wants to speak to the police",
  );

  const others = details.othersAtRisk;
  need(others?.anyone === "yes" && blank(others.who), "othersAtRisk.who", "Enter who else is at risk");
  need(
    others?.anyone === "not-known" && blank(others.notKnownReason),
    "othersAtRisk.notKnownReason",
    "Enter why it is not known whether anyone else is at risk",
  );
  return errors;
}
