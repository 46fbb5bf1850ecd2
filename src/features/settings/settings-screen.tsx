// Settings: the local policy. An area can load its own policy file (thresholds and the rules it
// may switch); it is validated first and refused, with every reason, if invalid. Locked rules
// (strangulation, threats to kill …) can never be weakened. Reverting goes back to the default.
import { useEffect, useId, useState } from "react";
import { DEFAULT_POLICY } from "../../domain/policy";
import {
  readActivePolicy,
  revertToDefaultPolicy,
  saveActivePolicy,
  type ActivePolicy,
} from "../../storage/policy-setting";
import type { VaultSession } from "../../storage/vault-session";
import { ErrorSummary } from "../../ui/error-summary";
import { inputAria, LabelledField } from "../../ui/form-field";
import { ScreenHeading } from "../../ui/screen-heading";
import { AgenciesSection } from "./agencies-section";
import { checkPolicyBytes, readFileBytes } from "./policy-file";
import { YourDetailsSection } from "./your-details-section";

const FILE_FIELD_ID = "policy-file";
const FILE_HINT = "The file is checked before it is used. It stays on this device.";

export interface SettingsScreenProps {
  session: VaultSession;
  /** Opens the Team screen (joining a team, approvals, sync), which the app routes to. */
  onOpenTeam?: () => void;
}

export function SettingsScreen({ session, onOpenTeam }: SettingsScreenProps) {
  const [active, setActive] = useState<ActivePolicy | null>(null);
  const [failedToLoad, setFailedToLoad] = useState(false);
  const [reasons, setReasons] = useState<string[]>([]);
  const [failures, setFailures] = useState(0);
  const [status, setStatus] = useState("");
  const [inputKey, setInputKey] = useState(0);
  const [agenciesChanged, setAgenciesChanged] = useState(0);
  const titleId = useId();
  const teamTitleId = useId();

  useEffect(() => {
    let live = true;
    readActivePolicy(session).then(
      (policy) => {
        if (live) setActive(policy);
      },
      () => {
        if (live) setFailedToLoad(true);
      },
    );
    return () => {
      live = false;
    };
  }, [session]);

  const refuse = (list: string[]): void => {
    setReasons(list);
    setStatus("");
    setFailures((count) => count + 1);
  };

  const onFile = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    let bytes: Uint8Array;
    try {
      bytes = await readFileBytes(file);
    } catch {
      refuse(["The file could not be read. Choose it again."]);
      return;
    }
    const check = checkPolicyBytes(bytes);
    if (!check.ok) {
      refuse(check.reasons);
      return;
    }
    try {
      await saveActivePolicy(session, check.file);
      const next = await readActivePolicy(session);
      setActive(next);
      setReasons([]);
      setStatus(`Policy "${next.policy.name}" version ${next.policy.version} is now in use for new assessments.`);
    } catch {
      refuse(["The policy could not be saved. Try again."]);
    }
    setInputKey((key) => key + 1);
  };

  const revert = async (): Promise<void> => {
    try {
      await revertToDefaultPolicy(session);
      setActive(await readActivePolicy(session));
      setReasons([]);
      setStatus("The default policy is now in use for new assessments.");
    } catch {
      refuse(["The default policy could not be restored. Try again."]);
    }
  };

  const error = reasons.length > 0 ? "The policy file was refused: see the reasons above" : undefined;
  return (
    <div className="settings">
      <ScreenHeading>Settings</ScreenHeading>
      <ErrorSummary errors={reasons.map((message) => ({ fieldId: FILE_FIELD_ID, message }))} focusKey={failures}>
        {reasons.length > 0 && <p>The policy file was refused. The policy in use has not changed.</p>}
      </ErrorSummary>
      <section aria-labelledby={titleId}>
        <h2 id={titleId}>Local policy</h2>
        <p>
          A local policy sets this area's thresholds (for example the number of yes answers for high risk). Rules that
          reviews found argued down — strangulation, threats to kill, visible high risk, children threatened and
          carrying a previous level forward — are locked: no policy can switch them off.
        </p>
        {failedToLoad ? (
          <p role="alert">The policy in use could not be read.</p>
        ) : active === null ? (
          <p role="status">Reading the policy in use…</p>
        ) : (
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>Policy in use</dt>
              <dd>
                {active.isDefault ? `The shipped default ("${DEFAULT_POLICY.name}")` : `"${active.policy.name}"`},
                version {active.policy.version}
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>High risk at</dt>
              <dd>{active.policy.highRiskYesCount} yes answers</dd>
            </div>
            <div className="summary-list__row">
              <dt>Medium risk at</dt>
              <dd>{active.policy.mediumRiskYesCount} yes answers</dd>
            </div>
          </dl>
        )}
        {active?.problem !== undefined && <p className="notice">{active.problem}</p>}
        <LabelledField id={FILE_FIELD_ID} label="Load a policy file (JSON)" hint={FILE_HINT} error={error}>
          <input
            key={inputKey}
            id={FILE_FIELD_ID}
            type="file"
            autoComplete="off"
            accept="application/json,.json"
            className="form-field__file"
            {...inputAria(FILE_FIELD_ID, FILE_HINT, error)}
            onChange={(event) => void onFile(event.target.files?.[0])}
          />
        </LabelledField>
        {active !== null && !active.isDefault && (
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={() => void revert()}>
              Go back to the default policy
            </button>
          </div>
        )}
        <p role="status" className="save-status">
          {status}
        </p>
      </section>
      {onOpenTeam !== undefined && (
        <section aria-labelledby={teamTitleId}>
          <h2 id={teamTitleId}>Team</h2>
          <p>
            Join your team to share your cases with your manager and keep a copy safe if this device is lost. Cases are
            encrypted on this device: the team server cannot read them.
          </p>
          <button type="button" className="button button--secondary" onClick={onOpenTeam}>
            Team sync
          </button>
        </section>
      )}
      <AgenciesSection session={session} onChange={() => setAgenciesChanged((count) => count + 1)} />
      <YourDetailsSection session={session} agenciesChanged={agenciesChanged} />
    </div>
  );
}
