// The unlocked home: the case list, or one case open in the editor.
import { useState } from "react";
import type { VaultSession } from "../../storage/vault";
import { CaseEditor } from "./case-editor";
import { CaseList } from "./case-list";

export interface CasesScreenProps {
  session: VaultSession;
}

export function CasesScreen({ session }: CasesScreenProps) {
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  if (openCaseId !== null) {
    return <CaseEditor key={openCaseId} session={session} caseId={openCaseId} onClose={() => setOpenCaseId(null)} />;
  }
  return <CaseList session={session} onOpen={setOpenCaseId} />;
}
