// One option of a radio group, checkbox group or select: the stored value and what the practitioner reads.
export interface Choice<Value extends string> {
  value: Value;
  label: string;
  /** The control's own id, for when an error summary link must land on this radio or box. */
  id?: string | undefined;
  /** A hint under this one choice (radios and checkboxes), tied to it by aria-describedby. */
  hint?: string | undefined;
}
