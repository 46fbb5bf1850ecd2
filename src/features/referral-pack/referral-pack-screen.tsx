// The referral pack screen for one case's latest completed assessment: choose MARAC or s42 (what
// the outcome calls for; both may apply), choose the copy, see what is missing (with links to fix
// it), preview, print, download as PDF or JSON, mark ready to send and mark as sent.
//
// Once a pack is marked ready, the saved document is what is shown and shared from then on, so what
// was sent can always be seen again; "Reopen as a draft" rebuilds it from the current facts.
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { buildPack, packsCalledFor } from "../../domain/referral-pack/build-pack";
import { checkPackCompleteness } from "../../domain/referral-pack/pack-completeness";
import {
  copyLabelFor,
  copyNameFor,
  PACK_KINDS,
  type PackCopy,
  type PackKind,
  type ReferralPackDocument,
} from "../../domain/referral-pack/pack-document";
import { shareableCopyOf } from "../../domain/referral-pack/redaction";
import { PACK_SENT_TO_MARAC, type PackSummary } from "../../storage/packs";
import type { SentReferral } from "../../storage/sync/marac-records-api";
import type { VaultSession } from "../../storage/vault-session";
import { ScreenHeading } from "../../ui/screen-heading";
import { loadPackInputs, type PackInputs } from "./load-pack-inputs";
import { downloadContent } from "../../ui/download";
import { packFileName } from "./pack-download";
import { PackPreview } from "../../ui/pack-preview";
import { correctionPackId } from "./marac-referrer-access";
import { MaracSendPanel } from "./marac-send-panel";
import { useMaracStanding, type MaracStandingState } from "./use-marac-standing";
import "./referral-pack.css";

// Sending to the MARAC (issue 17): its pages load only when the practitioner starts a send.
const MaracSendFlow = lazy(() => import("./marac-send-flow").then((module) => ({ default: module.MaracSendFlow })));
const MaracCorrectionFlow = lazy(() =>
  import("./marac-send-flow").then((module) => ({ default: module.MaracCorrectionFlow })),
);

/** A large PDF on a slow tablet can take a while to hand over; its download link lives a minute. */
const PDF_REVOKE_AFTER_MS = 60_000;

/** Which pack and copy the screen shows: kept across a "fix" link so coming back shows the same. */
export interface PackView {
  kind: PackKind;
  copy: PackCopy;
}

export interface ReferralPackScreenProps {
  session: VaultSession;
  caseId: string;
  onClose: () => void;
  /**
   * Called with a completeness fixPath ("details.victim.safeContact", "answers.dash.x", "context.…",
   * "assessment…") to go and fix it, and the pack and copy shown, to come back to.
   */
  onFix?: (fixPath: string, view: PackView) => void;
  /** Open on this pack and copy (coming back from a fix) instead of the first pack called for. */
  initialView?: PackView | undefined;
}

export const PACK_STATUSES = ["draft", "ready", "sent"] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];

const STATUS_LABELS: Record<string, string> = {
  draft: "Draft",
  ready: "Ready to send",
  sent: "Sent",
  [PACK_SENT_TO_MARAC]: "Sent to the MARAC",
};
const KIND_LABELS: Record<PackKind, string> = { marac: "MARAC referral", s42: "Adult safeguarding (s42) referral" };
/** The copies in the order the radios offer them: the one safe to pass on first. */
const COPY_CHOICES: readonly PackCopy[] = ["shareable", "referrer"];

/** What is sealed in the pack record: the full copy (with its withheld flags) and where it came from. */
export interface StoredPackContent {
  packContentVersion: 1;
  kind: PackKind;
  assessmentId: string;
  document: ReferralPackDocument;
}

export function packIdFor(kind: PackKind, assessmentId: string): string {
  return `${kind}-${assessmentId}`.slice(0, 64);
}

/** The case's referral sent from this pack or from a correction of it (newest first, so its latest version). */
function referralOfPack(state: MaracStandingState, basePackId: string): SentReferral | null {
  if (state.status !== "read" || state.standing.kind !== "member") return null;
  const versionPrefix = correctionPackId(basePackId, 0).slice(0, -1);
  return (
    state.standing.referrals.find(
      (referral) => referral.packId === basePackId || referral.packId.startsWith(versionPrefix),
    ) ?? null
  );
}

function readStoredDocument(content: unknown): ReferralPackDocument | null {
  if (typeof content !== "object" || content === null) return null;
  const document = (content as { document?: unknown }).document;
  if (typeof document !== "object" || document === null) return null;
  const candidate = document as Partial<ReferralPackDocument>;
  return candidate.copy === "referrer" && Array.isArray(candidate.sections)
    ? (candidate as ReferralPackDocument)
    : null;
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function ReferralPackScreen({ session, caseId, onClose, onFix, initialView }: ReferralPackScreenProps) {
  const [inputs, setInputs] = useState<PackInputs | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [kind, setKind] = useState<PackKind | null>(initialView?.kind ?? null);
  const [copy, setCopy] = useState<PackCopy>(initialView?.copy ?? "shareable");
  const [packs, setPacks] = useState<PackSummary[]>([]);
  const [stored, setStored] = useState<{ packId: string; document: ReferralPackDocument } | null>(null);
  const [progress, setProgress] = useState("");
  const [preparedAt] = useState(() => new Date().toISOString());
  // The send or correction pages, with the full copy they send (fixed as the flow starts: the pack
  // screen re-reads its packs as the flow saves them, and the flow must not lose its place).
  const [maracFlow, setMaracFlow] = useState<{ kind: "send" | "correct"; document: ReferralPackDocument } | null>(null);
  const marac = useMaracStanding(session, caseId, kind === "marac");

  useEffect(() => {
    let live = true;
    loadPackInputs(session, caseId).then(
      (result) => {
        if (!live) return;
        if (!result.ok) {
          setFailure(
            result.reason === "no-completed-assessment"
              ? "This case has no completed assessment yet. Complete the assessment first."
              : "The completed assessment could not be read.",
          );
          return;
        }
        setInputs(result.inputs);
        setPacks(result.inputs.packs);
        setKind((chosen) => chosen ?? packsCalledFor(result.inputs.outcome)[0]?.kind ?? "marac");
      },
      () => {
        if (live) setFailure("The case could not be opened.");
      },
    );
    return () => {
      live = false;
    };
  }, [session, caseId]);

  const basePackId = inputs && kind ? packIdFor(kind, inputs.assessmentId) : null;
  // This assessment's pack as sent to the MARAC (its latest version, after corrections), if it was.
  const maracReferral = kind === "marac" && basePackId !== null ? referralOfPack(marac.state, basePackId) : null;
  const packId = maracReferral?.packId ?? basePackId;
  const summary = packs.find((pack) => pack.id === packId) ?? null;
  const frozen =
    summary !== null &&
    (summary.status === "ready" || summary.status === "sent" || summary.status === PACK_SENT_TO_MARAC);

  // A pack marked ready or sent is shown from what was saved.
  useEffect(() => {
    if (!frozen || packId === null || stored?.packId === packId) return undefined;
    let live = true;
    session.getPack(packId).then(
      (record) => {
        const document = readStoredDocument(record.content);
        if (live && document) setStored({ packId, document });
      },
      () => {
        if (live) setFailure("The saved pack could not be read.");
      },
    );
    return () => {
      live = false;
    };
  }, [frozen, packId, session, stored]);

  const built = useMemo(() => {
    if (!inputs || !kind) return null;
    return buildPack(kind, inputs.details, inputs.caseFile, inputs.outcome, { copy: "referrer", preparedAt });
  }, [inputs, kind, preparedAt]);
  const completeness = useMemo(
    () => (inputs && kind ? checkPackCompleteness(kind, inputs.details, inputs.caseFile, inputs.outcome, copy) : null),
    [inputs, kind, copy],
  );
  // The pack marked ready is the full copy (the shared one is derived from it), so marking ready
  // always waits for the full copy to be complete, whichever copy is being looked at.
  // So the list of what is missing before it can be marked ready is always the full copy's.
  const fullCompleteness = useMemo(
    () =>
      inputs && kind ? checkPackCompleteness(kind, inputs.details, inputs.caseFile, inputs.outcome, "referrer") : null,
    [inputs, kind],
  );
  const fullCopyReady = fullCompleteness?.ready ?? false;

  if (failure) {
    return (
      <div>
        <ScreenHeading>Referral pack</ScreenHeading>
        <p role="alert">{failure}</p>
        <button type="button" className="button" onClick={onClose}>
          Back
        </button>
      </div>
    );
  }
  if (!inputs || !kind || !built || !completeness) return <p role="status">Loading the referral pack…</p>;

  const refreshPacks = async () => setPacks(await session.listPacks(caseId));

  const savePackAs = async (
    id: string,
    nextStatus: PackStatus,
    times: { readyAt?: string | null; sentAt?: string | null },
    document: ReferralPackDocument,
  ) => {
    const content: StoredPackContent = { packContentVersion: 1, kind, assessmentId: inputs.assessmentId, document };
    await session.savePack({ id, caseId, kind, status: nextStatus, content, ...times });
    await refreshPacks();
  };
  const save = (
    nextStatus: PackStatus,
    times: { readyAt?: string | null; sentAt?: string | null },
    document: ReferralPackDocument,
  ) => savePackAs(packId!, nextStatus, times, document);

  const standing = marac.state.status === "read" ? marac.state.standing : null;
  if (maracFlow !== null && standing?.kind === "member") {
    const closeFlow = () => {
      setMaracFlow(null);
      setProgress("");
    };
    const afterEachSend = async () => {
      await refreshPacks();
      await marac.refresh();
    };
    return (
      <Suspense fallback={<p role="status">Loading…</p>}>
        {maracFlow.kind === "send" || maracReferral === null ? (
          <MaracSendFlow
            referrer={standing.referrer}
            areas={standing.areas}
            caseId={caseId}
            packId={packId!}
            document={maracFlow.document}
            onBack={closeFlow}
            afterSend={async (sent) => {
              // Sending marked the pack sent to the MARAC (read-only from now) and the case's clear summary
              // (which the manager's dashboard reads); this device's audit says where it went.
              await session.recordAudit("share-pack", { caseId, detail: `marac pack sent to ${sent.area.name}` });
              await afterEachSend();
            }}
          />
        ) : (
          <MaracCorrectionFlow
            referrer={standing.referrer}
            referral={maracReferral}
            document={maracFlow.document}
            onBack={closeFlow}
            saveVersion={async (version) => {
              const id = correctionPackId(basePackId!, version);
              await savePackAs(id, "ready", { readyAt: new Date().toISOString(), sentAt: null }, maracFlow.document);
              return id;
            }}
            afterSend={async (sent) => {
              // Sending marked this version's pack sent to the MARAC, as for the first send.
              await session.recordAudit("share-pack", {
                caseId,
                detail: `marac correction (version ${sent.versions.length}) sent to ${sent.area.name}`,
              });
              await afterEachSend();
            }}
          />
        )}
      </Suspense>
    );
  }
  const referrerDocument = frozen && stored?.packId === packId ? stored.document : frozen ? null : built;
  if (referrerDocument === null) return <p role="status">Loading the saved pack…</p>;
  const shown = copy === "referrer" ? referrerDocument : shareableCopyOf(referrerDocument);
  const offers = packsCalledFor(inputs.outcome);
  const offeredKinds = offers.length > 0 ? offers.map((offer) => offer.kind) : [...PACK_KINDS];
  const status = (summary?.status ?? "draft") as string;
  const copyName = copyNameFor(kind, copy);
  const detailFor = (what: string) => `${kind} pack, ${copyName}, ${what}`;

  const run = async (working: string, done: string, action: () => Promise<void>) => {
    setProgress(working);
    try {
      await action();
      setProgress(done);
    } catch {
      setProgress("That did not work. Nothing was shared. Try again.");
    }
  };

  const downloadPdf = () =>
    run("Preparing the PDF…", `PDF downloaded: ${copyName}.`, async () => {
      const { renderPackPdf } = await import("./pack-pdf");
      const bytes = await renderPackPdf(shown);
      downloadContent(packFileName(shown, "pdf"), "application/pdf", bytes, PDF_REVOKE_AFTER_MS);
      await session.recordAudit("share-pack", { caseId, detail: detailFor("PDF download") });
    });

  const downloadJson = () =>
    run("Preparing the JSON file…", `JSON downloaded: ${copyName}.`, async () => {
      downloadContent(packFileName(shown, "json"), "application/json", JSON.stringify(shown, null, 2));
      await session.recordAudit("share-pack", { caseId, detail: detailFor("JSON download") });
    });

  const print = () =>
    run("Opening the print dialogue…", `Sent to print: ${copyName}.`, async () => {
      await session.recordAudit("share-pack", { caseId, detail: detailFor("printed") });
      window.print();
    });

  const sentToMarac = maracReferral !== null;

  return (
    <div className="referral-pack">
      <div className="referral-pack__controls">
        <ScreenHeading>Referral pack</ScreenHeading>
        <button type="button" className="link-button" onClick={onClose}>
          Back to the list of cases
        </button>

        <fieldset className="form-field pack-radios">
          <legend className="form-field__label">Which referral?</legend>
          {offers.length === 0 ? (
            <p className="form-field__hint">
              This assessment does not call for a MARAC or an s42 referral. You can still prepare one.
            </p>
          ) : (
            <p className="form-field__hint">
              What this assessment calls for. Both may apply: one never replaces the other.
            </p>
          )}
          {offeredKinds.map((candidate) => {
            const offer = offers.find((entry) => entry.kind === candidate);
            return (
              <label key={candidate} className="pack-radios__item">
                <input
                  type="radio"
                  autoComplete="off"
                  name="pack-kind"
                  value={candidate}
                  checked={kind === candidate}
                  onChange={() => setKind(candidate)}
                />
                {KIND_LABELS[candidate]}
                {offer ? ` (${offer.decision === "refer" ? "refer" : "consider"})` : ""}
              </label>
            );
          })}
        </fieldset>

        <fieldset className="form-field pack-radios">
          <legend className="form-field__label">Which copy?</legend>
          {COPY_CHOICES.map((candidate) => (
            <div key={candidate} className="pack-radios__choice">
              <label className="pack-radios__item">
                <input
                  type="radio"
                  autoComplete="off"
                  name="pack-copy"
                  value={candidate}
                  checked={copy === candidate}
                  aria-describedby={`pack-copy-${candidate}-hint`}
                  onChange={() => setCopy(candidate)}
                />
                {copyNameFor(kind, candidate)}
              </label>
              <p id={`pack-copy-${candidate}-hint`} className="form-field__hint">
                {copyLabelFor(kind, candidate)}
              </p>
            </div>
          ))}
        </fieldset>

        <p>
          Status: <strong>{STATUS_LABELS[status] ?? status}</strong>
          {summary?.readyAt ? `. Marked ready ${dateTime.format(new Date(summary.readyAt))}` : ""}
          {summary?.sentAt ? `. Marked sent ${dateTime.format(new Date(summary.sentAt))}` : ""}
        </p>
        {sentToMarac ? (
          <p>
            This is the pack as sent to {maracReferral.area.name}. A pack sent to the MARAC cannot be changed or
            reopened: to change what the MARAC has, send a correction.
          </p>
        ) : frozen ? (
          <p>This shows the pack as it was saved when it was marked ready.</p>
        ) : null}

        {!frozen ? (
          fullCopyReady ? (
            <div className="notice">
              <h2>Everything this copy needs is filled in</h2>
            </div>
          ) : (
            <div className="error-summary" role="region" aria-labelledby="pack-missing-heading">
              <h2 id="pack-missing-heading" className="error-summary__title">
                Before this pack can be marked ready to send
              </h2>
              <ul className="error-summary__list">
                {(fullCompleteness?.missing ?? []).map((missing) => (
                  <li key={`${missing.fixPath}-${missing.label}`}>
                    <a
                      className="pack-missing__fix"
                      href={`#${missing.fixPath}`}
                      onClick={(event) => {
                        if (!onFix) return;
                        event.preventDefault();
                        onFix(missing.fixPath, { kind, copy });
                      }}
                    >
                      {missing.label}
                    </a>
                    <span className="pack-missing__why"> {missing.why}</span>
                  </li>
                ))}
              </ul>
            </div>
          )
        ) : null}
        {!frozen && completeness.actions.length > 0 ? (
          <section aria-labelledby="pack-actions-heading">
            <h2 id="pack-actions-heading">Still to find out (listed as actions, not blocking)</h2>
            <ul>
              {completeness.actions.map((action) => (
                <li key={`${action.fixPath}-${action.text}`}>{action.text}</li>
              ))}
            </ul>
          </section>
        ) : null}

        <div className="button-row">
          <button type="button" className="button" onClick={downloadPdf}>
            Download PDF
          </button>
          <button type="button" className="button button--secondary" onClick={downloadJson}>
            Download JSON
          </button>
          <button type="button" className="button button--secondary" onClick={print}>
            Print
          </button>
        </div>
        <div className="button-row">
          {status === "draft" ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => run("Saving…", "Draft saved.", () => save("draft", {}, built))}
            >
              Save as draft
            </button>
          ) : null}
          {status === "draft" && fullCopyReady ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                run("Saving…", "Marked ready to send.", async () => {
                  await save("ready", { readyAt: new Date().toISOString(), sentAt: null }, built);
                  setStored({ packId: packId!, document: built });
                })
              }
            >
              Mark ready to send
            </button>
          ) : null}
          {status === "draft" && !fullCopyReady ? (
            <p>You can mark the pack ready to send once everything listed above is filled in.</p>
          ) : null}
          {status === "draft" && copy !== "referrer" && completeness.ready && !fullCopyReady ? (
            <p>
              This copy has everything it needs; the {copyNameFor(kind, "referrer").replace(/^Full/, "full")}, which is
              the one sent, still needs the details listed above.
            </p>
          ) : null}
          {status === "ready" && !sentToMarac ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                run("Saving…", "Marked as sent.", async () => {
                  const sentAt = new Date();
                  await save("sent", { sentAt: sentAt.toISOString() }, referrerDocument);
                  // The manager's dashboard reads "sent" from the case's clear summary, not from the packs.
                  await session.markReferralSent(caseId, kind, sentAt);
                  await session.recordAudit("share-pack", { caseId, detail: `${kind} pack marked sent` });
                })
              }
            >
              Mark as sent
            </button>
          ) : null}
          {frozen && !sentToMarac ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                run("Saving…", "Reopened as a draft from the current facts.", async () => {
                  await save("draft", { readyAt: null, sentAt: null }, built);
                  setStored(null);
                })
              }
            >
              Reopen as a draft
            </button>
          ) : null}
        </div>
        {kind === "marac" ? (
          <MaracSendPanel
            state={marac.state}
            referral={maracReferral}
            packSaved={frozen}
            currentFactsComplete={fullCopyReady}
            onSend={() => setMaracFlow({ kind: "send", document: referrerDocument })}
            onCorrect={() => setMaracFlow({ kind: "correct", document: built })}
          />
        ) : null}
        <p role="status" className="referral-pack__progress">
          {progress}
        </p>
      </div>

      <PackPreview document={shown} />
    </div>
  );
}
