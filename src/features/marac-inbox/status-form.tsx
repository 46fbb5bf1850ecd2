// The coordinator records where a referral stands: received, on the agenda for a meeting (its date), or
// heard (the meeting's date and the actions agreed, each with the agency that owns it). The change
// flows back to the referrer's case by sync.
import { useState, type FormEvent } from "react";
import { dateEntryOf } from "../../domain/case-record/date-entry";
import { londonDateOf } from "../../domain/dates";
import type { InboxReferral, MaracCoordinator } from "../../storage/sync/marac-records-api";
import { DateField } from "../../ui/date-field";
import { ErrorSummary } from "../../ui/error-summary";
import { maracStatusWords } from "../../ui/marac-status";
import { Radios } from "../../ui/radios";
import { TextField } from "../../ui/text-field";
import {
  readStatusForm,
  STATUS_FIELD_IDS,
  type ActionRow,
  type CoordinatorStage,
  type StatusForm,
  type StatusProblem,
} from "./status-form-rules";

const STAGE_CHOICES = [
  { value: "received", label: "Received, not yet listed for a meeting" },
  { value: "on-agenda", label: "On the agenda for a meeting" },
  { value: "heard", label: "Heard at a meeting" },
] as const;

function formOf(referral: InboxReferral): StatusForm {
  const { status } = referral;
  return {
    stage: status.stage === "sent" ? undefined : status.stage,
    meetingDate: dateEntryOf(status.meetingDate),
    actions: status.actions.map((action) => ({ text: action.text, agency: action.agency ?? "" })),
  };
}

export interface StatusFormProps {
  coordinator: MaracCoordinator;
  referral: InboxReferral;
  onSaved: (referral: InboxReferral) => void;
  /** Today's date in London; the clock's by default. */
  today?: string;
}

export function StatusFormSection({ coordinator, referral, onSaved, today }: StatusFormProps) {
  const [form, setForm] = useState<StatusForm>(() => formOf(referral));
  const [problems, setProblems] = useState<StatusProblem[]>([]);
  const [failures, setFailures] = useState(0);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState("");
  const problemFor = (fieldId: string) => problems.find((problem) => problem.fieldId === fieldId)?.message;
  const setAction = (index: number, row: ActionRow) =>
    setForm({ ...form, actions: form.actions.map((current, at) => (at === index ? row : current)) });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    const reading = readStatusForm(form, today ?? londonDateOf(new Date().toISOString()));
    if (!reading.ok) {
      setProblems(reading.problems);
      setFailures((count) => count + 1);
      setMessage("");
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      const saved = await coordinator.setStatus(referral.referralId, reading.status);
      setMessage(`Status saved: ${maracStatusWords(saved.status)}. The referrer sees it once their device syncs.`);
      onSaved(saved);
    } catch {
      setMessage("The status could not be saved. Try again.");
    } finally {
      setSaving(false);
    }
  };

  const meetingDateError = problemFor(`${STATUS_FIELD_IDS.meetingDate}-day`);
  return (
    <section aria-labelledby="status-form-heading">
      <h2 id="status-form-heading">Where this referral stands</h2>
      <ErrorSummary errors={problems} focusKey={failures} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Radios
          id={STATUS_FIELD_IDS.stage}
          label="Stage"
          error={problemFor(STATUS_FIELD_IDS.stage)}
          choices={STAGE_CHOICES}
          value={form.stage}
          onChange={(stage: CoordinatorStage) => setForm({ ...form, stage })}
        />
        {(form.stage === "on-agenda" || form.stage === "heard") && (
          <DateField
            id={STATUS_FIELD_IDS.meetingDate}
            label={form.stage === "on-agenda" ? "Date of the meeting" : "Date of the meeting it was heard at"}
            hint="For example, 12 1 2027"
            error={meetingDateError}
            entry={form.meetingDate}
            onChange={(meetingDate) => setForm({ ...form, meetingDate })}
          />
        )}
        {form.stage === "heard" && (
          <fieldset className="form-field marac-actions">
            <legend className="form-field__label">Actions agreed at the meeting</legend>
            {form.actions.length === 0 && <p>No actions added.</p>}
            {form.actions.map((row, index) => (
              <div key={index} className="marac-actions__row">
                <TextField
                  id={STATUS_FIELD_IDS.action(index)}
                  label={`Action ${index + 1}`}
                  error={problemFor(STATUS_FIELD_IDS.action(index))}
                  value={row.text}
                  onChange={(text) => setAction(index, { ...row, text })}
                  autoComplete="off"
                />
                <TextField
                  id={`${STATUS_FIELD_IDS.action(index)}-agency`}
                  label={`Agency responsible for action ${index + 1} (optional)`}
                  value={row.agency}
                  onChange={(agency) => setAction(index, { ...row, agency })}
                  autoComplete="off"
                />
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setForm({ ...form, actions: form.actions.filter((_, at) => at !== index) })}
                >
                  Remove action {index + 1}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setForm({ ...form, actions: [...form.actions, { text: "", agency: "" }] })}
            >
              Add an action
            </button>
          </fieldset>
        )}
        <div className="button-row">
          <button type="submit" className="button" disabled={saving}>
            Save the status
          </button>
        </div>
        <p role="status" className="save-status">
          {saving ? "Saving…" : message}
        </p>
      </form>
    </section>
  );
}
