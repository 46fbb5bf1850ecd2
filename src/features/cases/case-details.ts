// The encrypted part of a case, as this minimal editor knows it. Stored opaque by the vault, so
// read it defensively: older or newer screens may have saved more (or fewer) fields.

export interface CaseDetails {
  victimName: string;
  notes: string;
}

export const EMPTY_CASE_DETAILS: CaseDetails = { victimName: "", notes: "" };

export function readCaseDetails(value: unknown): CaseDetails {
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return {
    ...record,
    victimName: typeof record.victimName === "string" ? record.victimName : "",
    notes: typeof record.notes === "string" ? record.notes : "",
  };
}
