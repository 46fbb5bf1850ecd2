// The steps to reach a case's pages, and what the vault holds once the autosave has caught up.
// (The unlocked session comes from src/testing/test-vault.ts.)
import { screen, waitFor } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { readCaseDetails, type CaseDetails } from "../../../domain/case-record/case-details";
import type { VaultSession } from "../../../storage/vault-session";

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
