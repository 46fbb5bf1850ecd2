import { caseName, caseNumbers } from "../case-names";

describe("case names", () => {
  it("numbers cases oldest first from 1, whatever order they come in", () => {
    const numbers = caseNumbers([
      { id: "c", createdAt: "2025-03-03T09:00:00.000Z" },
      { id: "a", createdAt: "2025-03-01T09:00:00.000Z" },
      { id: "b", createdAt: "2025-03-02T09:00:00.000Z" },
    ]);
    expect([...numbers.entries()]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });

  it("orders cases started at the same moment by id, so every screen agrees", () => {
    const at = "2025-03-01T09:00:00.000Z";
    const forwards = caseNumbers([
      { id: "2145a2dc-x", createdAt: at },
      { id: "0a11-y", createdAt: at },
    ]);
    const backwards = caseNumbers([
      { id: "0a11-y", createdAt: at },
      { id: "2145a2dc-x", createdAt: at },
    ]);
    expect(forwards).toEqual(backwards);
    expect(forwards.get("0a11-y")).toBe(1);
  });

  it("names a case by its number, never its id", () => {
    expect(caseName(1)).toBe("Case 1");
  });
});
