// Sending a complete MARAC pack to the MARAC coordinator of an area the team is linked to, and sending
// a correction: GOV.UK question pages (which area; what has changed), a check page that says exactly
// what is sent and to whom, and a confirmation that says whether it went or waits for the network.
// Loaded on demand from the pack screen (its own chunk).
import { useState, type FormEvent } from "react";
import type { ReferralPackDocument } from "../../domain/referral-pack/pack-document";
import { WITHHELD_MARKER } from "../../domain/referral-pack/pack-document";
import { shareableCopyOf } from "../../domain/referral-pack/redaction";
import type { MaracArea, MaracReferrer, SentReferral } from "../../storage/sync/marac-records-api";
import { BackLink } from "../../ui/back-link";
import { ErrorSummary } from "../../ui/error-summary";
import { PackPreview } from "../../ui/pack-preview";
import { Radios } from "../../ui/radios";
import { ScreenHeading } from "../../ui/screen-heading";
import { TextArea } from "../../ui/text-area";
import { sendFailureWords } from "./marac-send-words";

/** The longest "what has changed" a correction may carry: the coordinator reads it beside the new version. */
export const WHAT_CHANGED_MAX = 500;

const AREA_FIELD_ID = "marac-area";
const WHAT_CHANGED_FIELD_ID = "what-changed";

/** The reason a correction's "what has changed" is refused, or null when it can be sent. */
export function whatChangedProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return "Say what has changed since the last version was sent";
  if (trimmed.length > WHAT_CHANGED_MAX) return `What has changed must be ${WHAT_CHANGED_MAX} characters or fewer`;
  return null;
}

interface CheckPageProps {
  heading: string;
  area: MaracArea;
  /** The full copy the MARAC copy is made from; only the MARAC copy is shown and sent. */
  document: ReferralPackDocument;
  extraRows?: { label: string; value: string; onChange?: () => void; changeLabel?: string }[];
  onChangeArea?: (() => void) | undefined;
  sendLabel: string;
  onSend: () => Promise<void>;
  onBack: () => void;
}

function CheckPage({
  heading,
  area,
  document,
  extraRows = [],
  onChangeArea,
  sendLabel,
  onSend,
  onBack,
}: CheckPageProps) {
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const send = async (): Promise<void> => {
    if (sending) return;
    setSending(true);
    try {
      await onSend();
    } catch (error) {
      setFailure(sendFailureWords(error));
      setFailures((count) => count + 1);
      setSending(false);
    }
  };
  const rows: { label: string; value: string; onChange?: (() => void) | undefined; changeLabel?: string }[] = [
    {
      label: "Sent to",
      value: `The MARAC coordinator for ${area.name}, on the coordinator's devices only`,
      onChange: onChangeArea,
      changeLabel: "the MARAC area",
    },
    {
      label: "What is sent",
      value: `The copy of this pack meant for the MARAC. Every fact marked never to disclose is replaced by "${WITHHELD_MARKER}".`,
    },
    {
      label: "What is not sent",
      value:
        "Nothing else of the case: not the full copy with the withheld facts, not your notes, not other assessments or packs.",
    },
    ...extraRows,
  ];
  return (
    <div className="marac-send">
      <BackLink onClick={onBack}>Back</BackLink>
      <ErrorSummary errors={[]} focusKey={failures}>
        {failure !== null && <p>{failure}</p>}
      </ErrorSummary>
      <ScreenHeading>{heading}</ScreenHeading>
      <dl className="summary-rows">
        {rows.map((row) => (
          <div key={row.label} className="summary-rows__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
            <dd>
              {row.onChange !== undefined && (
                <button type="button" className="link-button" onClick={row.onChange}>
                  Change<span className="visually-hidden"> {row.changeLabel}</span>
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        The team server stores it encrypted and cannot read it. If this device is offline, it is kept here and sent when
        you are back online. Once sent, this pack cannot be changed: a correction is sent as a new version.
      </p>
      <details className="marac-send__preview">
        <summary>See exactly what is sent</summary>
        <PackPreview document={shareableCopyOf(document)} />
      </details>
      <div className="button-row">
        <button type="button" className="button" disabled={sending} onClick={() => void send()}>
          {sendLabel}
        </button>
      </div>
      <p role="status" className="save-status">
        {sending ? "Sending…" : ""}
      </p>
    </div>
  );
}

/** The confirmation: sent, or saved here to go when the device is back online. */
function SentPage({ referral, what, onBack }: { referral: SentReferral; what: string; onBack: () => void }) {
  return (
    <div className="marac-send">
      <div className="confirmation-panel">
        <ScreenHeading>
          {referral.waitingToSend ? "Saved on this device" : `${what} sent to ${referral.area.name}`}
        </ScreenHeading>
        <p>
          {referral.waitingToSend
            ? `It will be sent to ${referral.area.name} when you are back online.`
            : `The MARAC coordinator for ${referral.area.name} can now read it.`}
        </p>
      </div>
      <p>
        The referral's progress (received, on the agenda, heard, and the actions agreed) shows on the case and on this
        pack as the coordinator records it. This pack can no longer be changed; if something changes, send a correction.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onBack}>
          Back to the referral pack
        </button>
      </div>
    </div>
  );
}

export interface MaracSendFlowProps {
  referrer: MaracReferrer;
  areas: MaracArea[];
  caseId: string;
  packId: string;
  /** The full copy saved when the pack was marked ready. */
  document: ReferralPackDocument;
  /** Marks the pack sent on this device (read-only from now), once the referral is sent or queued. */
  afterSend: (referral: SentReferral) => Promise<void>;
  onBack: () => void;
}

export function MaracSendFlow({ referrer, areas, caseId, packId, document, afterSend, onBack }: MaracSendFlowProps) {
  const single = areas.length === 1 ? areas[0] : undefined;
  const [areaId, setAreaId] = useState<string | undefined>(single?.areaId);
  const [page, setPage] = useState<"area" | "check">(single === undefined ? "area" : "check");
  const [areaError, setAreaError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [sent, setSent] = useState<SentReferral | null>(null);

  if (sent !== null) return <SentPage referral={sent} what="Referral" onBack={onBack} />;
  const area = areas.find((candidate) => candidate.areaId === areaId);
  if (page === "area" || area === undefined) {
    const submit = (event: FormEvent): void => {
      event.preventDefault();
      if (area === undefined) {
        setAreaError("Choose the MARAC area to send the referral to");
        setFailures((count) => count + 1);
        return;
      }
      setAreaError(null);
      setPage("check");
    };
    return (
      <div className="marac-send">
        <BackLink onClick={onBack}>Back to the referral pack</BackLink>
        <ErrorSummary
          errors={areaError === null ? [] : [{ fieldId: AREA_FIELD_ID, message: areaError }]}
          focusKey={failures}
        />
        <ScreenHeading>Which MARAC area do you want to send the referral to?</ScreenHeading>
        <form noValidate onSubmit={submit}>
          <Radios
            id={AREA_FIELD_ID}
            label="MARAC area"
            hint="Your team is linked to these areas. Send it to the area where the victim lives."
            error={areaError ?? undefined}
            choices={areas.map((candidate) => ({ value: candidate.areaId, label: candidate.name }))}
            value={areaId}
            onChange={setAreaId}
          />
          <div className="button-row">
            <button type="submit" className="button">
              Continue
            </button>
          </div>
        </form>
      </div>
    );
  }
  return (
    <CheckPage
      heading="Check before you send to the MARAC"
      area={area}
      document={document}
      onChangeArea={areas.length > 1 ? () => setPage("area") : undefined}
      sendLabel="Send to MARAC"
      onBack={areas.length > 1 ? () => setPage("area") : onBack}
      onSend={async () => {
        const referral = await referrer.sendToMarac({ caseId, packId, areaId: area.areaId });
        await afterSend(referral);
        setSent(referral);
      }}
    />
  );
}

export interface MaracCorrectionFlowProps {
  referrer: MaracReferrer;
  /** The referral as sent so far. */
  referral: SentReferral;
  /** The newest complete pack: the full copy built from the case as it is now. */
  document: ReferralPackDocument;
  /** Saves the new version's pack (read-only from then) and returns its id, before it is sent. */
  saveVersion: (version: number) => Promise<string>;
  afterSend: (referral: SentReferral) => Promise<void>;
  onBack: () => void;
}

export function MaracCorrectionFlow({
  referrer,
  referral,
  document,
  saveVersion,
  afterSend,
  onBack,
}: MaracCorrectionFlowProps) {
  const [whatChanged, setWhatChanged] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [page, setPage] = useState<"question" | "check">("question");
  const [sent, setSent] = useState<SentReferral | null>(null);
  const version = referral.versions.length + 1;

  if (sent !== null) return <SentPage referral={sent} what="Correction" onBack={onBack} />;
  if (page === "check") {
    return (
      <CheckPage
        heading="Check the correction before you send it"
        area={referral.area}
        document={document}
        extraRows={[
          { label: "Version", value: `Version ${version}, made from the case as it is now` },
          {
            label: "What has changed",
            value: whatChanged.trim(),
            onChange: () => setPage("question"),
            changeLabel: "what has changed",
          },
        ]}
        sendLabel="Send the correction"
        onBack={() => setPage("question")}
        onSend={async () => {
          const packId = await saveVersion(version);
          const corrected = await referrer.sendCorrection({
            referralId: referral.referralId,
            packId,
            whatChanged: whatChanged.trim(),
          });
          await afterSend(corrected);
          setSent(corrected);
        }}
      />
    );
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const problem = whatChangedProblem(whatChanged);
    setError(problem);
    if (problem !== null) {
      setFailures((count) => count + 1);
      return;
    }
    setPage("check");
  };
  return (
    <div className="marac-send">
      <BackLink onClick={onBack}>Back to the referral pack</BackLink>
      <ErrorSummary
        errors={error === null ? [] : [{ fieldId: WHAT_CHANGED_FIELD_ID, message: error }]}
        focusKey={failures}
      />
      <ScreenHeading>Send a correction to {referral.area.name}</ScreenHeading>
      <p>
        The MARAC keeps every version it was sent. The correction is version {version}, made from the case as it is now;
        the coordinator sees what you write here beside it.
      </p>
      <form noValidate onSubmit={submit}>
        <TextArea
          id={WHAT_CHANGED_FIELD_ID}
          label="What has changed?"
          hint={`For example, a new safe phone number, or a child who was missed. Up to ${WHAT_CHANGED_MAX} characters. Never write anything here that must not reach the person causing harm.`}
          error={error ?? undefined}
          value={whatChanged}
          onChange={setWhatChanged}
        />
        <p className="form-field__hint">
          {whatChanged.trim().length > WHAT_CHANGED_MAX
            ? `You have ${whatChanged.trim().length - WHAT_CHANGED_MAX} characters too many`
            : `You have ${WHAT_CHANGED_MAX - whatChanged.trim().length} characters remaining`}
        </p>
        <div className="button-row">
          <button type="submit" className="button">
            Continue
          </button>
        </div>
      </form>
    </div>
  );
}
