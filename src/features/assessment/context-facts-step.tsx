// The facts pages: incident and history, the victim's situation, checks and court orders, and the
// facts never to share. GOV.UK question pages built from the shared field kit; errors show (with
// the error summary) once Continue meets an entry that cannot be recorded.
import { useEffect, useRef } from "react";
import type { AnswerValue } from "../../domain/answers";
import {
  CONTEXT_FIELDS,
  PERPETRATOR_CHECK_VALUES,
  PERPETRATOR_HISTORY_TAGS,
  PROTECTIVE_ORDER_TYPES,
  type CaseContext,
} from "../../domain/case-file";
import type { DateEntry } from "../../domain/case-record/case-details";
import { HISTORY_TAG_LABELS, labelForEvidence, ORDER_TYPE_LABELS } from "../../domain/labels/labels";
import { Checkboxes } from "../../ui/checkboxes";
import { DateField } from "../../ui/date-field";
import { ErrorSummary } from "../../ui/error-summary";
import { Radios } from "../../ui/radios";
import { ScreenHeading } from "../../ui/screen-heading";
import { SelectField } from "../../ui/select-field";
import { TextField } from "../../ui/text-field";
import type { AssessmentDraft, DraftUpdate } from "./assessment-draft";
import { ANSWER_CHOICES, CHECKS_LABELS } from "./answers-summary";
import {
  emptyDateEntry,
  FACT_IDS,
  FACT_PAGE_TITLES,
  factEntriesOf,
  factIssues,
  withFacts,
  type FactEntries,
  type FactPage,
  type SeparationChoice,
} from "./context-facts";

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export const NEW_INCIDENT_LABELS = { new: "Yes, it follows a new incident", review: "No, it is a planned review" };
export const SEPARATION_LABELS: Record<SeparationChoice, string> = {
  recent: "Yes, they have separated recently",
  planned: "They plan to separate",
  none: "No, they have not separated",
  "not-known": "Not known",
};
export const CHECKS_CHOICE_LABELS: Record<(typeof PERPETRATOR_CHECK_VALUES)[number], string> = {
  done: "Done",
  pending: "Asked for, not back yet",
  "not-possible": "Not possible",
};
export const HISTORY_LABELS = Object.fromEntries(
  PERPETRATOR_HISTORY_TAGS.map((tag) => [tag, sentence(HISTORY_TAG_LABELS[tag])]),
) as Record<(typeof PERPETRATOR_HISTORY_TAGS)[number], string>;

const HISTORY_CHOICES = PERPETRATOR_HISTORY_TAGS.map((tag) => ({ value: tag, label: HISTORY_LABELS[tag] }));
const ORDER_CHOICES = PROTECTIVE_ORDER_TYPES.map((type) => ({ value: type, label: ORDER_TYPE_LABELS[type] }));
const CHECK_CHOICES = PERPETRATOR_CHECK_VALUES.map((value) => ({ value, label: CHECKS_CHOICE_LABELS[value] }));
const SEPARATION_CHOICES = (["recent", "planned", "none", "not-known"] as const).map((value) => ({
  value,
  label: SEPARATION_LABELS[value],
}));

/** The facts a practitioner may mark as never to share: every context field except the list itself. */
export const SHAREABLE_FACTS = CONTEXT_FIELDS.filter((field) => field !== "nonDisclosure");

export interface FactsStepProps {
  draft: AssessmentDraft;
  page: FactPage;
  update: DraftUpdate;
  onFlush: () => void;
  /** Bumped by Continue when this page has an entry that cannot be recorded: errors show. */
  showErrorsKey: number;
  /** Facts the case details hold (children, perpetrator checks), shown where the draft records none. */
  fromCaseDetails?: Pick<CaseContext, "children" | "perpetratorChecks"> | undefined;
  /** The assessment date (Europe/London): no date before it may be in the future. */
  today: string;
}

export function FactsStep({ draft, page, update, onFlush, showErrorsKey, fromCaseDetails, today }: FactsStepProps) {
  const entries = factEntriesOf(draft);
  const issues = showErrorsKey > 0 ? factIssues(entries, today).filter((issue) => issue.page === page) : [];
  const errorFor = (fieldId: string): string | undefined =>
    issues.find((issue) => issue.fieldId === fieldId || issue.fieldId === `${fieldId}-day`)?.message;
  const setEntries = (change: Partial<FactEntries>, immediate: boolean): void =>
    update(withFacts(draft, { ...entries, ...change }, today), immediate);
  const setContext = <K extends keyof CaseContext>(field: K, value: CaseContext[K] | undefined): void => {
    const context: CaseContext = { ...(draft.context ?? {}) };
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete context[field];
    else context[field] = value;
    update({ ...draft, context }, true);
  };
  const props = { entries, errorFor, setEntries, onFlush };
  return (
    <>
      <ScreenHeading>{FACT_PAGE_TITLES[page]}</ScreenHeading>
      <ErrorSummary
        errors={issues.map(({ fieldId, message }) => ({ fieldId, message }))}
        focusKey={issues.length > 0 ? showErrorsKey : 0}
      />
      {page === "incident-history" && <IncidentHistory {...props} />}
      {page === "victim-situation" && (
        <VictimSituation {...props} pregnant={draft.context?.pregnant} setPregnant={(v) => setContext("pregnant", v)} />
      )}
      {page === "checks-and-orders" && (
        <ChecksAndOrders
          {...props}
          checks={draft.context?.perpetratorChecks}
          checksFromDetails={fromCaseDetails?.perpetratorChecks}
          setChecks={(value) => setContext("perpetratorChecks", value)}
          history={draft.context?.perpetratorHistory}
          setHistory={(tags) => setContext("perpetratorHistory", tags)}
        />
      )}
      {page === "never-share" && (
        <NeverShare
          draft={draft}
          fromCaseDetails={fromCaseDetails}
          setNonDisclosure={(paths) => setContext("nonDisclosure", paths)}
        />
      )}
    </>
  );
}

interface PartProps {
  entries: FactEntries;
  errorFor: (fieldId: string) => string | undefined;
  setEntries: (change: Partial<FactEntries>, immediate: boolean) => void;
  onFlush: () => void;
}

/** After adding or removing a list entry, focus goes where work continues (the new entry, or the add button). */
function useFocusAfter(length: number): { focusNext: (id: string) => void } {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const id = pending.current;
    pending.current = null;
    if (id !== null) document.getElementById(id)?.focus();
  }, [length]);
  return {
    focusNext: (id) => {
      pending.current = id;
    },
  };
}

function ListButton({ id, label, onClick }: { id?: string; label: string; onClick: () => void }) {
  return (
    <div className="button-row">
      <button type="button" id={id} className="button button--secondary" onClick={onClick}>
        {label}
      </button>
    </div>
  );
}

const without = <T,>(items: readonly T[], index: number): T[] => items.filter((_, position) => position !== index);
const replaced = <T,>(items: readonly T[], index: number, item: T): T[] =>
  items.map((current, position) => (position === index ? item : current));

function IncidentHistory({ entries, errorFor, setEntries, onFlush }: PartProps) {
  const maracDates = entries.maracDates ?? [];
  const concerns = entries.concerns ?? [];
  const marac = useFocusAfter(maracDates.length);
  const concern = useFocusAfter(concerns.length);
  return (
    <>
      <Radios
        id={FACT_IDS.newIncident}
        className="question"
        label="Does this assessment follow a new incident of abuse?"
        hint="Choose no when this is a planned review with no new incident."
        choices={(["new", "review"] as const).map((value) => ({ value, label: NEW_INCIDENT_LABELS[value] }))}
        value={entries.newIncident}
        onChange={(value) => setEntries({ newIncident: value }, true)}
      />
      <TextField
        id={FACT_IDS.callouts}
        label="How many times were the police called out for domestic abuse to this victim in the last 12 months?"
        hint="A whole number, for example 3. Leave it blank if it is not known."
        inputMode="numeric"
        error={errorFor(FACT_IDS.callouts)}
        value={entries.callouts}
        onChange={(callouts) => setEntries({ callouts }, false)}
        onBlur={onFlush}
      />
      <h2>Earlier MARACs</h2>
      <p className="form-field__hint">The dates this victim's case was heard at a MARAC, in any area.</p>
      {maracDates.map((date, index) => (
        <div key={index} className="fact-entry">
          <DateField
            id={FACT_IDS.marac(index)}
            label={`MARAC ${index + 1}: date it was heard`}
            hint="For example, 27 3 2024"
            error={errorFor(FACT_IDS.marac(index))}
            entry={date}
            onChange={(entry) => setEntries({ maracDates: replaced(maracDates, index, entry) }, false)}
          />
          <ListButton
            label={`Remove MARAC ${index + 1}`}
            onClick={() => {
              marac.focusNext("fact-add-marac");
              setEntries({ maracDates: without(maracDates, index) }, true);
            }}
          />
        </div>
      ))}
      <ListButton
        id="fact-add-marac"
        label={maracDates.length === 0 ? "Add a MARAC date" : "Add another MARAC date"}
        onClick={() => {
          marac.focusNext(`${FACT_IDS.marac(maracDates.length)}-day`);
          setEntries({ maracDates: [...maracDates, emptyDateEntry()] }, true);
        }}
      />
      <h2>Adult safeguarding concerns</h2>
      <p className="form-field__hint">Concerns raised with adult social care about this victim.</p>
      {concerns.map((item, index) => (
        <div key={index} className="fact-entry">
          <DateField
            id={FACT_IDS.concernDate(index)}
            label={`Safeguarding concern ${index + 1}: date raised`}
            hint="For example, 27 3 2024"
            error={errorFor(FACT_IDS.concernDate(index))}
            entry={item.date}
            onChange={(date) => setEntries({ concerns: replaced(concerns, index, { ...item, date }) }, false)}
          />
          <TextField
            id={FACT_IDS.concernAgency(index)}
            label={`Safeguarding concern ${index + 1}: agency that raised it (optional)`}
            value={item.agency}
            onChange={(agency) => setEntries({ concerns: replaced(concerns, index, { ...item, agency }) }, false)}
            onBlur={onFlush}
          />
          <ListButton
            label={`Remove safeguarding concern ${index + 1}`}
            onClick={() => {
              concern.focusNext("fact-add-concern");
              setEntries({ concerns: without(concerns, index) }, true);
            }}
          />
        </div>
      ))}
      <ListButton
        id="fact-add-concern"
        label={concerns.length === 0 ? "Add a safeguarding concern" : "Add another safeguarding concern"}
        onClick={() => {
          concern.focusNext(`${FACT_IDS.concernDate(concerns.length)}-day`);
          setEntries({ concerns: [...concerns, { date: emptyDateEntry(), agency: "" }] }, true);
        }}
      />
      <Radios
        id={FACT_IDS.movedArea}
        className="question"
        label="Has the victim or the person causing harm moved between local authority areas recently?"
        hint="If so, ask the previous area for its records."
        choices={ANSWER_CHOICES}
        value={entries.movedArea}
        onChange={(value) => setEntries({ movedArea: value }, true)}
      />
    </>
  );
}

function VictimSituation({
  entries,
  errorFor,
  setEntries,
  pregnant,
  setPregnant,
}: PartProps & { pregnant: AnswerValue | undefined; setPregnant: (value: AnswerValue) => void }) {
  const separated = entries.separation === "recent" || entries.separation === "planned";
  return (
    <>
      <Radios
        id={FACT_IDS.separation}
        className="question"
        label="Has the victim separated from the person causing harm, or do they plan to?"
        choices={SEPARATION_CHOICES}
        value={entries.separation}
        onChange={(value) => setEntries({ separation: value }, true)}
      >
        {separated && (
          <DateField
            id={FACT_IDS.separationDate}
            label={
              entries.separation === "planned"
                ? "Date they plan to separate (optional)"
                : "Date they separated (optional)"
            }
            hint={entries.separation === "planned" ? "For example, 27 3 2026" : "For example, 27 3 2024"}
            error={errorFor(FACT_IDS.separationDate)}
            entry={entries.separationDate ?? emptyDateEntry()}
            onChange={(entry: DateEntry) => setEntries({ separationDate: entry }, false)}
          />
        )}
      </Radios>
      <Radios
        id={FACT_IDS.pregnant}
        className="question"
        label="Is the victim pregnant now?"
        choices={ANSWER_CHOICES}
        value={pregnant}
        onChange={setPregnant}
      />
      <Radios
        id={FACT_IDS.victimRetracted}
        className="question"
        label="Has the victim withdrawn a complaint or statement?"
        hint="Withdrawing never lowers the risk."
        choices={ANSWER_CHOICES}
        value={entries.victimRetracted}
        onChange={(value) => setEntries({ victimRetracted: value }, true)}
      />
    </>
  );
}

function ChecksAndOrders({
  entries,
  errorFor,
  setEntries,
  checks,
  checksFromDetails,
  setChecks,
  history,
  setHistory,
}: PartProps & {
  checks: CaseContext["perpetratorChecks"];
  checksFromDetails: CaseContext["perpetratorChecks"];
  setChecks: (value: CaseContext["perpetratorChecks"]) => void;
  history: CaseContext["perpetratorHistory"];
  setHistory: (tags: NonNullable<CaseContext["perpetratorHistory"]>) => void;
}) {
  const orders = entries.orders ?? [];
  const order = useFocusAfter(orders.length);
  const prefilled = checks === undefined && checksFromDetails !== undefined;
  return (
    <>
      <Radios
        id={FACT_IDS.checks}
        className="question"
        label="Have police or agency history checks been made on the person causing harm?"
        hint={
          prefilled
            ? `From the case details: ${CHECKS_LABELS[checksFromDetails].toLowerCase()}. Choose again only if it has changed since.`
            : undefined
        }
        choices={CHECK_CHOICES}
        value={checks ?? checksFromDetails}
        onChange={setChecks}
      />
      <Checkboxes
        id={FACT_IDS.history}
        label="What is known about the history of the person causing harm?"
        hint="Tick all that the checks or records show."
        choices={HISTORY_CHOICES}
        value={history}
        onChange={setHistory}
      />
      <h2>Protective orders and bail conditions</h2>
      {orders.map((item, index) => {
        const n = index + 1;
        const set = (change: Partial<typeof item>, immediate: boolean): void =>
          setEntries({ orders: replaced(orders, index, { ...item, ...change }) }, immediate);
        return (
          <div key={index} className="fact-entry">
            <SelectField
              id={FACT_IDS.orderType(index)}
              label={`Order ${n}: type`}
              emptyChoice="Choose the type"
              error={errorFor(FACT_IDS.orderType(index))}
              choices={ORDER_CHOICES}
              value={item.type === "" ? undefined : item.type}
              onChange={(type) => set({ type: type ?? "" }, true)}
            />
            <DateField
              id={FACT_IDS.orderGranted(index)}
              label={`Order ${n}: date granted (optional)`}
              hint="For example, 27 3 2024"
              error={errorFor(FACT_IDS.orderGranted(index))}
              entry={item.granted}
              onChange={(granted) => set({ granted }, false)}
            />
            <DateField
              id={FACT_IDS.orderExpires(index)}
              label={`Order ${n}: end date (optional)`}
              hint="For example, 27 3 2026. Leave it blank if it has no end date."
              error={errorFor(FACT_IDS.orderExpires(index))}
              entry={item.expires}
              onChange={(expires) => set({ expires }, false)}
            />
            <ListButton
              label={`Remove order ${n}`}
              onClick={() => {
                order.focusNext("fact-add-order");
                setEntries({ orders: without(orders, index) }, true);
              }}
            />
          </div>
        );
      })}
      <ListButton
        id="fact-add-order"
        label={orders.length === 0 ? "Add an order" : "Add another order"}
        onClick={() => {
          order.focusNext(FACT_IDS.orderType(orders.length));
          setEntries({ orders: [...orders, { type: "", granted: emptyDateEntry(), expires: emptyDateEntry() }] }, true);
        }}
      />
    </>
  );
}

function NeverShare({
  draft,
  fromCaseDetails,
  setNonDisclosure,
}: {
  draft: AssessmentDraft;
  fromCaseDetails: FactsStepProps["fromCaseDetails"];
  setNonDisclosure: (paths: string[]) => void;
}) {
  const context = draft.context ?? {};
  const ticked = context.nonDisclosure ?? [];
  const recorded = SHAREABLE_FACTS.filter(
    (field) =>
      context[field] !== undefined ||
      (field in (fromCaseDetails ?? {}) && fromCaseDetails?.[field as keyof typeof fromCaseDetails] !== undefined) ||
      ticked.includes(`context.${field}`),
  );
  // Paths the screens do not offer (an older record's "context.children[0].age") are kept as they are.
  const offered = new Set(recorded.map((field) => `context.${field}`));
  const kept = ticked.filter((path) => !offered.has(path));
  if (recorded.length === 0) {
    return <p>No facts are recorded yet. Come back here once you have recorded them.</p>;
  }
  return (
    <Checkboxes
      id={FACT_IDS.neverShare}
      label="Tick each recorded fact that must never reach the person causing harm"
      hint="Copies of a referral pack marked for wider sharing leave these out."
      choices={recorded.map((field) => ({ value: `context.${field}`, label: labelForEvidence(`context.${field}`) }))}
      value={ticked.filter((path) => offered.has(path))}
      onChange={(paths) => setNonDisclosure([...kept, ...paths])}
    />
  );
}
