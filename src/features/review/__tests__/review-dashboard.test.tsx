import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReviewCaseRow } from "../../../domain/review/dashboard-summary";
import { PAGE_SIZE, ReviewDashboard } from "../review-dashboard";

const NOW = new Date("2025-03-10T12:00:00.000Z");

function row(index: number, overrides: Partial<ReviewCaseRow> = {}): ReviewCaseRow {
  return {
    id: `${String(index).padStart(8, "0")}-case`,
    status: "open",
    createdAt: "2025-03-01T09:00:00.000Z",
    updatedAt: "2025-03-01T09:00:00.000Z",
    riskLevel: "standard",
    brag: "green",
    flags: [],
    qualityScore: 80,
    latestAssessedAt: "2025-03-01T10:00:00.000Z",
    author: "IDVA Ali",
    agency: "North IDVA Service",
    ...overrides,
  };
}

const CASES: ReviewCaseRow[] = [
  row(1, { riskLevel: "high", brag: "red", author: "PC Sam", agency: "Police" }),
  row(2, {
    riskLevel: "high",
    brag: "red",
    flags: ["marac-sent"],
    referralsSent: { marac: { sentAt: "2025-03-02T10:00:00.000Z", assessedAt: "2025-03-01T10:00:00.000Z" } },
  }),
  row(3, { riskLevel: "medium", brag: "amber", flags: ["s42-refer", "quality-missed:safe-contact"], qualityScore: 40 }),
  ...Array.from({ length: 30 }, (_, index) => row(10 + index)),
];

function renderDashboard(cases = CASES, props: Partial<Parameters<typeof ReviewDashboard>[0]> = {}) {
  const onOpenCase = vi.fn();
  const onTargetHoursChange = vi.fn();
  render(
    <ReviewDashboard
      cases={cases}
      targetHours={48}
      onOpenCase={onOpenCase}
      onTargetHoursChange={onTargetHoursChange}
      now={NOW}
      {...props}
    />,
  );
  return { onOpenCase, onTargetHoursChange };
}

afterEach(() => vi.restoreAllMocks());

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe("review dashboard", () => {
  it("shows the counts, each chart with its table, and the cases needing action now", () => {
    renderDashboard();
    expect(screen.getByRole("heading", { level: 1, name: "Review cases" })).toBeInTheDocument();
    const glance = screen.getByRole("region", { name: "At a glance" });
    expect(within(glance).getByText("Need action now").nextSibling).toHaveTextContent("2");

    const riskChart = screen.getByRole("figure", { name: "Cases by risk level" });
    const riskRows = within(riskChart)
      .getAllByRole("row")
      .map((tr) => tr.textContent);
    expect(riskRows).toEqual([
      "Risk levelCasesOf which",
      "High22 certainty not recorded",
      "Medium11 certainty not recorded",
      "Standard3030 certainty not recorded",
      "Not assessed yet0",
    ]);
    expect(screen.getByRole("figure", { name: "Cases by BRAG rating" })).toBeInTheDocument();
    expect(
      within(screen.getByRole("figure", { name: "How long MARAC referrals took after the assessment" })).getByRole(
        "row",
        { name: "24 to 48 hours 1" },
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole("figure", { name: "Quality checks most often missed" })).getByRole("row", {
        name: /Safe contact details recorded 1/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole("figure", { name: /Risk levels over time/ })).toBeInTheDocument();

    const action = screen.getByRole("region", { name: "Need action now" });
    const items = within(action)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(items[0]).toMatch(/Review case 1.*High risk: MARAC referral not sent/);
    expect(items[1]).toMatch(/s42 enquiry indicated: referral not sent/);
  });

  it("shows each level with its certainty in the table and how many are provisional in the charts' tables", () => {
    renderDashboard([
      row(1, { riskLevel: "standard", flags: ["level:basis:score", "level:provisional", "level:not-known:3"] }),
      row(2, { riskLevel: "standard", flags: ["level:basis:score", "level:complete"] }),
      row(3, { riskLevel: "high", flags: ["level:basis:rule-floor", "level:floor:strangulation", "level:complete"] }),
    ]);
    const riskChart = screen.getByRole("figure", { name: "Cases by risk level" });
    expect(within(riskChart).getByRole("row", { name: "Standard 2 1 provisional" })).toBeInTheDocument();
    expect(within(riskChart).getByRole("row", { name: "High 1 none provisional" })).toBeInTheDocument();
    const overTime = screen.getByRole("figure", { name: /Risk levels over time/ });
    expect(
      within(overTime).getByRole("row", { name: "Mar 2025 1 (none provisional) 0 2 (1 provisional)" }),
    ).toBeInTheDocument();

    const table = screen.getByRole("table", { name: /^Cases, page 1/ });
    expect(within(table).getByText("Standard — from the score; provisional: 3 not known")).toBeInTheDocument();
    expect(within(table).getByText("Standard — from the score")).toBeInTheDocument();
    expect(within(table).getByText("High — rule floor: strangulation")).toBeInTheDocument();
  });

  it("counts an overdue return after 'not safe to ask' as needing action, at the level observed", () => {
    const observedHigh = [
      "not-safe:risk:high",
      "not-safe:level:basis:rule-floor",
      "not-safe:level:floor:strangulation",
      "not-safe:level:observed",
      "not-safe:level:provisional",
    ];
    renderDashboard([
      // Not safe to ask and nothing recorded: no level, so only the overdue return can put it here.
      row(1, {
        riskLevel: null,
        latestAssessedAt: null,
        flags: ["not-safe:level:not-assessed", "not-safe:return-by:2025-03-09"],
      }),
      row(2, { riskLevel: null, latestAssessedAt: null, flags: [...observedHigh, "not-safe:return-by:2025-03-10"] }),
      row(3, {
        riskLevel: null,
        latestAssessedAt: null,
        flags: ["not-safe:level:not-assessed", "not-safe:return-by:2025-03-10"],
      }),
    ]);
    const glance = screen.getByRole("region", { name: "At a glance" });
    expect(within(glance).getByText("Need action now").nextSibling).toHaveTextContent("2");
    expect(within(glance).getByText("High risk").nextSibling).toHaveTextContent("1");
    const action = screen.getByRole("region", { name: "Need action now" });
    const items = within(action)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(items).toEqual([
      expect.stringMatching(/^Review case 2 — High risk: MARAC referral not sent/),
      expect.stringMatching(/^Review case 1 — Not safe to ask: the date to come back by \(9 March 2025\) has passed/),
    ]);

    const table = screen.getByRole("table", { name: /^Cases, page 1/ });
    const tableRow = (name: string) => within(table).getByRole("button", { name }).closest("tr")!;
    expect(tableRow("Review case 2")).toHaveTextContent(
      "High — observed, not asked; rule floor: strangulation; provisional; assessment not finished",
    );
    expect(tableRow("Review case 1")).toHaveTextContent("Not assessed yet — not safe to ask");
    expect(tableRow("Review case 1")).toHaveTextContent(
      "Not safe to ask: the date to come back by (9 March 2025) has passed",
    );
    // Due today is not overdue.
    expect(tableRow("Review case 3")).not.toHaveTextContent("has passed");
  });

  it("writes each chart's labels in full beside its bars, never cut short", () => {
    renderDashboard();
    // The drawing is hidden from assistive technology (its table is the text alternative), so it is
    // found by its class; what matters is the text a sighted manager reads beside each bar.
    const drawingOf = (name: RegExp | string) =>
      screen.getByRole("figure", { name }).querySelector(".review-chart__drawing")?.textContent ?? "";
    const missed = drawingOf("Quality checks most often missed");
    expect(missed).toContain("Safe contact details recorded");
    expect(missed).not.toContain("…");
    // Months keep their year.
    expect(drawingOf(/Risk levels over time/)).toContain("Mar 2025");
  });

  it("names each case as the case list does (by when it was started), never by its id", () => {
    renderDashboard([
      row(7, { createdAt: "2025-03-05T09:00:00.000Z", riskLevel: "high" }),
      row(8, { createdAt: "2025-02-01T09:00:00.000Z", riskLevel: "high" }),
    ]);
    const table = screen.getByRole("table", { name: /^Cases, page 1/ });
    const names = within(table)
      .getAllByRole("button", { name: /^Review case / })
      .map((button) => button.textContent);
    expect([...names].sort()).toEqual(["Review case 1", "Review case 2"]);
    expect(within(table).getByRole("row", { name: /^Review case 2 High/ })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/0000000[78]/);
  });

  it("opens a case for review from the needs-action list", async () => {
    const user = userEvent.setup();
    const { onOpenCase } = renderDashboard();
    await user.click(
      within(screen.getByRole("region", { name: "Need action now" })).getByRole("button", {
        name: "Review case 1",
      }),
    );
    expect(onOpenCase).toHaveBeenCalledWith("00000001-case");
  });

  it("pages through the list and filters it by risk, practitioner and needs-action", async () => {
    const user = userEvent.setup();
    renderDashboard();
    expect(screen.getByText(`Showing 1 to ${PAGE_SIZE} of ${CASES.length} cases`)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Next page" }));
    expect(
      screen.getByText(`Showing ${PAGE_SIZE + 1} to ${CASES.length} of ${CASES.length} cases`),
    ).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Risk level"), "high");
    expect(screen.getByText("Showing 1 to 2 of 2 cases")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Practitioner"), "PC Sam");
    const table = screen.getByRole("table", { name: /Cases, page 1 of 1/ });
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    // A filtered list keeps each case's name: it is the case's, not its place in the list.
    expect(within(table).getByRole("button", { name: "Review case 1" })).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Practitioner"), "");
    await user.selectOptions(screen.getByLabelText("Risk level"), "any");
    await user.click(screen.getByLabelText("Only cases needing action now"));
    expect(screen.getByText("Showing 1 to 2 of 2 cases")).toBeInTheDocument();
  });

  it("downloads the filtered list as CSV without identifying details", async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return "blob:review";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    renderDashboard();
    await user.selectOptions(screen.getByLabelText("Risk level"), "high");
    await user.click(screen.getByRole("button", { name: "Download this list as CSV" }));
    expect(blobs).toHaveLength(1);
    expect(downloads).toEqual(["safe-referral-review-2025-03-10.csv"]);
    const text = await readBlob(blobs[0]!);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Case reference,Status/);
    expect(lines[1]).toMatch(/^00000001,open/);
  });

  it("checks the referral target before using it", async () => {
    const user = userEvent.setup();
    const { onTargetHoursChange } = renderDashboard();
    const field = screen.getByLabelText("Referral target (hours)");
    await user.clear(field);
    await user.type(field, "0");
    await user.click(screen.getByRole("button", { name: "Set target" }));
    expect(screen.getByText("Enter a whole number of hours from 1 to 720")).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(onTargetHoursChange).not.toHaveBeenCalled();
    await user.clear(field);
    await user.type(field, "24");
    await user.click(screen.getByRole("button", { name: "Set target" }));
    expect(onTargetHoursChange).toHaveBeenCalledWith(24);
  });

  it("says so when there are no cases", () => {
    renderDashboard([]);
    expect(screen.getByText("No open case needs action now.")).toBeInTheDocument();
    expect(screen.getByText("No cases match these filters.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Download this list as CSV" })).toBeDisabled();
  });
});
