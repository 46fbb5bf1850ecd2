import { emptyDraft } from "../assessment-draft";
import { newDraft } from "../assessment-records";

describe("a new assessment", () => {
  it("takes who is assessing from the practitioner's own details and starts at the safe-to-ask question", () => {
    expect(newDraft("case-1", { role: "police", agency: "Anytown Police", name: "PC 1234 Smith" })).toEqual({
      ...emptyDraft("case-1"),
      assessor: { role: "police", agency: "Anytown Police" },
      questionSet: "dash-2009-police",
      page: "gate",
    });
    expect(newDraft("case-1", { role: "idva" })).toMatchObject({ questionSet: "dash-ric-24", page: "gate" });
  });

  it("starts at who is assessing when the role is not known, keeping the agency if it is", () => {
    expect(newDraft("case-1", {})).toEqual(emptyDraft("case-1"));
    expect(newDraft("case-1", { agency: "Haven Refuge" })).toEqual({
      ...emptyDraft("case-1"),
      assessor: { agency: "Haven Refuge" },
    });
  });
});
