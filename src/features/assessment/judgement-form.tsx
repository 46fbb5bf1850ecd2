// Professional judgement: the practitioner may raise the computed level, never lower it, and must
// say why in their own words. GOV.UK error summary and field errors on a refused submit.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { RISK_LEVELS, riskRank, type RiskLevel } from "../../domain/answers";
import { ErrorSummary } from "../../ui/error-summary";
import { describedBy, FieldMessages } from "../../ui/form-field";
import { summaryErrors } from "../../ui/summary-errors";
import { RISK_LEVEL_LABELS } from "./risk-panel";
import "./assessment.css";

export interface Judgement {
  level: RiskLevel;
  rationale: string;
}

export interface JudgementFormProps {
  /** The level from the answers and rules alone: judgement may raise it, never lower it. */
  computedLevel: RiskLevel;
  current?: Judgement;
  onChange: (judgement: Judgement | undefined) => void;
  /** What was in the form last time, valid or not (from the draft); shown instead of `current`. */
  entry?: Judgement | undefined;
  /**
   * Every change as it happens, so the draft keeps it: the entry (undefined when nothing is entered:
   * no reason and the computed level), the valid judgement if the rules pass, and whether it came
   * from typing (saved after a pause) rather than a choice (saved at once).
   */
  onEntryChange?: ((entry: Judgement | undefined, valid: Judgement | undefined, typing: boolean) => void) | undefined;
  /** Changing this shows the form's errors (the screen's Continue with an invalid entry). */
  showErrorsKey?: number | undefined;
}

export const RATIONALE_REQUIRED = "Explain why, in your own words";

export function cannotLowerMessage(computedLevel: RiskLevel): string {
  return `Judgement can raise the level, never lower it. The answers and rules already give ${RISK_LEVEL_LABELS[computedLevel]}.`;
}

function judgementSchema(computedLevel: RiskLevel) {
  return z.object({
    level: z
      .enum(RISK_LEVELS, { error: "Choose the level you judge the risk to be" })
      .refine((level) => riskRank(level) >= riskRank(computedLevel), { message: cannotLowerMessage(computedLevel) }),
    rationale: z.string().trim().min(1, RATIONALE_REQUIRED),
  });
}

const FIELD_ORDER = ["level", "rationale"] as const;
const ID_PREFIX = "judgement";

export function JudgementForm({ computedLevel, current, onChange, entry, onEntryChange, showErrorsKey }: JudgementFormProps) {
  const titleId = useId();
  const [failures, setFailures] = useState(0);
  const [saved, setSaved] = useState(false);
  const schema = useMemo(() => judgementSchema(computedLevel), [computedLevel]);
  const resolver = useMemo(() => zodResolver(schema), [schema]);
  const shown = entry ?? current;
  const {
    register,
    handleSubmit,
    reset,
    getValues,
    trigger,
    formState: { errors },
  } = useForm<Judgement>({
    resolver,
    shouldFocusError: false,
    defaultValues: { level: shown?.level ?? computedLevel, rationale: shown?.rationale ?? "" },
  });

  // Every change goes to the draft at once (valid or not), so nothing typed is lost.
  const reportEntry = (typing: boolean): void => {
    if (onEntryChange === undefined) return;
    const values = getValues();
    const level = (RISK_LEVELS as readonly unknown[]).includes(values.level) ? values.level : computedLevel;
    const rationale = values.rationale ?? "";
    const empty = rationale.trim() === "" && level === computedLevel;
    const parsed = schema.safeParse({ level, rationale });
    onEntryChange(empty ? undefined : { level, rationale }, parsed.success ? parsed.data : undefined, typing);
  };

  const onValid = (values: Judgement): void => {
    setSaved(true);
    onChange({ level: values.level, rationale: values.rationale });
  };
  const onRemove = (): void => {
    setSaved(false);
    reset({ level: computedLevel, rationale: "" });
    onChange(undefined);
  };
  const onInvalid = (): void => {
    setSaved(false);
    setFailures((count) => count + 1);
  };

  // Continue with an invalid entry: the same error summary as pressing "Save judgement".
  useEffect(() => {
    if (showErrorsKey === undefined || showErrorsKey === 0) return;
    void trigger().then((valid) => {
      if (!valid) {
        setSaved(false);
        setFailures((count) => count + 1);
      }
    });
  }, [showErrorsKey, trigger]);

  const levelError = errors.level?.message;
  const rationaleError = errors.rationale?.message;
  const levelId = `${ID_PREFIX}-level`;
  const rationaleId = `${ID_PREFIX}-rationale`;
  return (
    <form
      className="judgement-form"
      noValidate
      aria-labelledby={titleId}
      onSubmit={handleSubmit(onValid, onInvalid)}
    >
      <h2 id={titleId}>Professional judgement</h2>
      <ErrorSummary errors={summaryErrors(errors, FIELD_ORDER, ID_PREFIX)} focusKey={failures} />
      <p>
        The answers and rules give <strong>{RISK_LEVEL_LABELS[computedLevel]}</strong>. If your professional
        judgement is that the risk is higher, record it here with your reasons. Judgement can raise the level, never
        lower it.
      </p>

      <div className={`form-field${levelError === undefined ? "" : " form-field--error"}`}>
        <fieldset className="radios" aria-describedby={describedBy(levelId, false, levelError !== undefined)}>
          <legend className="form-field__label">Level you judge the risk to be</legend>
          <FieldMessages id={levelId} error={levelError} />
          {RISK_LEVELS.map((level, index) => {
            // The first radio carries the field id so the error summary link lands on the group.
            const id = index === 0 ? levelId : `${levelId}-${level}`;
            return (
              <div className="radios__item" key={level}>
                <input id={id} type="radio" value={level} className="radios__input" {...register("level", { onChange: () => reportEntry(false) })} />
                <label htmlFor={id} className="radios__label">
                  {RISK_LEVEL_LABELS[level]}
                </label>
              </div>
            );
          })}
        </fieldset>
      </div>

      <div className={`form-field${rationaleError === undefined ? "" : " form-field--error"}`}>
        <label className="form-field__label" htmlFor={rationaleId}>
          Why? (rationale)
        </label>
        <FieldMessages
          id={rationaleId}
          hint="In your own words: what you saw or were told that the answers do not capture."
          error={rationaleError}
        />
        <textarea
          id={rationaleId}
          className="form-field__textarea"
          rows={4}
          aria-invalid={rationaleError === undefined ? undefined : true}
          aria-describedby={describedBy(rationaleId, true, rationaleError !== undefined)}
          {...register("rationale", { onChange: () => reportEntry(true) })}
        />
      </div>

      <div className="button-row">
        <button type="submit" className="button">
          Save judgement
        </button>
        {(current !== undefined || entry !== undefined) && (
          <button type="button" className="button button--secondary" onClick={onRemove}>
            Remove judgement
          </button>
        )}
      </div>
      <p role="status" className="judgement-form__status">
        {saved ? "Judgement saved." : ""}
      </p>
    </form>
  );
}
