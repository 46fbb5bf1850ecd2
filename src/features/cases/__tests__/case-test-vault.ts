// An unlocked profile on a brand-new in-memory device, and the steps to reach a case's pages.
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { screen, waitFor } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { readCaseDetails, type CaseDetails } from "../../../domain/case-record/case-details";
import { openDatabase } from "../../../storage/db";
import { Vault } from "../../../storage/vault";
import type { VaultSession } from "../../../storage/vault-session";

const PASSPHRASE = "correct horse battery staple";

export async function unlockedSession(): Promise<VaultSession> {
  const vault = new Vault({ db: openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange }), iterations: 1_000 });
  const { profileId } = await vault.createProfile("PC 1234 Smith", PASSPHRASE);
  return vault.unlock(profileId, PASSPHRASE);
}

/** From the case list: open case 1, then one section of it. */
export async function openSection(
  user: UserEvent,
  title: string,
  caseName: RegExp = /^Case 1, started/,
): Promise<void> {
  await user.click(await screen.findByRole("button", { name: caseName }));
  await user.click(await screen.findByRole("button", { name: title }));
  await screen.findByRole("heading", { level: 1, name: title });
}

/** What is stored for the case once the autosave has caught up with `check`. */
export async function storedDetails(
  session: VaultSession,
  caseId: string,
  check: (details: CaseDetails) => void,
): Promise<CaseDetails> {
  let latest: CaseDetails | null = null;
  await waitFor(
    async () => {
      latest = readCaseDetails((await session.getCase(caseId)).details);
      check(latest);
    },
    { timeout: 3_000 },
  );
  return latest!;
}
