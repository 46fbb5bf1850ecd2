// The unlocked home: the case list, or one case open in the editor. The editor (all the question
// pages) is loaded only when a case is opened, so unlocking and listing stay light.
import { lazy, Suspense, useState } from "react";
import type { VaultSession } from "../../storage/vault-session";
import type { ReturnTo } from "../../ui/back-link";
import { CaseList } from "./case-list";
import { sectionForDetailsPath } from "./case-sections";
import "./cases.css";

const CaseEditor = lazy(() => import("./case-editor").then((module) => ({ default: module.CaseEditor })));

export interface CasesScreenProps {
  session: VaultSession;
  /** Start or continue this case's assessment; the app wires it to the assessment section. */
  onAssess?: ((caseId: string) => void) | undefined;
  /** Open this case straight away, at the page recording `detailsPath` if given (a pack's "fix" link). */
  initialCase?: { caseId: string; detailsPath?: string } | undefined;
  /** Given with initialCase: where that case's editor goes back to (the referral pack that asked). */
  returnTo?: ReturnTo | undefined;
}

export function CasesScreen({ session, onAssess, initialCase, returnTo }: CasesScreenProps) {
  const [openCaseId, setOpenCaseId] = useState<string | null>(initialCase?.caseId ?? null);
  if (openCaseId !== null) {
    const initialSection =
      initialCase !== undefined && initialCase.caseId === openCaseId && initialCase.detailsPath !== undefined
        ? (sectionForDetailsPath(initialCase.detailsPath) ?? undefined)
        : undefined;
    return (
      <Suspense fallback={<p role="status">Opening case…</p>}>
        <CaseEditor
          key={openCaseId}
          session={session}
          caseId={openCaseId}
          onClose={() => setOpenCaseId(null)}
          onAssess={onAssess}
          initialSection={initialSection}
          returnTo={initialCase?.caseId === openCaseId ? returnTo : undefined}
        />
      </Suspense>
    );
  }
  return <CaseList session={session} onOpen={setOpenCaseId} />;
}
