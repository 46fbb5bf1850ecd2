// "Send cases to a colleague or manager": chosen cases (with their assessments and packs, but not
// the audit trail or settings) in a file encrypted under a passphrase the recipient is given apart.
import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { caseName, caseNumbers } from "../../domain/case-record/case-names";
import type { CaseSummary } from "../../storage/cases";
import type { VaultSession } from "../../storage/vault-session";
import { FieldMessages, describedBy } from "../../ui/form-field";
import { NewPassphraseFields } from "../../ui/new-passphrase-fields";
import {
  MIN_FILE_PASSPHRASE_LENGTH,
  confirmPassphraseSchema,
  dateTime,
  filePassphraseSchema,
  shortId,
} from "./backup-form-rules";
import { PASSPHRASES_DIFFER, summaryErrors } from "../../ui/summary-errors";
import { SectionForm } from "./section-form";
import type { SectionProps } from "./section-props";
import { useFileExport } from "./use-file-export";

const sendSchema = z
  .object({
    caseIds: z.array(z.string()).min(1, "Select at least one case to send"),
    passphrase: filePassphraseSchema,
    confirmPassphrase: confirmPassphraseSchema,
  })
  .refine((values) => values.confirmPassphrase === "" || values.passphrase === values.confirmPassphrase, {
    message: PASSPHRASES_DIFFER,
    path: ["confirmPassphrase"],
  });
type SendValues = z.infer<typeof sendSchema>;

const FIELD_ORDER = ["caseIds", "passphrase", "confirmPassphrase"] as const;
const ID = "send";

/**
 * Non-identifying fields only: never anything from the encrypted details. Named as the case list
 * names it; the reference stays because the recipient's device numbers cases its own way.
 */
export function describeCase(summary: CaseSummary, number: number): string {
  const risk = summary.riskLevel === null ? "not yet assessed" : `${summary.riskLevel} risk`;
  return `${caseName(number)}, started ${dateTime.format(new Date(summary.createdAt))} · ${risk} · ${summary.status} · ref ${shortId(summary.id)}`;
}

export interface SendCasesSectionProps extends SectionProps {
  session: VaultSession;
  /** null while loading. */
  cases: CaseSummary[] | null;
}

export function SendCasesSection({
  session,
  cases,
  iterations,
  summaryActive,
  onAttempt,
  onDone,
}: SendCasesSectionProps) {
  const { failures, failure, progress, exportFile, failed } = useFileExport({ session, iterations, onDone });
  const {
    control,
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<SendValues>({
    resolver: zodResolver(sendSchema),
    shouldFocusError: false,
    defaultValues: { caseIds: [], passphrase: "", confirmPassphrase: "" },
  });

  const onValid = ({ caseIds, passphrase }: SendValues): Promise<void> => {
    const count = caseIds.length === 1 ? "1 case" : `${caseIds.length} cases`;
    return exportFile(
      // The case's own audit trail goes with it, so a manager reviewing it sees who did what and when.
      { passphrase, caseIds, includeCaseAudit: true },
      {
        working: "Encrypting file…",
        failed: "The file could not be made.",
        saved: (fileName) => `${count} saved as ${fileName}. Send the file and its passphrase separately.`,
      },
      reset,
    );
  };

  return (
    <SectionForm
      id={ID}
      heading="Send cases to a colleague or manager"
      summaryActive={summaryActive}
      onAttempt={onAttempt}
      onSubmit={handleSubmit(onValid, failed)}
      errors={summaryErrors(errors, FIELD_ORDER, ID)}
      focusKey={failures}
      notice={failure}
      status={progress}
    >
      <p>
        Makes an encrypted file holding only the cases you choose, with their assessments and referral packs. The
        recipient imports it into their own profile.
      </p>
      {cases === null ? (
        <p>Loading cases…</p>
      ) : cases.length === 0 ? (
        <p>There are no cases in this profile to send.</p>
      ) : (
        <Controller
          control={control}
          name="caseIds"
          render={({ field }) => {
            const error = errors.caseIds?.message;
            const hint =
              "Cases are named as on your case list, with when they were started and their reference, never by anyone's name.";
            const numbers = caseNumbers(cases);
            const toggle = (id: string, checked: boolean): void =>
              field.onChange(checked ? [...field.value, id] : field.value.filter((value) => value !== id));
            return (
              <div className={`form-field${error === undefined ? "" : " form-field--error"}`}>
                <fieldset
                  className="backup-fieldset"
                  aria-describedby={describedBy(`${ID}-caseIds`, true, error !== undefined)}
                >
                  <legend className="form-field__label">Which cases do you want to send?</legend>
                  <FieldMessages id={`${ID}-caseIds`} hint={hint} error={error} />
                  {cases.map((summary, index) => {
                    // The first box carries the field id, so the error summary's link lands on it.
                    const id = index === 0 ? `${ID}-caseIds` : `${ID}-caseIds-${summary.id}`;
                    return (
                      <div key={summary.id} className="checkbox backup-checkbox">
                        <input
                          id={id}
                          type="checkbox"
                          // The browser's saved page state would otherwise record what is ticked.
                          autoComplete="off"
                          value={summary.id}
                          checked={field.value.includes(summary.id)}
                          onChange={(event) => toggle(summary.id, event.target.checked)}
                          onBlur={field.onBlur}
                          ref={index === 0 ? field.ref : undefined}
                        />
                        <label htmlFor={id}>{describeCase(summary, numbers.get(summary.id) ?? 0)}</label>
                      </div>
                    );
                  })}
                </fieldset>
              </div>
            );
          }}
        />
      )}
      <NewPassphraseFields
        idPrefix={ID}
        label="Passphrase to give the recipient"
        hint={`At least ${MIN_FILE_PASSPHRASE_LENGTH} characters. Tell them it in person or by phone, not in the message that carries the file.`}
        confirmLabel="Confirm the recipient's passphrase"
        passphrase={register("passphrase")}
        confirmation={register("confirmPassphrase")}
        error={errors.passphrase?.message}
        confirmError={errors.confirmPassphrase?.message}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={isSubmitting || cases === null || cases.length === 0}>
          Save file for the recipient
        </button>
      </div>
    </SectionForm>
  );
}
