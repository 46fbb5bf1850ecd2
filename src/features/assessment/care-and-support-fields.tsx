// The context sections: exploitation tags, and care and support (with housing and substance use).
// Both edit draft.context, through the same tag helpers.
import {
  CAPACITY_VALUES,
  CARE_NEEDS_KINDS,
  EXPLOITATION_TAGS,
  HOUSING_TAGS,
  SUBSTANCE_USE_TAGS,
  type CaseContext,
} from "../../domain/case-file";
import { CARE_AND_SUPPORT_PROMPTS, EXPLOITATION_PROMPTS } from "../../domain/question-sets/context-prompts";
import type { AssessmentDraft, DraftUpdate } from "./assessment-draft";
import { ANSWER_LABELS, ANSWER_OPTIONS, CARE_TESTS } from "./answers-summary";

function withContext(draft: AssessmentDraft, change: (context: CaseContext) => CaseContext): AssessmentDraft {
  return { ...draft, context: change({ ...(draft.context ?? {}) }) };
}

function toggle<T extends string>(list: readonly T[] | undefined, value: T, on: boolean): T[] {
  const rest = (list ?? []).filter((item) => item !== value);
  return on ? [...rest, value] : rest;
}

/** Ticks or unticks one tag of a context tag list; an empty list is removed (absent = not recorded). */
function withContextTag<K extends "exploitation" | "substanceUse">(
  draft: AssessmentDraft,
  field: K,
  tag: NonNullable<CaseContext[K]>[number],
  on: boolean,
): AssessmentDraft {
  return withContext(draft, (context) => {
    const next = toggle(context[field] as readonly string[] | undefined, tag, on);
    if (next.length > 0) (context as Record<string, unknown>)[field] = next;
    else delete context[field];
    return context;
  });
}

export function ExploitationFields({ draft, update }: { draft: AssessmentDraft; update: DraftUpdate }) {
  const tags = draft.context?.exploitation ?? [];
  return (
    <fieldset className="form-field checkboxes">
      <legend className="form-field__label">Tick any form of exploitation the person describes or you know of</legend>
      {EXPLOITATION_TAGS.map((tag) => {
        const prompt = EXPLOITATION_PROMPTS.find((item) => item.field === `context.exploitation.${tag}`);
        const id = `exploitation-${tag}`;
        return (
          <div key={tag} className="checkbox">
            <input
              id={id}
              type="checkbox"
              checked={tags.includes(tag)}
              aria-describedby={`${id}-hint`}
              onChange={(event) => {
                update(withContextTag(draft, "exploitation", tag, event.target.checked), true);
              }}
            />
            <label htmlFor={id}>{prompt?.label ?? tag}</label>
            <p id={`${id}-hint`} className="form-field__hint">
              {prompt?.wording}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

export function CareAndSupportFields({
  draft,
  update,
  onFlush,
}: {
  draft: AssessmentDraft;
  update: DraftUpdate;
  onFlush: () => void;
}) {
  const care = draft.context?.careAndSupport ?? {};
  const promptFor = (field: string) => CARE_AND_SUPPORT_PROMPTS.find((prompt) => prompt.field === field);
  const setCare = (
    change: Partial<typeof care> | ((current: typeof care) => typeof care),
    immediate: boolean,
  ): void => {
    update(
      withContext(draft, (context) => {
        const current = { ...(context.careAndSupport ?? {}) };
        context.careAndSupport = typeof change === "function" ? change(current) : { ...current, ...change };
        return context;
      }),
      immediate,
    );
  };
  return (
    <>
      {CARE_TESTS.map((test) => {
        const prompt = promptFor(`context.careAndSupport.${test}`);
        const id = `care-${test}`;
        return (
          <fieldset key={test} className="form-field radios question" id={id} aria-describedby={`${id}-hint`}>
            <legend className="form-field__label">{prompt?.wording}</legend>
            <p id={`${id}-hint`} className="form-field__hint">
              {prompt?.help}
            </p>
            {ANSWER_OPTIONS.map((value) => (
              <label key={value} className="radios__item">
                <input
                  type="radio"
                  name={id}
                  value={value}
                  checked={care[test] === value}
                  onChange={() => setCare({ [test]: value }, true)}
                />
                {ANSWER_LABELS[value]}
              </label>
            ))}
          </fieldset>
        );
      })}
      <fieldset className="form-field checkboxes">
        <legend className="form-field__label">{promptFor("context.careAndSupport.needsKinds")?.wording}</legend>
        {CARE_NEEDS_KINDS.map((kind) => (
          <div key={kind} className="checkbox">
            <input
              id={`care-kind-${kind}`}
              type="checkbox"
              checked={care.needsKinds?.includes(kind) ?? false}
              onChange={(event) => {
                const checked = event.target.checked;
                setCare((current) => {
                  const next = toggle(current.needsKinds, kind, checked);
                  const { needsKinds: _old, ...rest } = current;
                  return next.length > 0 ? { ...rest, needsKinds: next } : rest;
                }, true);
              }}
            />
            <label htmlFor={`care-kind-${kind}`}>{kind.replace(/-/g, " ")}</label>
          </div>
        ))}
      </fieldset>
      <div className="form-field">
        <label className="form-field__label" htmlFor="care-capacity">
          {promptFor("context.careAndSupport.capacity")?.label}
        </label>
        <select
          id="care-capacity"
          className="form-field__select"
          value={care.capacity ?? ""}
          onChange={(event) => {
            const value = event.target.value;
            setCare((current) => {
              const { capacity: _old, ...rest } = current;
              return (CAPACITY_VALUES as readonly string[]).includes(value)
                ? { ...rest, capacity: value as (typeof CAPACITY_VALUES)[number] }
                : rest;
            }, true);
          }}
        >
          <option value="">Not recorded</option>
          {CAPACITY_VALUES.map((value) => (
            <option key={value} value={value}>
              {value.replace(/-/g, " ")}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="care-rationale">
          {promptFor("context.careAndSupport.rationale")?.label}
        </label>
        <textarea
          id="care-rationale"
          className="form-field__textarea"
          rows={3}
          value={care.rationale ?? ""}
          onChange={(event) => setCare({ rationale: event.target.value }, false)}
          onBlur={onFlush}
        />
      </div>
      <div className="form-field">
        <label className="form-field__label" htmlFor="care-housing">
          {promptFor("context.housing")?.label}
        </label>
        <select
          id="care-housing"
          className="form-field__select"
          value={draft.context?.housing ?? ""}
          onChange={(event) => {
            const value = event.target.value;
            update(
              withContext(draft, (context) => {
                if ((HOUSING_TAGS as readonly string[]).includes(value))
                  context.housing = value as (typeof HOUSING_TAGS)[number];
                else delete context.housing;
                return context;
              }),
              true,
            );
          }}
        >
          <option value="">Not recorded</option>
          {HOUSING_TAGS.map((tag) => (
            <option key={tag} value={tag}>
              {tag.replace(/-/g, " ")}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="form-field checkboxes">
        <legend className="form-field__label">{promptFor("context.substanceUse")?.wording}</legend>
        {SUBSTANCE_USE_TAGS.map((tag) => (
          <div key={tag} className="checkbox">
            <input
              id={`substance-${tag}`}
              type="checkbox"
              checked={draft.context?.substanceUse?.includes(tag) ?? false}
              onChange={(event) => {
                update(withContextTag(draft, "substanceUse", tag, event.target.checked), true);
              }}
            />
            <label htmlFor={`substance-${tag}`}>{tag}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}
