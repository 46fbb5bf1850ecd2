import { describe, expect, it } from "vitest";
import { readStatusForm, type StatusForm } from "../status-form-rules";

const TODAY = "2026-12-07";
const date = (day: string, month: string, year: string) => ({ day, month, year });
const form = (overrides: Partial<StatusForm>): StatusForm => ({
  stage: "received",
  meetingDate: date("", "", ""),
  actions: [],
  ...overrides,
});
const messages = (reading: ReturnType<typeof readStatusForm>) =>
  reading.ok ? [] : reading.problems.map((p) => p.message);

describe("readStatusForm", () => {
  it("asks for a stage", () => {
    expect(messages(readStatusForm(form({ stage: undefined }), TODAY))).toEqual(["Choose where this referral stands"]);
  });

  it("takes received with no date or actions", () => {
    expect(readStatusForm(form({ stage: "received", meetingDate: date("1", "1", "2020") }), TODAY)).toEqual({
      ok: true,
      status: { stage: "received", actions: [] },
    });
  });

  it("lists a referral only for a meeting today or later", () => {
    expect(messages(readStatusForm(form({ stage: "on-agenda" }), TODAY))).toEqual(["Enter the date of the meeting"]);
    expect(messages(readStatusForm(form({ stage: "on-agenda", meetingDate: date("6", "12", "2026") }), TODAY))).toEqual(
      ["The meeting date must be today or in the future. If it has been heard, choose heard at a meeting"],
    );
    expect(readStatusForm(form({ stage: "on-agenda", meetingDate: date("7", "12", "2026") }), TODAY)).toEqual({
      ok: true,
      status: { stage: "on-agenda", meetingDate: "2026-12-07", actions: [] },
    });
    expect(messages(readStatusForm(form({ stage: "on-agenda", meetingDate: date("31", "2", "2027") }), TODAY))).toEqual(
      ["The meeting date must be a real date"],
    );
  });

  it("records a hearing only today or earlier, with its actions (empty rows dropped, agency optional)", () => {
    expect(messages(readStatusForm(form({ stage: "heard", meetingDate: date("8", "12", "2026") }), TODAY))).toEqual([
      "The date it was heard must be today or in the past",
    ]);
    const reading = readStatusForm(
      form({
        stage: "heard",
        meetingDate: date("7", "12", "2026"),
        actions: [
          { text: " IDVA to call ", agency: "" },
          { text: "", agency: "" },
          { text: "Flag the address", agency: "Police" },
        ],
      }),
      TODAY,
    );
    expect(reading).toEqual({
      ok: true,
      status: {
        stage: "heard",
        meetingDate: "2026-12-07",
        actions: [{ text: "IDVA to call" }, { text: "Flag the address", agency: "Police" }],
      },
    });
  });

  it("refuses an action with only an agency, or longer than 500 characters, naming its row", () => {
    const reading = readStatusForm(
      form({
        stage: "heard",
        meetingDate: date("1", "12", "2026"),
        actions: [
          { text: "", agency: "Police" },
          { text: "x".repeat(501), agency: "" },
        ],
      }),
      TODAY,
    );
    expect(reading.ok ? [] : reading.problems).toEqual([
      { fieldId: "action-1", message: "Describe action 1, or remove it" },
      { fieldId: "action-2", message: "Action 2 must be 500 characters or fewer" },
    ]);
  });
});
