// The context sections: exploitation tags, and care and support (with housing and substance use).
// Both edit draft.context, through the same tag-list helper.
import {
  CAPACITY_VALUES,
  CARE_NEEDS_KINDS,
  EXPLOITATION_TAGS,
  HOUSING_TAGS,
  SUBSTANCE_USE_TAGS,
  type CaseContext,
} from "../../domain/case-file";
import { CARE_AND_SUPPORT_PROMPTS, EXPLOITATION_PROMPTS } from "../../domain/question-sets/context-prompts";
import { Checkboxes } from "../../ui/checkboxes";
import { Radios } from "../../ui/radios";
import { SelectField } from "../../ui/select-field";
import { TextArea } from "../../ui/text-area";
import type { AssessmentDraft, DraftUpdate } from "./assessment-draft";
import { ANSWER_CHOICES, CARE_TESTS } from "./answers-summary";

function withContext(draft: AssessmentDraft, change: (context: CaseContext) => CaseContext): AssessmentDraft {
  return { ...draft, context: change({ ...(draft.context ?? {}) }) };
}

/** Sets one context tag list; an empty list is removed (absent = not recorded). */
function withContextTags<K extends "exploitation" | "substanceUse">(
  draft: AssessmentDraft,
  field: K,
  tags: NonNullable<CaseContext[K]>,
): AssessmentDraft {
  return withContext(draft, (context) => {
    if (tags.length > 0) context[field] = tags;
    else delete context[field];
    return context;
  });
}

/** A context value's choice: the value with its dashes read as spaces. */
const spaced = <T extends string>(value: T) => ({ value, label: value.replace(/-/g, " ") });

const EXPLOITATION_CHOICES = EXPLOITATION_TAGS.map((tag) => {
  const prompt = EXPLOITATION_PROMPTS.find((item) => item.field === `context.exploitation.${tag}`);
  return { value: tag, label: prompt?.label ?? tag, hint: prompt?.wording };
});
const CARE_NEEDS_CHOICES = CARE_NEEDS_KINDS.map(spaced);
const CAPACITY_CHOICES = CAPACITY_VALUES.map(spaced);
const HOUSING_CHOICES = HOUSING_TAGS.map(spaced);
const SUBSTANCE_USE_CHOICES = SUBSTANCE_USE_TAGS.map((tag) => ({ value: tag, label: tag }));

export function ExploitationFields({ draft, update }: { draft: AssessmentDraft; update: DraftUpdate }) {
  return (
    <Checkboxes
      id="exploitation"
      label="Tick any form of exploitation the person describes or you know of"
      choices={EXPLOITATION_CHOICES}
      value={draft.context?.exploitation}
      onChange={(tags) => update(withContextTags(draft, "exploitation", tags), true)}
    />
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
        return (
          <Radios
            key={test}
            id={`care-${test}`}
            className="question"
            label={prompt?.wording}
            hint={prompt?.help}
            choices={ANSWER_CHOICES}
            value={care[test]}
            onChange={(value) => setCare({ [test]: value }, true)}
          />
        );
      })}
      <Checkboxes
        id="care-kind"
        label={promptFor("context.careAndSupport.needsKinds")?.wording}
        choices={CARE_NEEDS_CHOICES}
        value={care.needsKinds}
        onChange={(kinds) =>
          setCare((current) => {
            const { needsKinds: _old, ...rest } = current;
            return kinds.length > 0 ? { ...rest, needsKinds: kinds } : rest;
          }, true)
        }
      />
      <SelectField
        id="care-capacity"
        label={promptFor("context.careAndSupport.capacity")?.label}
        emptyChoice="Not recorded"
        choices={CAPACITY_CHOICES}
        value={care.capacity}
        onChange={(capacity) =>
          setCare((current) => {
            const { capacity: _old, ...rest } = current;
            return capacity === undefined ? rest : { ...rest, capacity };
          }, true)
        }
      />
      <TextArea
        id="care-rationale"
        label={promptFor("context.careAndSupport.rationale")?.label}
        rows={3}
        value={care.rationale}
        onChange={(rationale) => setCare({ rationale }, false)}
        onBlur={onFlush}
      />
      <SelectField
        id="care-housing"
        label={promptFor("context.housing")?.label}
        emptyChoice="Not recorded"
        choices={HOUSING_CHOICES}
        value={draft.context?.housing}
        onChange={(housing) =>
          update(
            withContext(draft, (context) => {
              if (housing === undefined) delete context.housing;
              else context.housing = housing;
              return context;
            }),
            true,
          )
        }
      />
      <Checkboxes
        id="substance"
        label={promptFor("context.substanceUse")?.wording}
        choices={SUBSTANCE_USE_CHOICES}
        value={draft.context?.substanceUse}
        onChange={(tags) => update(withContextTags(draft, "substanceUse", tags), true)}
      />
    </>
  );
}
