// One case with a completed assessment (the shared strangulation scenario, 01) arriving the way a
// colleague's case does: an encrypted case-export file imported through the Backup screen. Its
// details leave gaps on purpose, so its referral pack lists what is missing with links to fix it.
import type { Page } from "playwright-core";
import { completeDetails } from "../../../src/domain/referral-pack/__tests__/pack-fixtures";
import { writeCaseExportFile } from "./case-export";
import { importCaseFile } from "./case-import";

const FILE_PASSPHRASE = "handed over separately";

const SEEDED_DETAILS = {
  detailsVersion: 1,
  victim: { name: "Seeda Caseworth", dateOfBirth: "1990-04-01" },
  perpetrator: { name: "Sam Example", relationship: "ex-partner", historyChecks: "done" },
  children: [],
  referrer: { name: "PC Jones", role: "police", agency: "Example Constabulary", phone: "01234 567890" },
  agenciesInvolved: ["Police"],
  nonDisclosure: [],
};

/** From any unlocked screen: imports the assessed case through "Backup and data" (it becomes case 1 if first). */
export async function importAssessedCase(page: Page): Promise<void> {
  await importCaseFile(
    page,
    await writeCaseExportFile({ details: SEEDED_DETAILS, passphrase: FILE_PASSPHRASE }),
    FILE_PASSPHRASE,
  );
}

export interface SeededVictim {
  name: string;
  dateOfBirth: string;
  postcode: string;
}

/** Who makes the referral, as the case's "Referrer" page records them. */
export interface SeededReferrer {
  name: string;
  role: "police" | "idva";
  agency: string;
}

/**
 * From any unlocked screen: imports a high-risk case (the strangulation scenario) whose details answer
 * everything the MARAC form asks, so its MARAC pack can be marked ready at once. The victim and the
 * referrer are the given ones; her address (with its postcode) is shared with the MARAC, the child's school withheld.
 */
export async function importMaracReadyCase(
  page: Page,
  { victim, referrer, caseId }: { victim: SeededVictim; referrer: SeededReferrer; caseId: string },
): Promise<void> {
  const complete = completeDetails();
  const details = {
    ...complete,
    victim: {
      ...complete.victim,
      name: victim.name,
      dateOfBirth: victim.dateOfBirth,
      address: { kind: "address", text: "3 Mill Lane, Northtown", postcode: victim.postcode },
    },
    referrer: { ...complete.referrer, ...referrer },
    nonDisclosure: ["children[0].school"],
  };
  await importCaseFile(
    page,
    await writeCaseExportFile({ details, passphrase: FILE_PASSPHRASE, caseId }),
    FILE_PASSPHRASE,
  );
}
