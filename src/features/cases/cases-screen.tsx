// The unlocked home: the case list, or one case open in the editor.
import { useState } from "react";
import type { VaultSession } from "../../storage/vault";
import { CaseEditor } from "./case-editor";
import { CaseList } from "./case-list";
import "./cases.css";

export interface CasesScreenProps {
  session: VaultSession;
  /** Start or continue this case's assessment; the app wires it to the assessment section. */
  onAssess?: ((caseId: string) => void) | undefined;
}

export function CasesScreen({ session, onAssess }: CasesScreenProps) {
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  if (openCaseId !== null) {
    return <CaseEditor key={openCaseId} session={session} caseId={openCaseId} onClose={() => setOpenCaseId(null)} onAssess={onAssess} />;
  }
  return <CaseList session={session} onOpen={setOpenCaseId} />;
}
