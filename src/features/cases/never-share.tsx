// The "never share" tick under a case field: it keeps that detail out of every copy made for wider
// sharing. Disabled when another tab holds the case.
export interface NeverShareProps {
  id: string;
  /** What is withheld, as it reads in "Never share … with the person causing harm". */
  what: string;
  checked: boolean;
  readOnly: boolean;
  onChange: (withheld: boolean) => void;
}

export function NeverShare({ id, what, checked, readOnly, onChange }: NeverShareProps) {
  return (
    <div className="case-never-share">
      <label className="case-never-share__label" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          // The browser's saved page state would otherwise record what is ticked.
          autoComplete="off"
          checked={checked}
          disabled={readOnly}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>Never share {what} with the person causing harm</span>
      </label>
    </div>
  );
}
