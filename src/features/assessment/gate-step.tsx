// The safe-to-ask gate: when it is not safe, why, a safety note, a reminder to return, and the way
// on to record only what was seen or is known from records.
import { Radios } from "../../ui/radios";
import { ScreenHeading } from "../../ui/screen-heading";
import { TextArea } from "../../ui/text-area";
import { TextField } from "../../ui/text-field";
import type { AssessmentDraft, DraftUpdate } from "./assessment-draft";
import { ANSWER_CHOICES } from "./answers-summary";

export function GateStep({
  draft,
  update,
  onFlush,
  onRecordObserved,
}: {
  draft: AssessmentDraft;
  update: DraftUpdate;
  onFlush: () => void;
  onRecordObserved: () => void;
}) {
  const notSafe = draft.safeToAsk === "no" || draft.safeToAsk === "not-known";
  const text = (
    key: "notSafeReason" | "safetyNote" | "returnOn" | "returnHow",
    value: string,
    immediate = false,
  ): void => {
    const next = { ...draft };
    if (value === "") delete next[key];
    else next[key] = value;
    update(next, immediate);
  };
  return (
    <>
      <ScreenHeading>Is it safe to ask the questions now?</ScreenHeading>
      <Radios
        id="safe-to-ask"
        label="Is it safe to ask the questions now? The person harming them is not present and they can speak freely"
        choices={ANSWER_CHOICES}
        value={draft.safeToAsk}
        onChange={(value) => {
          const next: AssessmentDraft = { ...draft, safeToAsk: value };
          if (value === "yes") delete next.observedOnly;
          update(next, true);
        }}
      />
      {notSafe && (
        <>
          <div className="notice">
            <p>
              <strong>Do not ask the questions now.</strong> Agree a safe way and time to come back, and record it
              below.
            </p>
          </div>
          <TextArea
            id="not-safe-reason"
            label="Why is it not safe to ask now?"
            hint="For example: he answered the door and stayed in the room."
            rows={3}
            value={draft.notSafeReason}
            onChange={(value) => text("notSafeReason", value)}
            onBlur={onFlush}
          />
          <TextArea
            id="safety-note"
            label="Short safety note"
            hint="What you did or advised there and then, for example: gave the 999 and 55 advice discreetly."
            rows={3}
            value={draft.safetyNote}
            onChange={(value) => text("safetyNote", value)}
            onBlur={onFlush}
          />
          <fieldset className="form-field reminder">
            <legend className="form-field__label">Reminder to return</legend>
            <TextField
              id="return-on"
              label="Come back by (date)"
              type="date"
              className="form-field__input--date"
              value={draft.returnOn}
              onChange={(value) => text("returnOn", value, true)}
            />
            <TextField
              id="return-how"
              label="The safe way to come back that was agreed"
              value={draft.returnHow}
              onChange={(value) => text("returnHow", value)}
              onBlur={onFlush}
            />
          </fieldset>
          <h2>Record what you saw or know from records</h2>
          <p>
            You can still record what you saw yourself or know from records, such as a mark on the neck seen at the
            door. Nothing will be asked of the victim.
          </p>
          <button type="button" className="button button--secondary" onClick={onRecordObserved}>
            Record what you saw or know from records
          </button>
        </>
      )}
    </>
  );
}
