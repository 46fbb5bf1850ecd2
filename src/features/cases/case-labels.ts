// The words the case pages and the check-your-answers page use for each coded answer.
import {
  ADDRESS_KINDS,
  AFRAID_OF_ANSWERS,
  CHILD_RELATIONSHIPS,
  CONSENT_STATES,
  PERPETRATOR_CHECK_STATES,
  RELATIONSHIPS_TO_VICTIM,
} from "../../domain/case-record/case-details";
import { ANSWER_VALUES, ASSESSOR_ROLE_LABELS, ASSESSOR_ROLES } from "../../domain/answers";

export const ANSWER_LABELS: Record<(typeof ANSWER_VALUES)[number], string> = {
  yes: "Yes",
  no: "No",
  "not-known": "Not known",
};

/** Yes / No / Not known, as radio choices. */
export const ANSWER_CHOICES = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
  { value: "not-known", label: "Not known" },
] as const;

export const CONSENT_LABELS: Record<(typeof CONSENT_STATES)[number], string> = {
  given: "Yes, they consent to the referral being shared",
  refused: "No, they refused",
  "not-sought": "Consent was not asked for",
};

export const RELATIONSHIP_LABELS: Record<(typeof RELATIONSHIPS_TO_VICTIM)[number], string> = {
  "current-partner": "Current partner",
  "ex-partner": "Ex-partner",
  "family-member": "Family member",
  carer: "Carer",
  other: "Other",
};

export const CHECK_LABELS: Record<(typeof PERPETRATOR_CHECK_STATES)[number], string> = {
  done: "Done",
  pending: "Asked for, waiting for the result",
  "not-possible": "Not possible",
};

export const CHILD_RELATIONSHIP_LABELS: Record<(typeof CHILD_RELATIONSHIPS)[number], string> = {
  child: "Their child",
  "step-child": "Their stepchild",
  none: "Not related to them",
};

export const ROLE_LABELS: Record<(typeof ASSESSOR_ROLES)[number], string> = {
  ...ASSESSOR_ROLE_LABELS,
  // The role list on the case form is where a new practitioner meets the abbreviation.
  idva: "IDVA (independent domestic violence adviser)",
};

export const ADDRESS_LABELS: Record<(typeof ADDRESS_KINDS)[number], string> = {
  address: "They have an address",
  "no-fixed-abode": "No fixed abode",
  "not-known": "Not known",
};

/** Who the victim is afraid of: the radio choices, and the same words on the check page. */
export const AFRAID_OF_LABELS: Record<(typeof AFRAID_OF_ANSWERS)[number], string> = {
  named: "They have named one or more people",
  "no-one": "No one: they say they are not afraid of anyone",
  "not-known": "Not known",
};
