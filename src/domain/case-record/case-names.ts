// One name for a case on every screen: "Case 3", numbered by when it was started (the oldest is
// case 1; cases started in the same millisecond by id), so a case keeps its name while others
// change. The case list, the assessment and referral-pack lists, the review dashboard and the
// review of one case all name cases with this, never with the id. Nothing about the person is in
// the name, so it may appear in the page title and a manager's screen.

export interface NameableCase {
  id: string;
  /** ISO timestamp the case was started. */
  createdAt: string;
}

/** Each case's number, from 1, oldest first. */
export function caseNumbers(cases: readonly NameableCase[]): Map<string, number> {
  const oldestFirst = [...cases].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return new Map(oldestFirst.map((each, index) => [each.id, index + 1]));
}

/** "Case 3". */
export function caseName(number: number): string {
  return `Case ${number}`;
}
