// Step two of an import, shown only when the file would replace something on this device: each
// case whose records would be replaced, with what changes in plain English, and old against new
// thresholds when the file would change the active policy. Nothing has been written yet; keeping
// this device's copies is the default, replacing needs a deliberate choice.
import { useState } from "react";
import type { AnalysedImport } from "../../storage/backup-import";
import { OPTIONAL_RULES, type Policy } from "../../domain/policy";
import type { ImportDecisions } from "../../storage/import-types";
import { Radios } from "../../ui/radios";
import { dateTime, shortId } from "./backup-form-rules";
import { POLICY_ROWS, changeList, recordHeading } from "./change-labels";

export interface ImportConfirmProps {
  analysed: AnalysedImport;
  onConfirm: (decisions: ImportDecisions) => void;
  onCancel: () => void;
}

type Keep = "keep" | "replace";

function rulesOn(policy: Policy): string {
  const on = OPTIONAL_RULES.filter((rule) => policy.rules[rule]);
  return on.length === OPTIONAL_RULES.length ? "All" : on.length === 0 ? "None" : on.join(", ");
}

export function ImportConfirm({ analysed, onConfirm, onCancel }: ImportConfirmProps) {
  const { replacements, policyChange } = analysed.plan;
  const [cases, setCases] = useState<Keep>("keep");
  const [policy, setPolicy] = useState<Keep>("keep");
  const count = replacements.length;

  return (
    <div className="import-confirm" role="region" aria-labelledby="import-confirm-heading">
      <h3 id="import-confirm-heading">Check what this file would change</h3>
      <p>Nothing has been imported yet.</p>
      {count > 0 && (
        <>
          <h4 id="import-confirm-cases">
            {count === 1 ? "1 case on this device" : `${count} cases on this device`} would be replaced
          </h4>
          <ul className="import-confirm__cases" aria-labelledby="import-confirm-cases">
            {replacements.map((entry) => (
              <li key={entry.caseId}>
                <p className="import-confirm__case">
                  Case ref {shortId(entry.caseId)}, started {dateTime.format(new Date(entry.summary.createdAt))}
                </p>
                {entry.changes.map((change) => (
                  <div key={`${change.store}/${change.id}`}>
                    <p>
                      {recordHeading(change)} (yours saved {dateTime.format(new Date(change.localUpdatedAt))}, the
                      file&apos;s {dateTime.format(new Date(change.fileUpdatedAt))}). What would change:
                    </p>
                    <ul aria-label={`What would change: ${recordHeading(change)}, case ref ${shortId(entry.caseId)}`}>
                      {changeList(change).map((label) => (
                        <li key={label}>{label}</li>
                      ))}
                      {change.fields.length === 0 && <li>Only the time it was saved</li>}
                    </ul>
                  </div>
                ))}
              </li>
            ))}
          </ul>
          <Radios<Keep>
            id="import-replace-cases"
            label={count === 1 ? "What should happen to this case?" : "What should happen to these cases?"}
            choices={[
              { value: "keep", label: "Keep this device's copies (add only what is new)" },
              { value: "replace", label: "Replace them with the file's copies" },
            ]}
            value={cases}
            onChange={setCases}
          />
        </>
      )}
      {policyChange !== null && (
        <>
          <h4>This backup would change the active local policy</h4>
          <p>The policy decides when a case counts as high or medium risk, and when referrals are due.</p>
          <table className="import-confirm__policy">
            <caption>Thresholds now and in the file</caption>
            <thead>
              <tr>
                <th scope="col">Threshold</th>
                <th scope="col">Now{policyChange.currentIsDefault ? " (default)" : ""}</th>
                <th scope="col">In the file{policyChange.incomingIsDefault ? " (default)" : ""}</th>
              </tr>
            </thead>
            <tbody>
              {POLICY_ROWS.map(({ key, label }) => (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td>{String(policyChange.current[key])}</td>
                  <td>{String(policyChange.incoming[key])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Optional rules switched on</th>
                <td>{rulesOn(policyChange.current)}</td>
                <td>{rulesOn(policyChange.incoming)}</td>
              </tr>
            </tbody>
          </table>
          <Radios<Keep>
            id="import-replace-policy"
            label="Which policy should be active?"
            choices={[
              { value: "keep", label: "Keep the current policy" },
              { value: "replace", label: "Use the policy from the file" },
            ]}
            value={policy}
            onChange={setPolicy}
          />
        </>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => onConfirm({ replace: cases === "replace", applyPolicy: policy === "replace" })}
        >
          Import file
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    </div>
  );
}
