// The MARAC record kinds' ids and bodies (marac-records.ts): referral ids found by their clear prefix,
// status ids the same on every coordinator device, and bodies refused unless they are what they claim.
import { buildMaracPack } from "../../../domain/referral-pack/build-marac-pack";
import { WITHHELD_MARKER } from "../../../domain/referral-pack/pack-document";
import { shareableCopyOf } from "../../../domain/referral-pack/redaction";
import { fullDetails, fullScenario, PREPARED_AT } from "../../../domain/referral-pack/__tests__/pack-fixtures";
import {
  isMaracId,
  newReferralId,
  readReferralBody,
  readStatusBody,
  statusRecordId,
  type ReferralBody,
} from "../marac-records";

function body(referralId: string): ReferralBody {
  return {
    referralBodyVersion: 1,
    caseId: crypto.randomUUID(),
    packId: "marac-1",
    area: { areaId: crypto.randomUUID(), name: "Northshire MARAC" },
    versions: [{ version: 1, sentAt: "2026-12-01T10:00:00.000Z" }],
    pack: {
      packDocumentVersion: 1,
      kind: "marac",
      copy: "shareable",
      title: "MARAC referral",
      copyLabel: "Copy for the MARAC",
      protectiveMarking: "OFFICIAL-SENSITIVE",
      preparedAt: "2026-12-01T10:00:00.000Z",
      assessmentDate: "2026-12-01",
      sections: [
        {
          id: "victim",
          title: "Victim",
          rows: [{ label: "Address", value: WITHHELD_MARKER, sourcePaths: ["details.victim.address"], withheld: true }],
        },
      ],
      withheldCount: 1,
    },
    referral: { referralId, victim: { name: "Jane Smith" }, referredOn: "2026-12-01" },
  };
}

describe("MARAC record ids", () => {
  it("gives each referral a new id that its prefix and version mark as a referral's, and no case id is one", () => {
    const ids = new Set(Array.from({ length: 50 }, () => newReferralId()));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^00000000-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isMaracId(id)).toBe(true);
    }
    expect(isMaracId(crypto.randomUUID())).toBe(false);
    expect(isMaracId("00000000-0000-4000-8000-000000000000")).toBe(false);
  });

  it("names a referral's status record the same way every time, and differently for another referral", async () => {
    const referralId = newReferralId();
    expect(await statusRecordId(referralId)).toBe(await statusRecordId(referralId));
    expect(await statusRecordId(referralId)).not.toBe(await statusRecordId(newReferralId()));
    expect(await statusRecordId(referralId)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8/);
  });
});

describe("MARAC record bodies", () => {
  it("reads a referral body only as the referral it names, with its versions numbered from 1", () => {
    const referralId = newReferralId();
    expect(readReferralBody(body(referralId), referralId)).not.toBeNull();
    expect(readReferralBody(body(referralId), newReferralId())).toBeNull();
    const gap = { ...body(referralId), versions: [{ version: 2, sentAt: "2026-12-01T10:00:00.000Z" }] };
    expect(readReferralBody(gap, referralId)).toBeNull();
    const fullCopy = { ...body(referralId), pack: { ...body(referralId).pack, copy: "referrer" } };
    expect(readReferralBody(fullCopy, referralId)).toBeNull();
    expect(readReferralBody({ ...body(referralId), extra: 1 }, referralId)).toBeNull();
  });

  it("reads the MARAC copy of every pack the app builds from the MARAC scenarios", () => {
    for (const file of ["01-strangulation-alone.json", "02-fourteen-yes.json", "08-repeat-marac.json"]) {
      const { caseFile, outcome } = fullScenario(file);
      const details = { ...fullDetails(), nonDisclosure: ["victim.address"] };
      const full = buildMaracPack(details, caseFile, outcome, { copy: "referrer", preparedAt: PREPARED_AT });
      const referralId = newReferralId();
      const sent = JSON.parse(JSON.stringify({ ...body(referralId), pack: shareableCopyOf(full) })) as unknown;
      expect(readReferralBody(sent, referralId)?.pack.sections.length).toBe(full.sections.length);
    }
  });

  it("reads a status body only for its referral and a known stage", () => {
    const referralId = newReferralId();
    const status = {
      statusBodyVersion: 1,
      referralId,
      stage: "heard",
      meetingDate: "2026-12-15",
      actions: [{ text: "Safety plan" }],
      updatedAt: "2026-12-15T12:00:00.000Z",
    };
    expect(readStatusBody(status, referralId)).toEqual(status);
    expect(readStatusBody(status, newReferralId())).toBeNull();
    expect(readStatusBody({ ...status, stage: "sent" }, referralId)).toBeNull();
  });
});
