// What the MARAC coordinator's device holds about one referral, for matching: who the victim is
// (as the referrer wrote it), who referred, when, and where the referral stands (waiting, listed for
// a meeting, heard). Every identity field is optional: a referral made at a scene may lack a date of
// birth or a postcode, and a missing field is "not known", never a match or a mismatch.
import type { IsoDate } from "../dates";

export interface ReferralVictim {
  /** The victim's name as written on the referral (any order, any case). */
  name?: string;
  /** Other names and spellings ("aliases/spellings" on the SafeLives form), separated by commas, semicolons or slashes. */
  otherNames?: string;
  dateOfBirth?: IsoDate;
  postcode?: string;
}

export interface MaracReferral {
  /** The coordinator's own reference for the referral: never shown, only used to pair decisions with it. */
  referralId: string;
  victim: ReferralVictim;
  /** The referring agency, as written ("Police", "IDVA service"). */
  referringAgency?: string;
  /** The date the referral was made: the repeat window is counted back from it. */
  referredOn: IsoDate;
  /** The referral follows a new incident of abuse (absent = yes, as in the case format); a planned review is `false`. */
  newIncident?: boolean;
  /** The meeting the coordinator has listed it for, if any. */
  listedFor?: IsoDate;
  /** The date it was heard at MARAC, once it has been. */
  heardOn?: IsoDate;
}

/** "No date of birth on the new referral, so dates of birth could not be compared": the one wording for a missing field. */
export function notComparedReason(
  what: { one: string; many: string },
  missingOnNew: boolean,
  missingOnHeld: boolean,
): string {
  const where =
    missingOnNew && missingOnHeld ? "either referral" : missingOnNew ? "the new referral" : "the earlier referral";
  return `No ${what.one} on ${where}, so ${what.many} could not be compared`;
}
