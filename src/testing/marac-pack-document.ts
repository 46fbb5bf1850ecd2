// A MARAC referral pack document as the pack screen prepares one, for tests that send packs to MARAC:
// the victim's name, one row withheld from the area's copy (where she is), and one more row of the test's.
import type { PackRow, ReferralPackDocument } from "../domain/referral-pack/pack-document";
import type { SavePackInput } from "../storage/packs";

export function maracPackDocument(victimName: string, withheld: PackRow, more: PackRow): ReferralPackDocument {
  return {
    packDocumentVersion: 1,
    kind: "marac",
    copy: "referrer",
    title: "MARAC referral",
    copyLabel: "Full copy",
    protectiveMarking: "OFFICIAL-SENSITIVE",
    preparedAt: "2026-12-01T10:00:00.000Z",
    assessmentDate: "2026-12-01",
    sections: [
      {
        id: "victim",
        title: "Victim",
        rows: [{ label: "Name", value: victimName, sourcePaths: ["details.victim.name"] }, withheld, more],
      },
    ],
    withheldCount: 1,
  };
}

/** Saves `document` as a ready MARAC pack of the case, as the pack screen does once it has been checked. */
export async function saveReadyMaracPack(
  session: { savePack(input: SavePackInput): Promise<unknown> },
  caseId: string,
  packId: string,
  document: ReferralPackDocument,
): Promise<void> {
  await session.savePack({
    id: packId,
    caseId,
    kind: "marac",
    status: "ready",
    content: { packContentVersion: 1, kind: "marac", assessmentId: "none", document },
    readyAt: new Date().toISOString(),
  });
}
