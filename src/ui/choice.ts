// One option of a radio group or select: the stored value and what the practitioner reads.
export interface Choice<Value extends string> {
  value: Value;
  label: string;
  /** The radio's own id, for when an error summary link must land on this radio. */
  id?: string;
}
