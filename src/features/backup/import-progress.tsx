// How far an import has got, with a way out: a labelled <progress> (indeterminate while the file is
// read and checked, counting records while they are restored) and a Cancel button. Cancelling
// before the import commits writes nothing.

export interface ImportProgressState {
  /** e.g. "Checking the file…", "Restoring", "Saving". */
  phase: string;
  done?: number;
  total?: number;
}

const number = new Intl.NumberFormat("en-GB");

export function progressText({ phase, done, total }: ImportProgressState): string {
  return done === undefined || total === undefined
    ? phase
    : `${phase}: ${number.format(done)} of ${number.format(total)} records`;
}

export function ImportProgress({ state, onCancel }: { state: ImportProgressState; onCancel: () => void }) {
  const text = progressText(state);
  const counted = state.done !== undefined && state.total !== undefined && state.total > 0;
  return (
    <div className="import-progress">
      <p id="import-progress-text" className="import-progress__text">
        {text}
      </p>
      {counted ? (
        <progress
          className="import-progress__bar"
          aria-label="Import progress"
          aria-describedby="import-progress-text"
          max={state.total}
          value={state.done}
        >
          {text}
        </progress>
      ) : (
        <progress className="import-progress__bar" aria-label="Import progress" aria-describedby="import-progress-text">
          {text}
        </progress>
      )}
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    </div>
  );
}
