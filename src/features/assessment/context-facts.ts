// The facts pages (issue 14 item 3): every `context` fact of the contract that no question asks,
// recorded inside the assessment. What the practitioner typed is kept as typed (`draft.facts`),
// so a half-typed date or a count like "3a" survives Continue, Back and a reload; the case file's
// context is worked out from it on every change and only ever holds valid values. "Not known" is
// kept as the practitioner's answer on the page and is never written as "no": the field is left
// out of the case file (absent = not recorded).
import type { AnswerValue } from "../../domain/answers";
import { ANSWER_VALUES } from "../../domain/answers";
import { PROTECTIVE_ORDER_TYPES, SEPARATION_STATUSES, type CaseContext } from "../../domain/case-file";
import type { DateEntry } from "../../domain/case-record/case-details";
import { dateEntryOf, readDateEntry } from "../../domain/case-record/date-entry";
import { LAST_YEAR, londonDateOf, type IsoDate } from "../../domain/dates";

export type ProtectiveOrderType = (typeof PROTECTIVE_ORDER_TYPES)[number];
export type SeparationChoice = (typeof SEPARATION_STATUSES)[number] | "not-known";

export interface FactEntries {
  /** "new": follows a new incident; "review": a planned review (context.newIncident false). */
  newIncident?: "new" | "review";
  /** The count as typed; blank = not known. */
  callouts?: string;
  maracDates?: DateEntry[];
  concerns?: { date: DateEntry; agency: string }[];
  movedArea?: AnswerValue;
  separation?: SeparationChoice;
  separationDate?: DateEntry;
  victimRetracted?: AnswerValue;
  /** The type is "" until one is chosen. */
  orders?: { type: ProtectiveOrderType | ""; granted: DateEntry; expires: DateEntry }[];
}

/** The date no recorded date may be after: the draft's assessment date, else today (Europe/London). */
export function assessmentDateOf(draft: { assessedAt?: string | undefined }, now: Date = new Date()): IsoDate {
  return londonDateOf(draft.assessedAt ?? now.toISOString());
}

/** The facts pages, in walk-through order. */
export const FACT_PAGES = ["incident-history", "victim-situation", "checks-and-orders", "never-share"] as const;
export type FactPage = (typeof FACT_PAGES)[number];

export const FACT_PAGE_TITLES: Record<FactPage, string> = {
  "incident-history": "Incident and history",
  "victim-situation": "Separation, pregnancy and statements",
  "checks-and-orders": "Checks, history and court orders",
  "never-share": "Facts never to share with the person causing harm",
};

export function isFactPage(page: string): page is FactPage {
  return (FACT_PAGES as readonly string[]).includes(page);
}

/** Which facts page records a context path ("context.protectiveOrders[0].expires" → checks-and-orders). */
export function factPageFor(field: string): FactPage | undefined {
  const name = /^context\.([A-Za-z0-9]+)/.exec(field)?.[1];
  switch (name) {
    case "newIncident":
    case "policeCallouts12m":
    case "previousMaracDates":
    case "safeguardingConcerns":
    case "movedArea":
      return "incident-history";
    case "separation":
    case "pregnant":
    case "victimRetracted":
      return "victim-situation";
    case "perpetratorChecks":
    case "perpetratorHistory":
    case "protectiveOrders":
      return "checks-and-orders";
    case "nonDisclosure":
      return "never-share";
    default:
      return undefined;
  }
}

const EMPTY_DATE: DateEntry = { day: "", month: "", year: "" };
export const emptyDateEntry = (): DateEntry => ({ ...EMPTY_DATE });

const fromBoolean = (value: boolean | undefined): AnswerValue | undefined =>
  value === undefined ? undefined : value ? "yes" : "no";
const toBoolean = (value: AnswerValue | undefined): boolean | undefined =>
  value === "yes" ? true : value === "no" ? false : undefined;

/** What the pages show: the typed entries, or (for a draft without them) the context read back. */
export function factEntriesOf(draft: {
  facts?: FactEntries | undefined;
  context?: CaseContext | undefined;
}): FactEntries {
  if (draft.facts !== undefined) return draft.facts;
  const context = draft.context ?? {};
  const entries: FactEntries = {};
  if (context.newIncident !== undefined) entries.newIncident = context.newIncident ? "new" : "review";
  if (context.policeCallouts12m !== undefined) entries.callouts = String(context.policeCallouts12m);
  if (context.previousMaracDates !== undefined) entries.maracDates = context.previousMaracDates.map(dateEntryOf);
  if (context.safeguardingConcerns !== undefined) {
    entries.concerns = context.safeguardingConcerns.map((concern) => ({
      date: dateEntryOf(concern.date),
      agency: concern.agency ?? "",
    }));
  }
  const moved = fromBoolean(context.movedArea);
  if (moved !== undefined) entries.movedArea = moved;
  if (context.separation !== undefined) {
    entries.separation = context.separation.status;
    if (context.separation.date !== undefined) entries.separationDate = dateEntryOf(context.separation.date);
  }
  const retracted = fromBoolean(context.victimRetracted);
  if (retracted !== undefined) entries.victimRetracted = retracted;
  if (context.protectiveOrders !== undefined) {
    entries.orders = context.protectiveOrders.map((order) => ({
      type: order.type,
      granted: dateEntryOf(order.granted),
      expires: dateEntryOf(order.expires),
    }));
  }
  return entries;
}

/** The last date an order's end or a planned separation may fall on (the contract's years). */
const FAR_FUTURE: IsoDate = `${LAST_YEAR}-12-31`;

function dateOf(entry: DateEntry | undefined, label: string, latest: IsoDate): IsoDate | undefined {
  if (entry === undefined) return undefined;
  const reading = readDateEntry(entry, label, latest);
  return reading.kind === "date" ? reading.date : undefined;
}

const WHOLE_NUMBER = /^\d+$/;

/**
 * The draft with these entries and the context they give: each field set when its entry is valid,
 * removed when it is blank, not known or not (yet) valid. Other context fields are left alone.
 */
export function withFacts<Draft extends { facts?: FactEntries | undefined; context?: CaseContext | undefined }>(
  draft: Draft,
  entries: FactEntries,
  today: IsoDate,
): Draft {
  const context: CaseContext = { ...(draft.context ?? {}) };
  const set = <K extends keyof CaseContext>(field: K, value: CaseContext[K] | undefined): void => {
    if (value === undefined) delete context[field];
    else context[field] = value;
  };
  set("newIncident", entries.newIncident === undefined ? undefined : entries.newIncident === "new");
  const callouts = entries.callouts?.trim() ?? "";
  set(
    "policeCallouts12m",
    WHOLE_NUMBER.test(callouts) && Number.isSafeInteger(Number(callouts)) ? Number(callouts) : undefined,
  );
  const maracDates = (entries.maracDates ?? [])
    .map((entry) => dateOf(entry, "MARAC date", today))
    .filter((date): date is IsoDate => date !== undefined);
  set("previousMaracDates", maracDates.length > 0 ? maracDates : undefined);
  const concerns = (entries.concerns ?? []).flatMap((concern) => {
    const date = dateOf(concern.date, "Concern date", today);
    const agency = concern.agency.trim();
    return date === undefined ? [] : [{ date, ...(agency ? { agency } : {}) }];
  });
  set("safeguardingConcerns", concerns.length > 0 ? concerns : undefined);
  set("movedArea", toBoolean(entries.movedArea));
  set("victimRetracted", toBoolean(entries.victimRetracted));
  const status = entries.separation;
  if (status === undefined || status === "not-known") {
    set("separation", undefined);
  } else {
    const date =
      status === "none" ? undefined : dateOf(entries.separationDate, "Date", status === "planned" ? FAR_FUTURE : today);
    set("separation", { ...(date === undefined ? {} : { date }), status });
  }
  const orders = (entries.orders ?? []).flatMap((order) => {
    if (order.type === "") return [];
    const granted = dateOf(order.granted, "Granted", today);
    const expires = dateOf(order.expires, "Ends", FAR_FUTURE);
    return [
      {
        type: order.type,
        ...(granted === undefined ? {} : { granted }),
        ...(expires === undefined ? {} : { expires }),
      },
    ];
  });
  set("protectiveOrders", orders.length > 0 ? orders : undefined);
  const facts = pruned(entries);
  const next = { ...draft, context };
  if (facts === undefined) delete next.facts;
  else next.facts = facts;
  return next;
}

/** Entries without empty lists or blank text, so an untouched page leaves no trace in the draft. */
function pruned(entries: FactEntries): FactEntries | undefined {
  const result: FactEntries = { ...entries };
  for (const key of ["maracDates", "concerns", "orders"] as const) {
    if (result[key]?.length === 0) delete result[key];
  }
  if (result.callouts?.trim() === "") delete result.callouts;
  if (result.separationDate !== undefined && isBlank(result.separationDate)) delete result.separationDate;
  return Object.keys(result).length > 0 ? result : undefined;
}

const isBlank = (entry: DateEntry): boolean => `${entry.day}${entry.month}${entry.year}`.trim() === "";

export interface FactIssue {
  page: FactPage;
  /** The control an error summary link moves to (a date's day box, as GOV.UK does). */
  fieldId: string;
  message: string;
}

/** The ids of the controls, shared by the pages and their errors. */
export const FACT_IDS = {
  newIncident: "fact-new-incident",
  callouts: "fact-callouts",
  marac: (index: number) => `fact-marac-${index}`,
  concernDate: (index: number) => `fact-concern-${index}-date`,
  concernAgency: (index: number) => `fact-concern-${index}-agency`,
  movedArea: "fact-moved-area",
  separation: "fact-separation",
  separationDate: "fact-separation-date",
  pregnant: "fact-pregnant",
  victimRetracted: "fact-retracted",
  checks: "fact-checks",
  history: "fact-history",
  orderType: (index: number) => `fact-order-${index}-type`,
  orderGranted: (index: number) => `fact-order-${index}-granted`,
  orderExpires: (index: number) => `fact-order-${index}-expires`,
  neverShare: "fact-never-share",
} as const;

/** Why a date entry cannot be used ("" when it is blank and may be), or undefined when it is fine. */
function dateProblem(entry: DateEntry | undefined, label: string, latest: IsoDate): string | undefined {
  if (entry === undefined) return undefined;
  const reading = readDateEntry(entry, label, latest);
  if (reading.kind === "invalid") {
    // readDateEntry's "must be in the past" reads wrongly for a date that may be today.
    return reading.message.endsWith("must be in the past") ? `${label} must be today or in the past` : reading.message;
  }
  return reading.kind === "empty" ? "" : undefined;
}

/** Every entry that cannot be recorded as it stands, with the GOV.UK message for it. */
export function factIssues(entries: FactEntries, today: IsoDate): FactIssue[] {
  const issues: FactIssue[] = [];
  const add = (page: FactPage, fieldId: string, message: string | undefined): void => {
    if (message) issues.push({ page, fieldId, message });
  };
  const callouts = entries.callouts?.trim() ?? "";
  if (callouts !== "" && !(WHOLE_NUMBER.test(callouts) && Number.isSafeInteger(Number(callouts)))) {
    add(
      "incident-history",
      FACT_IDS.callouts,
      "Enter the number of police call-outs as a whole number, for example 3, or leave it blank if not known",
    );
  }
  (entries.maracDates ?? []).forEach((entry, index) => {
    const label = `MARAC ${index + 1} date`;
    const problem = dateProblem(entry, label, today);
    add(
      "incident-history",
      `${FACT_IDS.marac(index)}-day`,
      problem === "" ? `Enter the date of MARAC ${index + 1}, or remove it` : problem,
    );
  });
  (entries.concerns ?? []).forEach((concern, index) => {
    const label = `Safeguarding concern ${index + 1} date`;
    const problem = dateProblem(concern.date, label, today);
    add(
      "incident-history",
      `${FACT_IDS.concernDate(index)}-day`,
      problem === "" ? `Enter the date safeguarding concern ${index + 1} was raised, or remove it` : problem,
    );
  });
  if (entries.separation === "recent" || entries.separation === "planned") {
    const latest = entries.separation === "planned" ? FAR_FUTURE : today;
    add(
      "victim-situation",
      `${FACT_IDS.separationDate}-day`,
      dateProblem(entries.separationDate, "Separation date", latest),
    );
  }
  (entries.orders ?? []).forEach((order, index) => {
    const n = index + 1;
    if (order.type === "")
      add("checks-and-orders", FACT_IDS.orderType(index), `Choose the type of order ${n}, or remove it`);
    const grantedProblem = dateProblem(order.granted, `Order ${n} date granted`, today);
    add("checks-and-orders", `${FACT_IDS.orderGranted(index)}-day`, grantedProblem);
    const expiresProblem = dateProblem(order.expires, `Order ${n} end date`, FAR_FUTURE);
    add("checks-and-orders", `${FACT_IDS.orderExpires(index)}-day`, expiresProblem);
    const granted = dateOf(order.granted, "Granted", today);
    const expires = dateOf(order.expires, "Ends", FAR_FUTURE);
    if (granted !== undefined && expires !== undefined && expires <= granted) {
      add(
        "checks-and-orders",
        `${FACT_IDS.orderExpires(index)}-day`,
        `Order ${n} end date must be after the date it was granted`,
      );
    }
  });
  return issues;
}

/** Reads stored entries defensively: anything not in the expected shape is dropped. */
export function readFactEntries(value: unknown): FactEntries | undefined {
  if (!isRecord(value)) return undefined;
  const entries: FactEntries = {};
  if (value.newIncident === "new" || value.newIncident === "review") entries.newIncident = value.newIncident;
  if (typeof value.callouts === "string") entries.callouts = value.callouts;
  const maracDates = listOf(value.maracDates, readDate);
  if (maracDates) entries.maracDates = maracDates;
  const concerns = listOf(value.concerns, (item) =>
    isRecord(item) ? { date: readDate(item.date) ?? emptyDateEntry(), agency: text(item.agency) } : undefined,
  );
  if (concerns) entries.concerns = concerns;
  const answer = (field: unknown): AnswerValue | undefined =>
    (ANSWER_VALUES as readonly unknown[]).includes(field) ? (field as AnswerValue) : undefined;
  const moved = answer(value.movedArea);
  if (moved) entries.movedArea = moved;
  const retracted = answer(value.victimRetracted);
  if (retracted) entries.victimRetracted = retracted;
  if (value.separation === "not-known" || (SEPARATION_STATUSES as readonly unknown[]).includes(value.separation)) {
    entries.separation = value.separation as SeparationChoice;
  }
  const separationDate = readDate(value.separationDate);
  if (separationDate) entries.separationDate = separationDate;
  const orders = listOf(value.orders, (item) => {
    if (!isRecord(item)) return undefined;
    const type: ProtectiveOrderType | "" = (PROTECTIVE_ORDER_TYPES as readonly unknown[]).includes(item.type)
      ? (item.type as ProtectiveOrderType)
      : "";
    return {
      type,
      granted: readDate(item.granted) ?? emptyDateEntry(),
      expires: readDate(item.expires) ?? emptyDateEntry(),
    };
  });
  if (orders) entries.orders = orders;
  return Object.keys(entries).length > 0 ? entries : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
function readDate(value: unknown): DateEntry | undefined {
  return isRecord(value) ? { day: text(value.day), month: text(value.month), year: text(value.year) } : undefined;
}
function listOf<T>(value: unknown, read: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map(read).filter((item): item is T => item !== undefined);
  return items.length > 0 ? items : undefined;
}
