import type { CaseContext } from "../case-file";
import { isValidIsoDate } from "../dates";
import type { CaseDetails } from "./case-details";

// The case details already hold the children and whether the perpetrator's history was checked.
// An assessment that does not record them itself reads them from there, so the practitioner is
// not asked twice and the engine's children and checks rules see what the case already knows.

export interface ContextFromDetails {
  /** Only the fields the details could fill: absent when the details do not record them. */
  context: Pick<CaseContext, "children" | "perpetratorChecks">;
  /** Children left out because their relationship to the perpetrator is not recorded. */
  childrenWithoutRelationship: number;
  /** Children left out because their date of birth makes them 18 or over on the assessment date. */
  adultsLeftOut: number;
}

/** Whole years between an ISO date of birth and an ISO date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number | null {
  if (!isValidIsoDate(dateOfBirth) || !isValidIsoDate(on) || dateOfBirth > on) return null;
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Children (age and relationship to the perpetrator) and perpetrator checks from the case details,
 * for an assessment on `assessmentDate`. A recorded age wins over one worked out from a date of
 * birth. A child whose relationship is not recorded is left out and counted, because the case
 * file needs the relationship and guessing it would misstate the children's risk.
 */
export function contextFromCaseDetails(details: CaseDetails, assessmentDate: string): ContextFromDetails {
  const context: ContextFromDetails["context"] = {};
  let childrenWithoutRelationship = 0;
  let adultsLeftOut = 0;
  if (details.children.length > 0) {
    const children: NonNullable<CaseContext["children"]> = [];
    for (const child of details.children) {
      const age = child.age ?? (child.dateOfBirth === undefined ? null : ageOn(child.dateOfBirth, assessmentDate));
      if (age !== null && age > 17) {
        adultsLeftOut += 1;
        continue;
      }
      if (child.relationshipToPerpetrator === undefined) {
        childrenWithoutRelationship += 1;
        continue;
      }
      children.push({ ...(age === null ? {} : { age }), relationshipToPerpetrator: child.relationshipToPerpetrator });
    }
    if (children.length > 0) context.children = children;
  }
  if (details.perpetrator.historyChecks !== undefined) context.perpetratorChecks = details.perpetrator.historyChecks;
  return { context, childrenWithoutRelationship, adultsLeftOut };
}
