// The safe-to-ask gate: when it is not safe, why, a safety note, a reminder to return, and the way
// on to record only what was seen or is known from records.
import { ScreenHeading } from "../../ui/screen-heading";
import type { AssessmentDraft, DraftUpdate } from "./assessment-draft";
import { ANSWER_LABELS, ANSWER_OPTIONS } from "./answers-summary";

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
      <fieldset className="form-field radios" id="safe-to-ask" tabIndex={-1}>
        <legend className="form-field__label">
          Is it safe to ask the questions now? The person harming them is not present and they can speak freely
        </legend>
        {ANSWER_OPTIONS.map((value) => (
          <label key={value} className="radios__item">
            <input
              type="radio"
              name="safe-to-ask"
              value={value}
              checked={draft.safeToAsk === value}
              onChange={() => {
                const next: AssessmentDraft = { ...draft, safeToAsk: value };
                if (value === "yes") delete next.observedOnly;
                update(next, true);
              }}
            />
            {ANSWER_LABELS[value]}
          </label>
        ))}
      </fieldset>
      {notSafe && (
        <>
          <div className="notice">
            <p>
              <strong>Do not ask the questions now.</strong> Agree a safe way and time to come back, and record it
              below.
            </p>
          </div>
          <div className="form-field">
            <label className="form-field__label" htmlFor="not-safe-reason">
              Why is it not safe to ask now?
            </label>
            <p id="not-safe-reason-hint" className="form-field__hint">
              For example: he answered the door and stayed in the room.
            </p>
            <textarea
              id="not-safe-reason"
              className="form-field__textarea"
              rows={3}
              aria-describedby="not-safe-reason-hint"
              value={draft.notSafeReason ?? ""}
              onChange={(event) => text("notSafeReason", event.target.value)}
              onBlur={onFlush}
            />
          </div>
          <div className="form-field">
            <label className="form-field__label" htmlFor="safety-note">
              Short safety note
            </label>
            <p id="safety-note-hint" className="form-field__hint">
              What you did or advised there and then, for example: gave the 999 and 55 advice discreetly.
            </p>
            <textarea
              id="safety-note"
              className="form-field__textarea"
              rows={3}
              aria-describedby="safety-note-hint"
              value={draft.safetyNote ?? ""}
              onChange={(event) => text("safetyNote", event.target.value)}
              onBlur={onFlush}
            />
          </div>
          <fieldset className="form-field reminder">
            <legend className="form-field__label">Reminder to return</legend>
            <div className="form-field">
              <label className="form-field__label" htmlFor="return-on">
                Come back by (date)
              </label>
              <input
                id="return-on"
                type="date"
                className="form-field__input form-field__input--date"
                value={draft.returnOn ?? ""}
                onChange={(event) => text("returnOn", event.target.value, true)}
              />
            </div>
            <div className="form-field">
              <label className="form-field__label" htmlFor="return-how">
                The safe way to come back that was agreed
              </label>
              <input
                id="return-how"
                className="form-field__input"
                autoComplete="off"
                value={draft.returnHow ?? ""}
                onChange={(event) => text("returnHow", event.target.value)}
                onBlur={onFlush}
              />
            </div>
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
