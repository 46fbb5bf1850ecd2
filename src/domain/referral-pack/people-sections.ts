// Pack sections about people: the victim, who they are afraid of, the person causing harm, the
// children and anyone else at risk. One row per fact, each naming the path it came from; no row
// ever joins several people's or several fields' text unless it lists every one of those paths.
import type { Address, CaseDetails, FearedPerson } from "../case-record/case-details";
import type { CaseFile } from "../case-file";
import { answerValueOf } from "../case-facts";
import { item, listRow, NOT_RECORDED, row, type PackRow, type PackSection } from "./pack-document";
import { factConflicts } from "./fact-conflicts";
import { ANSWER_LABELS, answerLabel, answerOrNotKnown } from "./pack-text";

const RELATIONSHIP_LABELS: Record<string, string> = {
  "current-partner": "Current partner",
  "ex-partner": "Ex-partner",
  "family-member": "Family member",
  carer: "Carer",
  other: "Other",
};

const CHILD_RELATIONSHIP_LABELS: Record<string, string> = {
  child: "Their child",
  "step-child": "Their step-child",
  none: "Not related to them",
};

const CHECK_LABELS: Record<string, string> = {
  done: "Done",
  pending: "Pending: not yet checked",
  "not-possible": "Not possible",
};

function addressText(address: Address | undefined): string | undefined {
  if (address === undefined) return undefined;
  if (address.kind === "no-fixed-abode") return `No fixed abode${address.text ? `: ${address.text}` : ""}`;
  if (address.kind === "not-known") return `Not known${address.text ? `: ${address.text}` : ""}`;
  return address.text;
}

export function victimSection(details: CaseDetails, caseFile: CaseFile, title: string): PackSection {
  const { victim } = details;
  const contact = victim.safeContact ?? {};
  const context = caseFile.context ?? {};
  return {
    id: "victim",
    title,
    rows: [
      row("Name", victim.name, ["details.victim.name"]),
      row("Other names or spellings", victim.otherNames, ["details.victim.otherNames"]),
      row("Date of birth", victim.dateOfBirth, ["details.victim.dateOfBirth"]),
      row("Gender", victim.gender, ["details.victim.gender"]),
      row("Address", addressText(victim.address), ["details.victim.address.kind", "details.victim.address.text"]),
      row("Postcode", victim.address?.postcode, ["details.victim.address.postcode"]),
      row("Safe phone number", contact.phone, ["details.victim.safeContact.phone"]),
      row("Safe to call", answerLabel(contact.safeToCall), ["details.victim.safeContact.safeToCall"]),
      row("Safe to text", answerLabel(contact.safeToText), ["details.victim.safeContact.safeToText"]),
      row("Safe to leave a message", answerLabel(contact.safeToLeaveMessage), [
        "details.victim.safeContact.safeToLeaveMessage",
      ]),
      row("Safe times to make contact", contact.safeTimes, ["details.victim.safeContact.safeTimes"]),
      row("Other safe way to make contact", contact.otherSafeMethod, ["details.victim.safeContact.otherSafeMethod"]),
      row("Safe email", contact.email, ["details.victim.safeContact.email"]),
      row("Languages", victim.languages, ["details.victim.languages"]),
      row("Interpreter needed", answerLabel(victim.interpreterNeeded), ["details.victim.interpreterNeeded"]),
      ...(victim.interpreterNeeded === "yes"
        ? [row("Interpreter language", victim.interpreterLanguage, ["details.victim.interpreterLanguage"])]
        : []),
      row("Diversity, disability and access needs", victim.diversityAndAccessNeeds, [
        "details.victim.diversityAndAccessNeeds",
      ]),
      row("GP practice", victim.gpPractice, ["details.victim.gpPractice"]),
      // Two different facts, each printed with its own meaning (question 9 also covers a baby born
      // in the last 18 months, so "not pregnant now" beside a question 9 "yes" is not a contradiction).
      row("Pregnant now", answerLabel(context.pregnant), ["context.pregnant"]),
      row(
        "Pregnant or had a baby in the last 18 months (checklist question 9)",
        ANSWER_LABELS[answerValueOf(caseFile.answers["dash.pregnancy"])],
        ["answers.dash.pregnancy"],
      ),
      row("Housing", context.housing, ["context.housing"]),
      listRow(
        "Own substance use",
        (context.substanceUse ?? []).map((tag) => item(tag, [`context.substanceUse.${tag}`])),
        ["context.substanceUse"],
        context.substanceUse === undefined ? NOT_RECORDED : "None",
      ),
    ],
  };
}

export function perpetratorSection(details: CaseDetails, caseFile: CaseFile, title: string): PackSection {
  const { perpetrator } = details;
  const context = caseFile.context ?? {};
  const checks = perpetrator.historyChecks ?? context.perpetratorChecks;
  const checksSource =
    perpetrator.historyChecks !== undefined ? "details.perpetrator.historyChecks" : "context.perpetratorChecks";
  const checksConflict = factConflicts(caseFile, details).find((found) => found.id === "history-checks-disagree");
  return {
    id: "perpetrator",
    title,
    rows: [
      row("Name", perpetrator.name, ["details.perpetrator.name"]),
      row("Other names or spellings", perpetrator.otherNames, ["details.perpetrator.otherNames"]),
      row("Date of birth", perpetrator.dateOfBirth, ["details.perpetrator.dateOfBirth"]),
      row(
        "Relationship to the victim",
        perpetrator.relationship === undefined ? undefined : RELATIONSHIP_LABELS[perpetrator.relationship],
        ["details.perpetrator.relationship"],
      ),
      row("About the relationship", perpetrator.relationshipDetail, ["details.perpetrator.relationshipDetail"]),
      row("Address", addressText(perpetrator.address), ["details.perpetrator.address"]),
      checksConflict
        ? row("History checks (police and agency records)", `Records disagree: ${checksConflict.sentence}`, [
            "details.perpetrator.historyChecks",
            "context.perpetratorChecks",
          ])
        : row("History checks (police and agency records)", checks === undefined ? undefined : CHECK_LABELS[checks], [
            checksSource,
          ]),
      row("About the checks", perpetrator.historyChecksNote, ["details.perpetrator.historyChecksNote"]),
      listRow(
        "Known history",
        (context.perpetratorHistory ?? []).map((tag) =>
          item(tag.replace(/-/g, " "), [`context.perpetratorHistory.${tag}`]),
        ),
        [],
        context.perpetratorHistory === undefined ? NOT_RECORDED : "None recorded",
      ),
    ],
  };
}

export function childrenSection(details: CaseDetails, caseFile: CaseFile): PackSection {
  const rows: PackRow[] = [];
  details.children.forEach((child, index) => {
    const number = index + 1;
    const base = `details.children[${index}]`;
    rows.push(
      row(`Child ${number}: name`, child.name, [`${base}.name`]),
      row(
        `Child ${number}: date of birth or age`,
        child.dateOfBirth ?? (child.age === undefined ? undefined : `Aged ${child.age}`),
        [`${base}.dateOfBirth`, `${base}.age`],
      ),
      row(`Child ${number}: school or nursery`, child.school, [`${base}.school`]),
      row(
        `Child ${number}: relationship to the person causing harm`,
        child.relationshipToPerpetrator === undefined
          ? undefined
          : CHILD_RELATIONSHIP_LABELS[child.relationshipToPerpetrator],
        [`${base}.relationshipToPerpetrator`],
      ),
      row(`Child ${number}: lives with the victim`, answerLabel(child.livesWithVictim), [`${base}.livesWithVictim`]),
    );
  });
  if (details.children.length === 0) {
    const recorded = caseFile.context?.children ?? [];
    recorded.forEach((child, index) => {
      rows.push(
        row(
          `Child ${index + 1} (from the assessment)`,
          `${child.age === undefined ? "age not recorded" : `aged ${child.age}`}; ${CHILD_RELATIONSHIP_LABELS[child.relationshipToPerpetrator]?.toLowerCase()}`,
          [`context.children[${index}]`],
        ),
      );
    });
    const none = factConflicts(caseFile, details).find((found) => found.id === "children-none-recorded");
    if (recorded.length === 0)
      rows.push(
        none
          ? row("Children", `Records disagree: ${none.sentence}`, [
              "details.children",
              "context.children",
              ...none.sources.map((source) => source.path),
            ])
          : row("Children", "None recorded", ["details.children", "context.children"]),
      );
  }
  rows.push(row("Other dependants", details.otherDependants, ["details.otherDependants"]));
  return { id: "children", title: "Children and dependants", rows };
}

function fearedPersonText(person: FearedPerson): string {
  const who = [person.name?.trim(), person.relationship?.trim() ? `(${person.relationship.trim()})` : undefined]
    .filter(Boolean)
    .join(" ");
  const details = person.details?.trim();
  return `${who || "Not named or described"}${details ? `: ${details}` : ""}`;
}

/** MARAC form: who the victim is afraid of (every potential threat) and who it is safe, and not safe, to talk to. */
export function threatsSection(details: CaseDetails): PackSection {
  const { victim } = details;
  const afraidOf = victim.afraidOf;
  const afraidOfRow = (): PackRow => {
    const label = "Who the victim is afraid of (every potential threat, not only the person causing harm)";
    if (afraidOf?.answer === "named") {
      return listRow(
        label,
        (afraidOf.people ?? []).map((person, index) =>
          item(fearedPersonText(person), [`details.victim.afraidOf.people[${index}]`]),
        ),
        ["details.victim.afraidOf"],
        NOT_RECORDED,
      );
    }
    const text =
      afraidOf?.answer === "no-one"
        ? "The victim says they are not afraid of anyone"
        : afraidOf?.answer === "not-known"
          ? answerOrNotKnown("not-known", afraidOf.notKnownReason)
          : undefined;
    return row(label, text, ["details.victim.afraidOf"]);
  };
  return {
    id: "threats",
    title: "Who the victim is afraid of, and who is safe to talk to",
    rows: [
      afraidOfRow(),
      row("Who the victim believes it is safe to talk to", victim.safeToTalkTo, ["details.victim.safeToTalkTo"]),
      row("Who the victim believes it is not safe to talk to", victim.notSafeToTalkTo, [
        "details.victim.notSafeToTalkTo",
      ]),
    ],
  };
}

/** Safeguarding-adults concern form: who else is at risk from the person causing harm, children or other adults. */
export function othersAtRiskRows(details: CaseDetails): PackRow[] {
  const others = details.othersAtRisk;
  const childCount = details.children.length;
  return [
    row("Is anyone else at risk (children or other adults)", answerOrNotKnown(others?.anyone, others?.notKnownReason), [
      "details.othersAtRisk.anyone",
      ...(others?.anyone === "not-known" ? ["details.othersAtRisk.notKnownReason"] : []),
    ]),
    ...(others?.anyone === "yes" ? [row("Who else is at risk", others.who, ["details.othersAtRisk.who"])] : []),
    ...(childCount > 0
      ? [
          row(
            "Children named in this referral",
            `${childCount === 1 ? "One child" : `${childCount} children`}: see "Children and dependants"`,
            ["details.children"],
          ),
        ]
      : []),
  ];
}
