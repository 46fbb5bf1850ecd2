// The safe-to-ask gate: who is assessing (from the practitioner's own details, changeable); when it
// is safe, whose account the answers are (once, for every answer); when it is not safe, why, a safety
// note, a reminder to return, and the way on to record only what was seen or is known from records.
import { ANSWER_SOURCES } from "../../domain/answers";
import { Radios } from "../../ui/radios";
import { ScreenHeading } from "../../ui/screen-heading";
import { TextArea } from "../../ui/text-area";
import { TextField } from "../../ui/text-field";
import { defaultSourceOf, type AssessmentDraft, type DraftUpdate } from "./assessment-draft";
import { ANSWER_CHOICES, ROLE_LABELS, SOURCE_CHOICE_LABELS } from "./answers-summary";

const SOURCE_CHOICES = ANSWER_SOURCES.map((source) => ({ value: source, label: SOURCE_CHOICE_LABELS[source] }));

export function GateStep({
  draft,
  update,
  onFlush,
  onRecordObserved,
  onChangeWho,
}: {
  draft: AssessmentDraft;
  update: DraftUpdate;
  onFlush: () => void;
  onRecordObserved: () => void;
  /** Goes back to "Who is assessing". */
  onChangeWho: () => void;
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
      {draft.assessor.role !== undefined && (
        <p className="gate__who">
          Assessing as {ROLE_LABELS[draft.assessor.role]}
          {draft.assessor.agency ? `, ${draft.assessor.agency}` : ""}.{" "}
          <button type="button" className="link-button" onClick={onChangeWho}>
            Change<span className="visually-hidden"> who is assessing</span>
          </button>
        </p>
      )}
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
      {draft.safeToAsk === "yes" && (
        <Radios
          id="default-source"
          label="Whose account are these answers?"
          hint="Every answer is recorded with this source. Where one answer comes from somewhere else, change it on that answer."
          choices={SOURCE_CHOICES}
          value={defaultSourceOf(draft)}
          onChange={(defaultSource) => update({ ...draft, defaultSource }, true)}
        />
      )}
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
