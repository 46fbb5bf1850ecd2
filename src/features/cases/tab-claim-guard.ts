// One case-claim guard per tab: claims are about tabs, so every editor in this tab shares it.
import { createCaseClaimGuard, type CaseClaimGuard } from "../../storage/case-claim";

let guard: CaseClaimGuard | null = null;

export function tabClaimGuard(): CaseClaimGuard {
  guard ??= createCaseClaimGuard();
  return guard;
}
