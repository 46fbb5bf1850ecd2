import { emptyDraft, pagesFor, type AssessmentDraft } from "../assessment-draft";
import { ASSESSMENT_PARTS, progressText } from "../assessment-progress";
import { answersWith } from "./assessment-fixtures";

const fewest: AssessmentDraft = {
  ...emptyDraft("case-1"),
  assessor: { role: "idva" },
  safeToAsk: "yes",
  answers: answersWith("dash-ric-24"),
};
/** Police, with stalking and isolation yes and a BRAG yes: every section that can show, shows. */
const most: AssessmentDraft = {
  ...fewest,
  assessor: { role: "police" },
  answers: answersWith("dash-ric-24", { "dash.stalking": "yes", "dash.isolated": "yes", "brag.no-money": "yes" }),
};

const partNumber = (text: string): number => Number(/^Part (\d+) of 6: /.exec(text)?.[1]);

describe("assessment progress", () => {
  it("has the same total whichever sections the answers bring in", () => {
    expect(pagesFor(most).length).toBeGreaterThan(pagesFor(fewest).length);
    for (const draft of [fewest, most]) {
      for (const page of pagesFor(draft)) expect(progressText(page)).toMatch(/^Part [1-6] of 6: /);
    }
    // The page after the checklist reads the same with five more sections around it.
    expect(progressText("timeline")).toBe("Part 3 of 6: Further questions");
  });

  it("never goes backwards along the walk-through, and passes through every part", () => {
    const parts = pagesFor(most).map((page) => partNumber(progressText(page)));
    expect(parts).toEqual([...parts].sort((a, b) => a - b));
    expect(new Set(parts)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(ASSESSMENT_PARTS).toHaveLength(6);
  });

  it("names each part in words", () => {
    expect(progressText("who")).toBe("Part 1 of 6: About the assessment");
    expect(progressText("dash-children")).toBe("Part 2 of 6: The risk checklist");
    expect(progressText("vulnerability")).toBe("Part 3 of 6: Further questions");
    expect(progressText("never-share")).toBe("Part 4 of 6: Facts for the referral");
    expect(progressText("judgement")).toBe("Part 5 of 6: Your professional judgement");
    expect(progressText("check")).toBe("Part 6 of 6: Check your answers");
  });
});
