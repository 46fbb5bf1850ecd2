// One option of a radio group or select: the stored value and what the practitioner reads.
export interface Choice<Value extends string> {
  value: Value;
  label: string;
}
