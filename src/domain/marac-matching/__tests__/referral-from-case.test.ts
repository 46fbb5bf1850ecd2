// @vitest-environment node
import { describe, expect, it } from "vitest";
import { emptyCaseDetails, type CaseDetails } from "../../case-record/case-details";
import { maracReferralFromCase } from "../referral-from-case";

const details = (nonDisclosure: string[] = []): CaseDetails => ({
  ...emptyCaseDetails(),
  victim: {
    name: "Jane Smith",
    otherNames: "Jane Brown",
    dateOfBirth: "1990-03-04",
    address: { kind: "address", text: "1 High Street", postcode: "LS6 2AB" },
  },
  referrer: { agency: " Police " },
  nonDisclosure,
});

describe("maracReferralFromCase", () => {
  it("carries the victim's names, date of birth, postcode and the referring agency", () => {
    expect(
      maracReferralFromCase(details(), { referralId: "r1", referredOn: "2025-06-09", newIncident: false }),
    ).toEqual({
      referralId: "r1",
      referredOn: "2025-06-09",
      newIncident: false,
      referringAgency: "Police",
      victim: { name: "Jane Smith", otherNames: "Jane Brown", dateOfBirth: "1990-03-04", postcode: "LS6 2AB" },
    });
  });

  it("leaves out what is withheld from the shared copy: the address (so its postcode) and other names", () => {
    const referral = maracReferralFromCase(details(["victim.address", "victim.otherNames"]), {
      referralId: "r1",
      referredOn: "2025-06-09",
    });
    expect(referral.victim).toEqual({ name: "Jane Smith", dateOfBirth: "1990-03-04" });
  });

  it("leaves out empty fields and an unrecorded agency", () => {
    const empty = { ...emptyCaseDetails(), victim: { name: "  " } };
    expect(maracReferralFromCase(empty, { referralId: "r1", referredOn: "2025-06-09" })).toEqual({
      referralId: "r1",
      referredOn: "2025-06-09",
      victim: {},
    });
  });
});
