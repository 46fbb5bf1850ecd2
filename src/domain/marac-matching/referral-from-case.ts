// The identity a referral carries to the coordinator, read from the referrer's case details. The
// coordinator receives the copy meant for the MARAC, from which withheld facts are removed
// (nonDisclosure: an address or other names kept from the person causing harm), so a withheld
// field is left out here too: it is "not known" to matching, never guessed from the full record.
import type { CaseDetails } from "../case-record/case-details";
import type { IsoDate } from "../dates";
import { isWithinPath } from "../referral-pack/redaction";
import type { MaracReferral, ReferralVictim } from "./marac-referral";

export interface ReferralFacts {
  referralId: string;
  referredOn: IsoDate;
  /** From the assessment's context (absent = a new incident). */
  newIncident?: boolean;
  listedFor?: IsoDate;
  heardOn?: IsoDate;
}

const isWithheld = (details: CaseDetails, path: string) =>
  details.nonDisclosure.some((withheld) => isWithinPath(path, withheld));

export function maracReferralFromCase(details: CaseDetails, facts: ReferralFacts): MaracReferral {
  const victim: ReferralVictim = {};
  const fields: [keyof ReferralVictim, string, string | undefined][] = [
    ["name", "victim.name", details.victim.name],
    ["otherNames", "victim.otherNames", details.victim.otherNames],
    ["dateOfBirth", "victim.dateOfBirth", details.victim.dateOfBirth],
    ["postcode", "victim.address.postcode", details.victim.address?.postcode],
  ];
  for (const [field, path, value] of fields) {
    if (value !== undefined && value.trim() !== "" && !isWithheld(details, path)) victim[field] = value;
  }
  const agency = details.referrer.agency?.trim();
  return { ...facts, victim, ...(agency ? { referringAgency: agency } : {}) };
}
