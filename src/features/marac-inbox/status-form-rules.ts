// Reading the coordinator's status form: where a referral stands, the meeting's date, and the actions
// agreed. A meeting it is listed for is today or later (a past meeting is "heard", or a mistake); the
// meeting it was heard at is today or earlier. Each problem names the field it belongs to.
import { readDateEntry } from "../../domain/case-record/date-entry";
import type { DateEntry } from "../../domain/case-record/case-details";
import type { IsoDate } from "../../domain/dates";
import type { MaracAction, MaracStage } from "../../storage/sync/marac-records-api";

export type CoordinatorStage = Exclude<MaracStage, "sent">;

export const ACTION_MAX = 500;

export interface ActionRow {
  text: string;
  agency: string;
}

export interface StatusForm {
  stage: CoordinatorStage | undefined;
  meetingDate: DateEntry;
  actions: ActionRow[];
}

export interface StatusProblem {
  fieldId: string;
  message: string;
}

export const STATUS_FIELD_IDS = {
  stage: "marac-stage",
  meetingDate: "meeting-date",
  action: (index: number) => `action-${index + 1}`,
} as const;

export type StatusReading =
  | { ok: true; status: { stage: CoordinatorStage; meetingDate?: IsoDate; actions: MaracAction[] } }
  | { ok: false; problems: StatusProblem[] };

/** The form as the coordinator filled it in, checked; `today` is the London date. */
export function readStatusForm(form: StatusForm, today: IsoDate): StatusReading {
  const problems: StatusProblem[] = [];
  if (form.stage === undefined) {
    return { ok: false, problems: [{ fieldId: STATUS_FIELD_IDS.stage, message: "Choose where this referral stands" }] };
  }
  if (form.stage === "received") return { ok: true, status: { stage: "received", actions: [] } };

  const label = form.stage === "on-agenda" ? "The meeting date" : "The date it was heard";
  // readDateEntry refuses any future date (it reads dates of birth); a far "today" lets this rule decide.
  const reading = readDateEntry(form.meetingDate, label, "9999-12-31");
  let meetingDate: IsoDate | undefined;
  if (reading.kind === "empty") {
    problems.push({
      fieldId: `${STATUS_FIELD_IDS.meetingDate}-day`,
      message: form.stage === "on-agenda" ? "Enter the date of the meeting" : "Enter the date it was heard",
    });
  } else if (reading.kind === "invalid") {
    problems.push({ fieldId: `${STATUS_FIELD_IDS.meetingDate}-day`, message: reading.message });
  } else if (form.stage === "on-agenda" && reading.date < today) {
    problems.push({
      fieldId: `${STATUS_FIELD_IDS.meetingDate}-day`,
      message: "The meeting date must be today or in the future. If it has been heard, choose heard at a meeting",
    });
  } else if (form.stage === "heard" && reading.date > today) {
    problems.push({
      fieldId: `${STATUS_FIELD_IDS.meetingDate}-day`,
      message: "The date it was heard must be today or in the past",
    });
  } else {
    meetingDate = reading.date;
  }

  const actions: MaracAction[] = [];
  if (form.stage === "heard") {
    form.actions.forEach((row, index) => {
      const text = row.text.trim();
      const agency = row.agency.trim();
      if (text === "" && agency === "") return;
      if (text === "") {
        problems.push({
          fieldId: STATUS_FIELD_IDS.action(index),
          message: `Describe action ${index + 1}, or remove it`,
        });
      } else if (text.length > ACTION_MAX) {
        problems.push({
          fieldId: STATUS_FIELD_IDS.action(index),
          message: `Action ${index + 1} must be ${ACTION_MAX} characters or fewer`,
        });
      } else {
        actions.push({ text, ...(agency === "" ? {} : { agency }) });
      }
    });
  }
  if (problems.length > 0 || meetingDate === undefined) return { ok: false, problems };
  return { ok: true, status: { stage: form.stage, meetingDate, actions } };
}
