// Pack sections about the referral: the referrer, earlier MARACs, police involvement, awareness,
// consent or the lawful basis, agencies, actions already taken and the other pathways.
import type { CaseDetails } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import type { Outcome } from "../outcome";
import { item, listRow, NOT_RECORDED, row, type PackRow, type PackSection } from "./pack-document";
import { ORDER_TYPE_LABELS } from "../labels/labels";
import { packPathOf } from "./redaction";
import { answerLabel, answerOrNotKnown, dateTimeText, ROLE_LABELS } from "./pack-text";

export function referralSection(details: CaseDetails, caseFile: CaseFile, preparedAt: string): PackSection {
  const { referrer } = details;
  return {
    id: "referrer",
    title: "Referrer and agency",
    rows: [
      row("Referring agency", referrer.agency, ["details.referrer.agency"]),
      row("Referrer's name", referrer.name, ["details.referrer.name"]),
      row("Referrer's role", referrer.role === undefined ? undefined : ROLE_LABELS[referrer.role], [
        "details.referrer.role",
      ]),
      row("Referrer's phone", referrer.phone, ["details.referrer.phone"]),
      row("Referrer's email", referrer.email, ["details.referrer.email"]),
      row("Date prepared", dateTimeText(preparedAt), ["preparedAt"]),
      row("Date of the risk assessment", dateTimeText(caseFile.assessedAt), ["assessedAt"]),
      row(
        "Assessed by",
        [ROLE_LABELS[caseFile.assessor.role] ?? caseFile.assessor.role, caseFile.assessor.agency]
          .filter(Boolean)
          .join(", "),
        ["assessor"],
      ),
    ],
  };
}

/** Labels of the awareness question, in each form's words. */
export interface AwarenessLabels {
  aware: string;
  whyNot: string;
}

export function awarenessRows(details: CaseDetails, labels: AwarenessLabels): PackRow[] {
  const { consent } = details;
  return [
    row(labels.aware, answerOrNotKnown(consent.victimAware, consent.awareNotKnownReason), [
      "details.consent.victimAware",
      ...(consent.victimAware === "not-known" ? ["details.consent.awareNotKnownReason"] : []),
    ]),
    ...(consent.victimAware === "no" ? [row(labels.whyNot, consent.whyNotAware, ["details.consent.whyNotAware"])] : []),
  ];
}

/** Earlier MARAC referrals recorded in the case details: where (this area or another) and when. */
export function previousMaracRows(details: CaseDetails): PackRow[] {
  const previous = details.previousMarac;
  const rows: PackRow[] = [
    row(
      "Referred to a MARAC before, here or in another area",
      answerOrNotKnown(previous?.referredBefore, previous?.notKnownReason),
      [
        "details.previousMarac.referredBefore",
        ...(previous?.referredBefore === "not-known" ? ["details.previousMarac.notKnownReason"] : []),
      ],
    ),
  ];
  if (previous?.referredBefore !== "yes") return rows;
  const referrals = previous.referrals ?? [];
  if (referrals.length === 0) rows.push(row("Where and when", undefined, ["details.previousMarac.referrals"]));
  referrals.forEach((referral, index) => {
    const base = `details.previousMarac.referrals[${index}]`;
    const name = referrals.length === 1 ? "Earlier MARAC" : `Earlier MARAC ${index + 1}`;
    const reason = referral.notKnownReason?.trim();
    const notKnown = reason ? `Not known: ${reason}` : undefined;
    if (referral.date === undefined && !referral.area?.trim() && notKnown) {
      rows.push(row(`${name}: where and when`, notKnown, [`${base}.area`, `${base}.date`, `${base}.notKnownReason`]));
      return;
    }
    rows.push(
      row(`${name}: which area's MARAC`, referral.area?.trim() ? referral.area : notKnown, [`${base}.area`]),
      row(`${name}: date`, referral.date ?? notKnown, [`${base}.date`]),
    );
  });
  return rows;
}

/** Crime reference numbers, the officer in charge, and whether the victim wants to speak to the police. */
export function policeSection(details: CaseDetails): PackSection {
  const police = details.police ?? {};
  const officer = police.officerInCharge ?? {};
  const base = "details.police.officerInCharge";
  return {
    id: "police",
    title: "Police involvement",
    rows: [
      listRow(
        "Crime reference numbers",
        (police.crimeReferences ?? [])
          .map((reference, index) => ({ reference: reference.trim(), index }))
          .filter(({ reference }) => reference !== "")
          .map(({ reference, index }) => item(reference, [`details.police.crimeReferences[${index}]`])),
        ["details.police.crimeReferences"],
        NOT_RECORDED,
      ),
      row("Officer in charge", officer.name, [`${base}.name`]),
      row("Officer in charge: rank and number", officer.rankAndNumber, [`${base}.rankAndNumber`]),
      row("Officer in charge: phone", officer.phone, [`${base}.phone`]),
      row("Officer in charge: email", officer.email, [`${base}.email`]),
      row(
        "Does the victim want to speak to the police about offences disclosed here",
        answerLabel(police.wantsToSpeakToPolice),
        ["details.police.wantsToSpeakToPolice"],
      ),
      row("Why (in the victim's words where possible)", police.wantsToSpeakToPoliceReason, [
        "details.police.wantsToSpeakToPoliceReason",
      ]),
    ],
  };
}

export function consentSection(
  details: CaseDetails,
  title: string,
  wishesLabel: string,
  awarenessLabels: AwarenessLabels,
): PackSection {
  const { consent } = details;
  const consentText: Record<string, string> = {
    given: "Given",
    refused: "Refused",
    "not-sought": "Not sought (not safe or not possible to ask)",
  };
  const withoutConsent = consent.status !== "given";
  return {
    id: "consent",
    title,
    rows: [
      row(wishesLabel, details.victim.wishes, ["details.victim.wishes"]),
      ...awarenessRows(details, awarenessLabels),
      row("Consent to this referral", consent.status === undefined ? undefined : consentText[consent.status], [
        "details.consent.status",
      ]),
      ...(withoutConsent
        ? [
            row("Lawful basis for sharing without consent", consent.lawfulBasis, ["details.consent.lawfulBasis"]),
            row("Why it is shared without consent", consent.reasonWithoutConsent, [
              "details.consent.reasonWithoutConsent",
            ]),
          ]
        : []),
    ],
  };
}

export function agenciesRow(details: CaseDetails): PackRow {
  return listRow(
    "Agencies involved",
    details.agenciesInvolved.map((agency, index) => item(agency, [`details.agenciesInvolved[${index}]`])),
    ["details.agenciesInvolved"],
    NOT_RECORDED,
  );
}

export function actionsRows(details: CaseDetails, caseFile: CaseFile): PackRow[] {
  return [
    row("Immediate safety actions already taken", details.actionsTaken, ["details.actionsTaken"]),
    listRow(
      "Protective orders",
      (caseFile.context?.protectiveOrders ?? []).map((order, index) =>
        item(
          [
            ORDER_TYPE_LABELS[order.type],
            order.granted ? `granted ${order.granted}` : undefined,
            order.expires ? `expires ${order.expires}` : "no expiry recorded",
          ]
            .filter(Boolean)
            .join(", "),
          [`context.protectiveOrders[${index}]`],
        ),
      ),
      [],
      "None recorded",
    ),
  ];
}

const PATHWAY_LABELS: Record<string, string> = {
  marac: "MARAC",
  s42: "Care Act s42 adult safeguarding",
  marm: "MARM (multi-agency risk management)",
  "childrens-services": "Children's services",
  idva: "IDVA",
  "stalking-advocacy": "Stalking advocacy",
};

export function pathwayLabel(pathway: string): string {
  return PATHWAY_LABELS[pathway] ?? pathway;
}

/** Each pathway the outcome refers to or asks to consider, with its reasons and evidence. */
export function pathwaysRow(outcome: Outcome, label: string, except: string): PackRow {
  return listRow(
    label,
    outcome.pathways
      .filter((pathway) => pathway.pathway !== except && pathway.decision !== "not-met")
      .map((pathway) =>
        item(
          `${pathwayLabel(pathway.pathway)}: ${pathway.decision === "refer" ? "refer" : "consider"}. ${pathway.reasons.join(" ")}`,
          pathway.evidence.map(packPathOf),
        ),
      ),
    [],
    "None",
  );
}
