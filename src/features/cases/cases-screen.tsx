// The unlocked home: the case list, or one case open in the editor. The editor (all the question
// pages) is loaded only when a case is opened, so unlocking and listing stay light.
import { lazy, Suspense, useState } from "react";
import type { VaultSession } from "../../storage/vault";
import { CaseList } from "./case-list";
import "./cases.css";

const CaseEditor = lazy(() => import("./case-editor").then((module) => ({ default: module.CaseEditor })));

export interface CasesScreenProps {
  session: VaultSession;
  /** Start or continue this case's assessment; the app wires it to the assessment section. */
  onAssess?: ((caseId: string) => void) | undefined;
}

export function CasesScreen({ session, onAssess }: CasesScreenProps) {
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  if (openCaseId !== null) {
    return (
      <Suspense fallback={<p role="status">Opening case…</p>}>
        <CaseEditor key={openCaseId} session={session} caseId={openCaseId} onClose={() => setOpenCaseId(null)} onAssess={onAssess} />
      </Suspense>
    );
  }
  return <CaseList session={session} onOpen={setOpenCaseId} />;
}
