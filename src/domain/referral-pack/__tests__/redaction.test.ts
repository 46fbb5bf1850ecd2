// Redaction: facts marked never to disclose stay in the referrer's copy (flagged) and are replaced by
// the visible marker in the shareable copy, whichever field or summary they would otherwise leak through.
import { describe, expect, it } from "vitest";
import { buildMaracPack } from "../build-marac-pack";
import { buildS42Pack } from "../build-s42-pack";
import { packPlainText, WITHHELD_MARKER } from "../pack-document";
import {
  isWithinPath,
  markWithheldFacts,
  packPathOf,
  redactForSharing,
  shareableCopyOf,
  withheldPathsOf,
  withholdingPaths,
} from "../redaction";
import { completeDetails, loadScenario, PREPARED_AT } from "./pack-fixtures";

const ADDRESS = "12 Withheld Road, Townsville";
const SCHOOL = "Hidden Lane Primary";

describe("paths", () => {
  it("names answers, context facts and details in one namespace", () => {
    expect(packPathOf("dash.pregnancy")).toBe("answers.dash.pregnancy");
    expect(packPathOf("answers.dash.pregnancy")).toBe("answers.dash.pregnancy");
    expect(packPathOf("context.separation")).toBe("context.separation");
    expect(withheldPathsOf(completeDetails(), ["dash.separation", "context.pregnant"])).toEqual([
      "details.victim.address",
      "details.children[0].school",
      "answers.dash.separation",
      "context.pregnant",
    ]);
  });

  it("a path is within itself and its ancestors, never a sibling with a common prefix", () => {
    expect(isWithinPath("details.children[0].school", "details.children[0]")).toBe(true);
    expect(isWithinPath("details.victim.address.postcode", "details.victim.address")).toBe(true);
    expect(isWithinPath("details.children[10]", "details.children[1]")).toBe(false);
    expect(isWithinPath("answers.dash.separation-x", "answers.dash.separation")).toBe(false);
  });

  it("withholds a summary built from a withheld part, and a part of a withheld whole", () => {
    expect(withholdingPaths(["details.victim.safeContact"], ["details.victim.safeContact.phone"])).toEqual([
      "details.victim.safeContact.phone",
    ]);
    expect(withholdingPaths(["details.victim.address.postcode"], ["details.victim.address"])).toEqual([
      "details.victim.address",
    ]);
    expect(withholdingPaths(["details.victim.name"], ["details.victim.address"])).toEqual([]);
  });
});

describe("the two copies", () => {
  const withSeparationDetail = (raw: Record<string, unknown>) => {
    (raw.answers as Record<string, unknown>)["dash.separation"] = {
      answer: "yes",
      detail: "moved to her sister in Lowtown",
      source: "victim",
    };
    raw.context = { nonDisclosure: ["dash.separation"] };
  };

  it("keeps withheld facts in the referrer's copy, flagged", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json", withSeparationDetail);
    const pack = buildMaracPack(completeDetails(), caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
    const text = packPlainText(pack);
    expect(text).toContain(ADDRESS);
    expect(text).toContain(SCHOOL);
    expect(text).toContain("moved to her sister in Lowtown");
    expect(text).not.toContain(WITHHELD_MARKER);
    const flagged = pack.sections.flatMap((section) => section.rows).filter((entry) => entry.withheld);
    expect(flagged.map((entry) => entry.label)).toEqual(
      expect.arrayContaining(["Address", "Postcode", "Child 1: school or nursery"]),
    );
    expect(pack.withheldCount).toBeGreaterThanOrEqual(4);
  });

  it("removes them from the shareable copy, with the visible marker, including an answer's detail", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json", withSeparationDetail);
    for (const build of [buildMaracPack, buildS42Pack]) {
      const pack = build(completeDetails(), caseFile, outcome, { copy: "shareable", preparedAt: PREPARED_AT });
      const text = packPlainText(pack);
      const json = JSON.stringify(pack);
      for (const secret of [ADDRESS, "ZZ1 1ZZ", SCHOOL, "moved to her sister in Lowtown", "Lowtown"]) {
        expect(text).not.toContain(secret);
        expect(json).not.toContain(secret);
      }
      expect(text).toContain(`Address: ${WITHHELD_MARKER}`);
      expect(text).toContain(`Child 1: school or nursery: ${WITHHELD_MARKER}`);
      // What is not withheld is still there.
      expect(text).toContain("07700 900123");
      expect(text).toContain("Robin");
    }
  });

  it("withholds engine reasons and timeline items built from a withheld answer", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json", (raw) => {
      raw.context = { nonDisclosure: ["dash.strangulation"] };
    });
    const pack = buildMaracPack(completeDetails({ nonDisclosure: [] }), caseFile, outcome, {
      copy: "shareable",
      preparedAt: PREPARED_AT,
    });
    const reasons = pack.sections
      .find((section) => section.id === "risk")!
      .rows.find((entry) => entry.label === "Rule-floor reasons")!;
    expect(reasons.list?.every((listItem) => listItem.text === WITHHELD_MARKER)).toBe(true);
    const text = packPlainText(pack);
    expect(text).not.toContain("rule: strangulation");
    expect(text).toContain(WITHHELD_MARKER);
  });

  it("a whole withheld section (safe contact) hides every row of it", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    const pack = buildMaracPack(completeDetails({ nonDisclosure: ["victim.safeContact"] }), caseFile, outcome, {
      copy: "shareable",
      preparedAt: PREPARED_AT,
    });
    const text = packPlainText(pack);
    expect(text).not.toContain("07700 900123");
    expect(text).not.toContain("Weekdays 10am to 2pm");
    expect(text).toContain(`Safe phone number: ${WITHHELD_MARKER}`);
  });

  it("a withheld list container (all agencies) hides the list, one withheld item hides only that item", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    const base = buildMaracPack(completeDetails({ nonDisclosure: [] }), caseFile, outcome, {
      copy: "referrer",
      preparedAt: PREPARED_AT,
    });
    const all = redactForSharing(markWithheldFacts(base, ["details.agenciesInvolved"]));
    expect(packPlainText(all)).toContain(`Agencies involved: ${WITHHELD_MARKER}`);
    const one = redactForSharing(markWithheldFacts(base, ["details.agenciesInvolved[1]"]));
    const agencies = one.sections
      .flatMap((section) => section.rows)
      .find((entry) => entry.label === "Agencies involved")!;
    expect(agencies.list?.map((listItem) => listItem.text)).toEqual(["Police", WITHHELD_MARKER]);
  });
});

describe("shareableCopyOf", () => {
  it("turns a stored referrer's copy into exactly the shareable copy the builder makes", () => {
    const { caseFile, outcome } = loadScenario("01-strangulation-alone.json");
    const referrer = buildMaracPack(completeDetails(), caseFile, outcome, {
      copy: "referrer",
      preparedAt: PREPARED_AT,
    });
    const shareable = buildMaracPack(completeDetails(), caseFile, outcome, {
      copy: "shareable",
      preparedAt: PREPARED_AT,
    });
    expect(shareableCopyOf(referrer)).toEqual(shareable);
    expect(shareable.copy).toBe("shareable");
    expect(shareable.copyLabel).toMatch(/wider sharing/);
  });
});
