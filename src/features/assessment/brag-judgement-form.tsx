// The assessor's own BRAG colour (police vulnerability rating): it may raise the computed colour,
// never lower it, and needs a rationale. Green is only ever the assessor's call ("noted, advice
// only"), so it can be chosen here when the computed colour is blue.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { BRAG_COLOURS, bragRank, type BragColour } from "../../domain/answers";
import { ErrorSummary } from "../../ui/error-summary";
import { describedBy, FieldMessages } from "../../ui/form-field";
import { summaryErrors } from "../../ui/summary-errors";
import { COLOUR_LABELS } from "./answers-summary";
import "./assessment.css";

export interface BragJudgement {
  colour: BragColour;
  rationale: string;
}

export interface BragJudgementFormProps {
  /** The colour from the answers and facts: the assessor may raise it, never lower it. */
  computedColour: BragColour;
  current?: BragJudgement;
  onChange: (judgement: BragJudgement | undefined) => void;
  /** What was in the form last time, valid or not (from the draft); shown instead of `current`. */
  entry?: BragJudgement | undefined;
  /** Every change as it happens (see JudgementForm): the entry, the valid judgement if any, and whether typed. */
  onEntryChange?: ((entry: BragJudgement | undefined, valid: BragJudgement | undefined, typing: boolean) => void) | undefined;
  /** Changing this shows the form's errors (the screen's Continue with an invalid entry). */
  showErrorsKey?: number | undefined;
}

export const BRAG_RATIONALE_REQUIRED = "Explain why you chose this colour, in your own words";

export function cannotLowerColourMessage(computedColour: BragColour): string {
  return `The BRAG colour can be raised, never lowered. The answers already give ${COLOUR_LABELS[computedColour]}.`;
}

const COLOUR_HINTS: Record<BragColour, string> = {
  blue: "No vulnerability identified",
  green: "Vulnerability noted: advice only",
  amber: "Vulnerable: needs a referral for support",
  red: "Immediate risk to life or wellbeing, or multiple disadvantage with violence or exploitation: act now",
};

function bragSchema(computedColour: BragColour) {
  return z.object({
    colour: z
      .enum(BRAG_COLOURS, { error: "Choose the BRAG colour you judge it to be" })
      .refine((colour) => bragRank(colour) >= bragRank(computedColour), { message: cannotLowerColourMessage(computedColour) }),
    rationale: z.string().trim().min(1, BRAG_RATIONALE_REQUIRED),
  });
}

const FIELD_ORDER = ["colour", "rationale"] as const;
const ID_PREFIX = "brag-judgement";

export function BragJudgementForm({ computedColour, current, onChange, entry, onEntryChange, showErrorsKey }: BragJudgementFormProps) {
  const titleId = useId();
  const [failures, setFailures] = useState(0);
  const [saved, setSaved] = useState(false);
  const schema = useMemo(() => bragSchema(computedColour), [computedColour]);
  const resolver = useMemo(() => zodResolver(schema), [schema]);
  const shown = entry ?? current;
  const {
    register,
    handleSubmit,
    reset,
    getValues,
    trigger,
    formState: { errors },
  } = useForm<BragJudgement>({
    resolver,
    shouldFocusError: false,
    defaultValues: { colour: shown?.colour ?? computedColour, rationale: shown?.rationale ?? "" },
  });

  // Every change goes to the draft at once (valid or not), so nothing typed is lost.
  const reportEntry = (typing: boolean): void => {
    if (onEntryChange === undefined) return;
    const values = getValues();
    const colour = (BRAG_COLOURS as readonly unknown[]).includes(values.colour) ? values.colour : computedColour;
    const rationale = values.rationale ?? "";
    const empty = rationale.trim() === "" && colour === computedColour;
    const parsed = schema.safeParse({ colour, rationale });
    onEntryChange(empty ? undefined : { colour, rationale }, parsed.success ? parsed.data : undefined, typing);
  };

  const onValid = (values: BragJudgement): void => {
    setSaved(true);
    onChange({ colour: values.colour, rationale: values.rationale });
  };
  const onInvalid = (): void => {
    setSaved(false);
    setFailures((count) => count + 1);
  };
  // Continue with an invalid entry: the same error summary as pressing "Save BRAG colour".
  useEffect(() => {
    if (showErrorsKey === undefined || showErrorsKey === 0) return;
    void trigger().then((valid) => {
      if (!valid) {
        setSaved(false);
        setFailures((count) => count + 1);
      }
    });
  }, [showErrorsKey, trigger]);

  const colourError = errors.colour?.message;
  const rationaleError = errors.rationale?.message;
  const colourId = `${ID_PREFIX}-colour`;
  const rationaleId = `${ID_PREFIX}-rationale`;
  return (
    <form
      className="judgement-form"
      noValidate
      aria-labelledby={titleId}
      onSubmit={handleSubmit(onValid, onInvalid)}
    >
      <h2 id={titleId}>Your BRAG colour</h2>
      <ErrorSummary errors={summaryErrors(errors, FIELD_ORDER, ID_PREFIX)} focusKey={failures} />
      <p>
        The answers give <strong>{COLOUR_LABELS[computedColour]}</strong>. If you judge the person more vulnerable,
        record the colour with your reasons. The colour can be raised, never lowered.
      </p>
      <div className={`form-field${colourError === undefined ? "" : " form-field--error"}`}>
        <fieldset className="radios" aria-describedby={describedBy(colourId, false, colourError !== undefined)}>
          <legend className="form-field__label">BRAG colour you judge it to be</legend>
          <FieldMessages id={colourId} error={colourError} />
          {BRAG_COLOURS.map((colour, index) => {
            const id = index === 0 ? colourId : `${colourId}-${colour}`;
            return (
              <div className="radios__item" key={colour}>
                <input id={id} type="radio" value={colour} className="radios__input" aria-describedby={`${id}-hint`} {...register("colour", { onChange: () => reportEntry(false) })} />
                <label htmlFor={id} className="radios__label">
                  {COLOUR_LABELS[colour]}
                </label>
                <span id={`${id}-hint`} className="form-field__hint radios__hint">
                  {COLOUR_HINTS[colour]}
                </span>
              </div>
            );
          })}
        </fieldset>
      </div>
      <div className={`form-field${rationaleError === undefined ? "" : " form-field--error"}`}>
        <label className="form-field__label" htmlFor={rationaleId}>
          Why this colour? (rationale)
        </label>
        <FieldMessages id={rationaleId} error={rationaleError} />
        <textarea
          id={rationaleId}
          className="form-field__textarea"
          rows={3}
          aria-invalid={rationaleError === undefined ? undefined : true}
          aria-describedby={describedBy(rationaleId, false, rationaleError !== undefined)}
          {...register("rationale", { onChange: () => reportEntry(true) })}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          Save BRAG colour
        </button>
        {(current !== undefined || entry !== undefined) && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setSaved(false);
              reset({ colour: computedColour, rationale: "" });
              onChange(undefined);
            }}
          >
            Remove BRAG colour
          </button>
        )}
      </div>
      <p role="status" className="judgement-form__status">
        {saved ? "BRAG colour saved." : ""}
      </p>
    </form>
  );
}
