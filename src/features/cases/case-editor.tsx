// One case, decrypted only while it is on screen: the overview of its sections and one question
// page at a time. Every change is autosaved as typed (see use-case-autosave.ts).
import { useEffect, useState, type ComponentType } from "react";
import { readCaseDetails, type CaseDetails } from "../../domain/case-record/case-details";
import { londonDateOf } from "../../domain/dates";
import { tabClaimGuard } from "../../storage/case-claim";
import type { VaultSession } from "../../storage/vault-session";
import { CaseCheckPage } from "./case-check-page";
import { riskText } from "./case-list";
import { CaseOverview } from "./case-overview";
import { MaracReferralStatus } from "./marac-referral-status";
import { ReviewerFeedback } from "./reviewer-feedback";
import { CASE_SECTIONS, sectionErrors, type CaseSectionId } from "./case-sections";
import { DeleteCase } from "./delete-case";
import { AgenciesFields, ChildrenFields, ConsentFields, PerpetratorFields, ReferrerFields } from "./other-sections";
import { MaracPoliceFields } from "./marac-police-section";
import { SectionPage, type SectionFieldsProps } from "./section-page";
import { useCaseAutosave, type SaveStatus } from "./use-case-autosave";
import { BackLink, type ReturnTo } from "../../ui/back-link";
import { useCaseClaim } from "../../ui/use-case-claim";
import { SafeContactFields, VictimAddressFields, VictimFields } from "./victim-sections";

export interface CaseEditorProps {
  session: VaultSession;
  caseId: string;
  onClose: () => void;
  /** Go to this case's assessment (wired by the app; absent in screens that have no assessment). */
  onAssess?: ((caseId: string) => void) | undefined;
  /** Open on this question page instead of the overview (e.g. from a pack's "what is missing" link). */
  initialSection?: CaseSectionId | undefined;
  /**
   * Where the screen that opened this case waits (a referral pack's "fix" link): a back link on
   * every page, and "Save and continue" on the page it opened goes straight back there.
   */
  returnTo?: ReturnTo | undefined;
}

const STATUS_TEXT: Record<SaveStatus, string> = {
  idle: "",
  saving: "Saving…",
  saved: "Saved",
  failed: "Not saved yet. Your changes are kept on this screen and will be saved on the next change.",
};

const SECTION_FIELDS: Record<CaseSectionId, { fields: ComponentType<SectionFieldsProps>; neverShare: boolean }> = {
  victim: { fields: VictimFields, neverShare: true },
  "safe-contact": { fields: SafeContactFields, neverShare: true },
  "victim-address": { fields: VictimAddressFields, neverShare: true },
  perpetrator: { fields: PerpetratorFields, neverShare: false },
  children: { fields: ChildrenFields, neverShare: true },
  referrer: { fields: ReferrerFields, neverShare: false },
  consent: { fields: ConsentFields, neverShare: true },
  "marac-police": { fields: MaracPoliceFields, neverShare: false },
  agencies: { fields: AgenciesFields, neverShare: true },
};

/** `generation`: the claim generation it was read under; only a read made under the current claim may be edited. */
type Loaded =
  | { caseId: string; generation: number; details: CaseDetails; levelText?: string; sentToMarac: boolean }
  | { caseId: string; error: string };

export function CaseEditor({ session, caseId, onClose, onAssess, initialSection, returnTo }: CaseEditorProps) {
  // Handing the case to another tab first saves what is pending here.
  const { state: claim, takeOver } = useCaseClaim(tabClaimGuard(), caseId, { flush: () => session.flushPending() });
  // Re-read whenever this tab (re)gains or loses the claim: another tab may have changed the case.
  const claimGeneration = claim.kind === "claiming" ? null : claim.generation;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [page, setPage] = useState<CaseSectionId | "overview" | "check">(initialSection ?? "overview");
  const editable =
    claim.kind === "claimed" && loaded !== null && "details" in loaded && loaded.generation === claim.generation;
  const autosave = useCaseAutosave(session, caseId, editable);

  useEffect(() => {
    let live = true;
    if (claimGeneration === null) return undefined;
    session.getCase(caseId).then(
      (record) => {
        if (live)
          setLoaded({
            caseId,
            generation: claimGeneration,
            details: readCaseDetails(record.details),
            levelText: riskText(record),
            sentToMarac: record.referralsSent?.marac !== undefined,
          });
      },
      () => {
        if (live) setLoaded({ caseId, error: "This case could not be opened. It may have been deleted." });
      },
    );
    return () => {
      live = false;
    };
  }, [session, caseId, claimGeneration]);

  const close = (): void => {
    void autosave.flush().finally(onClose);
  };

  if (loaded === null || loaded.caseId !== caseId || claim.kind === "claiming") {
    return <p role="status">Opening case…</p>;
  }
  if ("error" in loaded) {
    return (
      <div>
        <p role="alert">{loaded.error}</p>
        <button type="button" className="button" onClick={onClose}>
          Back to cases
        </button>
      </div>
    );
  }

  const details = loaded.details;
  const update = (next: CaseDetails): void => {
    if (!editable) return;
    setLoaded({ ...loaded, details: next });
    autosave.schedule(next);
  };
  const today = londonDateOf(new Date().toISOString());
  const section = CASE_SECTIONS.find((candidate) => candidate.id === page) ?? null;
  const goBack = returnTo === undefined ? undefined : (): void => void autosave.flush().finally(returnTo.onReturn);

  return (
    <div className="case-editor">
      {claim.kind === "refused" && (
        <div className="notice" role="alert">
          <p>{claim.message}</p>
          <p>You can read this case here, but not change it.</p>
          <p>If the other tab has been left open or closed by mistake, you can take the case over here.</p>
          <button type="button" className="button button--secondary" onClick={takeOver}>
            Take over editing here
          </button>
        </div>
      )}
      <p className="save-status" aria-live="polite" role="status">
        {STATUS_TEXT[autosave.status]}
      </p>
      {goBack !== undefined && <BackLink onClick={goBack}>{returnTo?.label}</BackLink>}
      {page === "check" ? (
        <CaseCheckPage
          details={details}
          today={today}
          readOnly={!editable}
          onBack={() => setPage("overview")}
          onChange={setPage}
        />
      ) : section === null ? (
        <>
          <ReviewerFeedback session={session} caseId={caseId} />
          <CaseOverview
            details={details}
            levelText={loaded.levelText}
            today={today}
            onOpenSection={setPage}
            onCheck={() => setPage("check")}
            onAssess={onAssess === undefined ? undefined : () => void autosave.flush().finally(() => onAssess(caseId))}
          />
          {loaded.sentToMarac && <MaracReferralStatus session={session} caseId={caseId} />}
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={close}>
              Back to cases
            </button>
          </div>
          {editable && (
            <DeleteCase session={session} caseId={caseId} beforeDelete={autosave.flush} onDeleted={onClose} />
          )}
        </>
      ) : (
        <SectionPageFor
          key={section.id}
          section={section}
          details={details}
          update={update}
          readOnly={!editable}
          today={today}
          onBack={() => setPage("overview")}
          onContinue={section.id === initialSection ? goBack : undefined}
          onFlush={() => void autosave.flush()}
        />
      )}
    </div>
  );
}

interface SectionPageForProps {
  section: (typeof CASE_SECTIONS)[number];
  details: CaseDetails;
  update: (next: CaseDetails) => void;
  readOnly: boolean;
  today: string;
  onBack: () => void;
  onContinue?: (() => void) | undefined;
  onFlush: () => void;
}

function SectionPageFor({
  section,
  details,
  update,
  readOnly,
  today,
  onBack,
  onContinue,
  onFlush,
}: SectionPageForProps) {
  const { fields: Fields, neverShare } = SECTION_FIELDS[section.id];
  return (
    <SectionPage
      title={section.title}
      errors={sectionErrors(section.id, details, today)}
      explainsNeverShare={neverShare}
      readOnly={readOnly}
      onBack={onBack}
      onContinue={onContinue}
      onFlush={onFlush}
    >
      {(errorFor) => <Fields details={details} update={update} readOnly={readOnly} errorFor={errorFor} />}
    </SectionPage>
  );
}
