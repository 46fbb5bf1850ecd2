// What the backup screen passes to each of its sections.

export interface SectionProps {
  /** PBKDF2 cost for files made here; undefined = the storage default. Tests pass a low value. */
  iterations?: number | undefined;
  /**
   * Only the section the practitioner last submitted shows its error summary: the shared summary
   * has a fixed heading id, and GOV.UK pages show one summary at a time anyway.
   */
  summaryActive: boolean;
  /** Called at the start of every submit attempt (valid or not). */
  onAttempt: () => void;
  /** Called after an operation that may have changed the data (so lists and the audit trail refresh). */
  onDone: () => void;
}
