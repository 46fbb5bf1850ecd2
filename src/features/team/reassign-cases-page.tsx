// A manager reassigns a practitioner device's cases (a leaver's, removed or not yet) to another approved
// practitioner device of the team: which cases (named as the case list names them, never ids), to which
// device (by role and the day it joined: devices carry no person's name), a check page, then progress
// ("Reassigning 12 cases: 5 done") in a live region, and on a stop how far it got with "Try again".
import { useEffect, useId, useState } from "react";
import { caseName, caseNumbers } from "../../domain/case-record/case-names";
import type { DeviceCase } from "../../storage/sync/case-reassignment";
import type { TeamDevice } from "../../storage/sync/team-admin-client";
import { SyncTransportError } from "../../storage/sync/transport";
import { Checkboxes } from "../../ui/checkboxes";
import { ErrorSummary, type SummaryError } from "../../ui/error-summary";
import { Radios } from "../../ui/radios";
import { ScreenHeading } from "../../ui/screen-heading";
import { dayMonthYear, deviceName } from "./audit-words";
import {
  deviceCasesWords,
  notHeldWords,
  reassignDoneWords,
  reassignFailureWords,
  reassignProgressWords,
  reassignStoppedWords,
} from "./reassign-words";
import { dayAndTime } from "./sync-state-words";
import type { TeamSyncController } from "./team-sync-controller";
import { connectionWords } from "./team-words";

export interface ReassignCasesPageProps {
  controller: TeamSyncController;
  /** The practitioner's device whose cases are shown. */
  device: TeamDevice;
  /** The team's devices (the recipients are its other approved practitioner devices). */
  devices: readonly TeamDevice[];
  thisDeviceId: string | null;
  onBack: () => void;
}

interface NamedCase extends DeviceCase {
  name: string;
}

type Loaded =
  | { status: "loading" }
  | { status: "failed"; message: string }
  | { status: "ready"; cases: NamedCase[]; notHeld: number };

type Step =
  | { step: "choose" }
  | { step: "check" }
  | { step: "running"; done: number; total: number }
  | { step: "done"; reassigned: number }
  | { step: "stopped"; done: number; total: number; reason: string };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function ReassignCasesPage({ controller, device, devices, thisDeviceId, onBack }: ReassignCasesPageProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [reads, setReads] = useState(0);
  const [chosen, setChosen] = useState<string[]>([]);
  const [recipient, setRecipient] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [step, setStep] = useState<Step>({ step: "choose" });
  const casesId = useId();
  const recipientId = useId();
  const naming = { devices, thisDeviceId };
  const from = deviceName(device.deviceId, naming, false);
  const recipients = devices.filter(
    (each) => each.role === "practitioner" && each.status === "approved" && each.deviceId !== device.deviceId,
  );
  const recipientDevice = recipients.find((each) => each.deviceId === recipient);

  useEffect(() => {
    let live = true;
    void controller
      .casesOfDevice(device.deviceId)
      .then(({ cases, notHeld, summaries }) => {
        const numbers = caseNumbers(summaries);
        const byId = new Map(summaries.map((summary) => [summary.id, summary]));
        const named = cases.map((each) => {
          const summary = byId.get(each.caseId);
          const number = numbers.get(each.caseId);
          return {
            ...each,
            name:
              summary && number !== undefined
                ? `${caseName(number)}, started ${dateTime.format(new Date(summary.createdAt))}`
                : "A case not yet opened on this device",
          };
        });
        if (live) setLoaded({ status: "ready", cases: named, notHeld });
      })
      .catch((caught: unknown) => {
        const message =
          caught instanceof SyncTransportError
            ? connectionWords(caught, navigator.onLine)
            : "This device's cases could not be read. Try again";
        if (live) setLoaded({ status: "failed", message });
      });
    return () => {
      live = false;
    };
  }, [controller, device.deviceId, reads]);

  const cases = loaded.status === "ready" ? loaded.cases : [];
  const chosenCases = cases.filter((each) => chosen.includes(each.caseId));

  const check = (): void => {
    const problems: SummaryError[] = [];
    if (chosenCases.length === 0)
      problems.push({ fieldId: `${casesId}-first`, message: "Select the cases to reassign" });
    if (recipientDevice === undefined) {
      problems.push({ fieldId: recipientId, message: "Select the practitioner device to give the cases to" });
    }
    setErrors(problems);
    if (problems.length > 0) {
      setFocusKey((key) => key + 1);
      return;
    }
    setStep({ step: "check" });
  };

  const run = async (): Promise<void> => {
    if (!recipientDevice) return;
    const total = chosenCases.length;
    let progress = { done: 0, total };
    setStep({ step: "running", ...progress });
    try {
      const { reassigned } = await controller.reassignCases(
        device.deviceId,
        recipientDevice,
        chosenCases.map((each) => each.caseId),
        (next) => {
          progress = next;
          setStep({ step: "running", ...next });
        },
      );
      setStep({ step: "done", reassigned });
    } catch (caught) {
      setStep({ step: "stopped", ...progress, reason: reassignFailureWords(caught, navigator.onLine) });
    }
  };

  const to = recipientDevice ? deviceName(recipientDevice.deviceId, naming, false) : "";
  const heading =
    step.step === "choose"
      ? "Cases of this practitioner device"
      : `Reassign ${chosenCases.length === 1 ? "1 case" : `${chosenCases.length} cases`}`;

  return (
    <>
      <ScreenHeading>{heading}</ScreenHeading>
      <p>
        {`The ${from.replace(/^a /, "")}`}
        {device.status === "revoked"
          ? `, removed${device.revokedAt ? ` on ${dayMonthYear(device.revokedAt)}` : ""}`
          : ""}
        .
      </p>
      {loaded.status === "loading" && <p role="status">Reading this device's cases…</p>}
      {loaded.status === "failed" && (
        <>
          <p role="alert">{loaded.message}</p>
          <button type="button" className="button button--secondary" onClick={() => setReads((count) => count + 1)}>
            Try again
          </button>
        </>
      )}
      {loaded.status === "ready" && step.step === "choose" && (
        <>
          <ErrorSummary errors={errors} focusKey={focusKey} />
          <p>{deviceCasesWords(cases.length)}</p>
          {loaded.notHeld > 0 && <p>{notHeldWords(loaded.notHeld)}</p>}
          {cases.length > 0 && recipients.length === 0 && (
            <p>
              There is no other practitioner device in the team to give them to. Approve the new practitioner's device
              first, then come back.
            </p>
          )}
          {cases.length > 0 && recipients.length > 0 && (
            <>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setChosen(chosen.length === cases.length ? [] : cases.map((each) => each.caseId))}
              >
                {chosen.length === cases.length ? "Clear all cases" : "Select all cases"}
              </button>
              <Checkboxes
                id={casesId}
                label="Which cases should move?"
                hint="The cases stay readable by the team's managers."
                error={errors.find((error) => error.fieldId === `${casesId}-first`)?.message}
                choices={cases.map((each, index) => ({
                  value: each.caseId,
                  label: each.name,
                  ...(index === 0 ? { id: `${casesId}-first` } : {}),
                  ...(each.alsoWith.length > 0
                    ? {
                        hint: `Also with ${each.alsoWith.map((holder) => deviceName(holder, naming, false)).join(" and ")}`,
                      }
                    : {}),
                }))}
                value={chosen}
                onChange={setChosen}
              />
              <Radios
                id={recipientId}
                label="Which practitioner device should have them?"
                hint="Devices are named by when they joined the team."
                error={errors.find((error) => error.fieldId === recipientId)?.message}
                choices={recipients.map((each) => ({
                  value: each.deviceId,
                  label: `Practitioner device, joined ${dayAndTime(each.createdAt)}`,
                }))}
                value={recipient}
                onChange={setRecipient}
              />
              <div className="button-row">
                <button type="button" className="button" onClick={check}>
                  Continue
                </button>
              </div>
            </>
          )}
          <p>
            <button type="button" className="button button--secondary" onClick={onBack}>
              Back to the team
            </button>
          </p>
        </>
      )}
      {step.step === "check" && (
        <>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>Cases</dt>
              <dd>
                <ul>
                  {chosenCases.map((each) => (
                    <li key={each.caseId}>{each.name}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>From</dt>
              <dd>{from}</dd>
            </div>
            <div className="summary-list__row">
              <dt>To</dt>
              <dd>{to}</dd>
            </div>
          </dl>
          <ul>
            <li>The device you chose can open these cases, with everything written in them, from its next sync.</li>
            <li>The team's managers still read them. The team server never sees what is in them.</li>
            {device.status !== "revoked" && <li>The device they move from keeps them too, until it is removed.</li>}
          </ul>
          <div className="button-row">
            <button type="button" className="button" onClick={() => void run()}>
              Reassign the cases
            </button>
            <button type="button" className="button button--secondary" onClick={() => setStep({ step: "choose" })}>
              Change
            </button>
          </div>
        </>
      )}
      {(step.step === "running" || step.step === "done" || step.step === "stopped") && (
        <div className="rekey-cases">
          <p role="status">
            {step.step === "running"
              ? reassignProgressWords(step.done, step.total)
              : step.step === "done"
                ? reassignDoneWords(step.reassigned, to)
                : ""}
          </p>
          {step.step === "running" && (
            <progress className="rekey-cases__progress" max={step.total} value={step.done} aria-hidden="true" />
          )}
          {step.step === "stopped" && (
            <div role="alert">
              <p>{reassignStoppedWords(step.done, step.total)}</p>
              <p>{step.reason}</p>
            </div>
          )}
          <div className="button-row">
            {step.step === "stopped" && (
              <button type="button" className="button" onClick={() => void run()}>
                Try again
              </button>
            )}
            {step.step !== "running" && (
              <button type="button" className="button button--secondary" onClick={onBack}>
                Back to the team
              </button>
            )}
          </div>
        </div>
      )}
    </>
  );
}
