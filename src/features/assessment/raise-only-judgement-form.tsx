// A judgement on an ordered scale that may raise the computed value, never lower it, and must say why
// in the practitioner's own words. GOV.UK error summary and field errors on a refused submit.
// Shared by the risk-level judgement and the BRAG colour judgement, which differ only in their scale
// and wording: one form, so a fix to either (e.g. how the draft keeps an entry) reaches both.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { ErrorSummary } from "../../ui/error-summary";
import { Radios } from "../../ui/radios";
import { summaryErrors } from "../../ui/summary-errors";
import { TextArea } from "../../ui/text-area";
import "./assessment.css";

/** The judgement as the caller stores it: the chosen value under the caller's field name, and why. */
export type RaiseOnlyJudgement<Field extends string, Value extends string> = { [name in Field]: Value } & {
  rationale: string;
};

export interface RaiseOnlyScale<Value extends string> {
  /** Lowest first: a choice earlier in this list than the computed value is refused. */
  values: readonly [Value, ...Value[]];
  labels: Readonly<Record<Value, string>>;
  /** A hint under each choice, when the choices need explaining. */
  hints?: Readonly<Record<Value, string>> | undefined;
}

export interface RaiseOnlyWording<Value extends string> {
  title: string;
  /** The paragraph under the title: what was computed and that it can only be raised. */
  intro: (computed: Value) => ReactNode;
  legend: string;
  choiceRequired: string;
  cannotLower: (computed: Value) => string;
  rationaleLabel: string;
  rationaleHint?: string | undefined;
  rationaleRequired: string;
  rationaleRows: number;
  save: string;
  remove: string;
  saved: string;
}

/** Everything that makes one kind of raise-only judgement what it is: a module constant per kind (the schema is memoised on it). */
export interface RaiseOnlyJudgementKind<Field extends string, Value extends string> {
  /** The form field's name: also the id suffix its error summary links to (`${idPrefix}-${fieldName}`). */
  fieldName: Field;
  idPrefix: string;
  scale: RaiseOnlyScale<Value>;
  wording: RaiseOnlyWording<Value>;
}

/** What the screen gives either judgement form, besides the computed value; `Judgement` is the caller's record. */
export interface RaiseOnlyJudgementCallerProps<Judgement> {
  current?: Judgement | undefined;
  onChange: (judgement: Judgement | undefined) => void;
  /** What was in the form last time, valid or not (from the draft); shown instead of `current`. */
  entry?: Judgement | undefined;
  /**
   * Every change as it happens, so the draft keeps it: the entry (undefined when nothing is entered:
   * no reason and the computed value), the valid judgement if the rules pass, and whether it came
   * from typing (saved after a pause) rather than a choice (saved at once).
   */
  onEntryChange?: ((entry: Judgement | undefined, valid: Judgement | undefined, typing: boolean) => void) | undefined;
  /** Changing this shows the form's errors (the screen's Continue with an invalid entry). */
  showErrorsKey?: number | undefined;
}

export interface RaiseOnlyJudgementFormProps<
  Field extends string,
  Value extends string,
> extends RaiseOnlyJudgementCallerProps<RaiseOnlyJudgement<Field, Value>> {
  kind: RaiseOnlyJudgementKind<Field, Value>;
  /** The value from the answers and rules alone: judgement may raise it, never lower it. */
  computed: Value;
}

/** The form's values while editing, keyed by the caller's field name and "rationale". */
type FormValues = Record<string, string>;

function raiseOnlySchema<Field extends string, Value extends string>(
  { fieldName, scale, wording }: RaiseOnlyJudgementKind<Field, Value>,
  computed: Value,
) {
  // The scale is ordered lowest first, so its position is its rank.
  const rank = (value: Value): number => scale.values.indexOf(value);
  return z.object({
    [fieldName]: z
      .enum(scale.values, { error: wording.choiceRequired })
      .refine((value) => rank(value) >= rank(computed), { message: wording.cannotLower(computed) }),
    rationale: z.string().trim().min(1, wording.rationaleRequired),
  });
}

export function RaiseOnlyJudgementForm<Field extends string, Value extends string>({
  kind,
  computed,
  current,
  onChange,
  entry,
  onEntryChange,
  showErrorsKey,
}: RaiseOnlyJudgementFormProps<Field, Value>) {
  const titleId = useId();
  const [failures, setFailures] = useState(0);
  const [saved, setSaved] = useState(false);
  const { fieldName, idPrefix, scale, wording } = kind;
  const schema = useMemo(() => raiseOnlySchema(kind, computed), [kind, computed]);
  const resolver = useMemo(() => zodResolver(schema), [schema]);
  const shown = entry ?? current;
  // The caller's judgement and the form's values are the same record: `fieldName` and "rationale".
  const asJudgement = (choice: Value, rationale: string) =>
    ({ [fieldName]: choice, rationale }) as RaiseOnlyJudgement<Field, Value>;
  const {
    control,
    handleSubmit,
    reset,
    getValues,
    trigger,
    formState: { errors },
  } = useForm<FormValues, unknown, FormValues>({
    resolver,
    shouldFocusError: false,
    defaultValues: { [fieldName]: shown?.[fieldName] ?? computed, rationale: shown?.rationale ?? "" },
  });

  const isOnScale = (value: unknown): value is Value => (scale.values as readonly unknown[]).includes(value);

  // Every change goes to the draft at once (valid or not), so nothing typed is lost.
  const reportEntry = (typing: boolean): void => {
    if (onEntryChange === undefined) return;
    const values = getValues();
    const chosen = values[fieldName];
    const choice = isOnScale(chosen) ? chosen : computed;
    const rationale = values.rationale ?? "";
    const empty = rationale.trim() === "" && choice === computed;
    const parsed = schema.safeParse({ [fieldName]: choice, rationale });
    onEntryChange(
      empty ? undefined : asJudgement(choice, rationale),
      // A success means the schema checked both: the choice is on the scale and the rationale a string.
      parsed.success ? asJudgement(parsed.data[fieldName] as Value, parsed.data.rationale as string) : undefined,
      typing,
    );
  };

  const onValid = (values: FormValues): void => {
    setSaved(true);
    onChange(asJudgement(values[fieldName] as Value, values.rationale ?? ""));
  };
  const onRemove = (): void => {
    setSaved(false);
    reset({ [fieldName]: computed, rationale: "" });
    onChange(undefined);
  };
  const onInvalid = (): void => {
    setSaved(false);
    setFailures((count) => count + 1);
  };

  // Continue with an invalid entry: the same error summary as pressing the save button.
  useEffect(() => {
    if (showErrorsKey === undefined || showErrorsKey === 0) return;
    void trigger().then((valid) => {
      if (!valid) {
        setSaved(false);
        setFailures((count) => count + 1);
      }
    });
  }, [showErrorsKey, trigger]);

  const choiceError = errors[fieldName]?.message;
  const rationaleError = errors.rationale?.message;
  const choiceErrorText = typeof choiceError === "string" ? choiceError : undefined;
  const rationaleErrorText = typeof rationaleError === "string" ? rationaleError : undefined;
  const choiceId = `${idPrefix}-${fieldName}`;
  const rationaleId = `${idPrefix}-rationale`;
  // The first radio carries the field id so the error summary link lands on the group.
  const choices = scale.values.map((value, index) => ({
    value,
    label: scale.labels[value],
    id: index === 0 ? choiceId : `${choiceId}-${value}`,
    hint: scale.hints?.[value],
  }));
  return (
    <form className="judgement-form" noValidate aria-labelledby={titleId} onSubmit={handleSubmit(onValid, onInvalid)}>
      <h2 id={titleId}>{wording.title}</h2>
      <ErrorSummary errors={summaryErrors(errors, [fieldName, "rationale"], idPrefix)} focusKey={failures} />
      <p>{wording.intro(computed)}</p>

      <Controller
        control={control}
        name={fieldName}
        render={({ field }) => (
          <Radios
            id={choiceId}
            idOnGroup={false}
            label={wording.legend}
            error={choiceErrorText}
            choices={choices}
            value={isOnScale(field.value) ? field.value : undefined}
            onChange={(value) => {
              field.onChange(value);
              reportEntry(false);
            }}
          />
        )}
      />
      <Controller
        control={control}
        name="rationale"
        render={({ field }) => (
          <TextArea
            id={rationaleId}
            label={wording.rationaleLabel}
            hint={wording.rationaleHint}
            error={rationaleErrorText}
            rows={wording.rationaleRows}
            value={field.value}
            onChange={(value) => {
              field.onChange(value);
              reportEntry(true);
            }}
            onBlur={field.onBlur}
          />
        )}
      />

      <div className="button-row">
        <button type="submit" className="button">
          {wording.save}
        </button>
        {(current !== undefined || entry !== undefined) && (
          <button type="button" className="button button--secondary" onClick={onRemove}>
            {wording.remove}
          </button>
        )}
      </div>
      <p role="status" className="judgement-form__status">
        {saved ? wording.saved : ""}
      </p>
    </form>
  );
}
