import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../../domain/policy";
import { QUESTION_SETS } from "../../../domain/question-sets/question-set-registry";
import { AboutScreen, formatBytes } from "../about-screen";

function valueOf(term: string): string {
  const row = screen.getByText(term, { selector: "dt" }).closest("div")!;
  return within(row).getByRole("definition").textContent ?? "";
}

describe("AboutScreen", () => {
  it("shows the app, question-set and policy versions and the storage status", async () => {
    render(
      <AboutScreen
        appVersion="9.8.7"
        offlineReady
        readStorage={async () => ({ persisted: true, usageBytes: 5 * 1024 * 1024, quotaBytes: 2 * 1024 * 1024 * 1024 })}
      />,
    );
    expect(screen.getByRole("heading", { level: 1, name: "About Safe Referral" })).toBeInTheDocument();
    expect(valueOf("App version")).toBe("9.8.7");
    expect(valueOf(QUESTION_SETS["dash-ric-24"].title)).toBe(
      `dash-ric-24, version ${QUESTION_SETS["dash-ric-24"].version}`,
    );
    expect(valueOf("Risk policy")).toBe(`${DEFAULT_POLICY.name}, version ${DEFAULT_POLICY.version}`);
    expect(valueOf("Offline use")).toMatch(/^Ready/);
    expect(await screen.findByText(/^Kept: the browser will not clear it/)).toBeInTheDocument();
    expect(valueOf("Space used")).toBe("5 MB used of about 2 GB available");
  });

  it("warns when storage is not persistent, and says when the browser cannot tell", async () => {
    render(
      <AboutScreen
        offlineReady={false}
        readStorage={async () => ({ persisted: false, usageBytes: null, quotaBytes: null })}
      />,
    );
    expect(await screen.findByText(/^Not guaranteed: the browser may clear it/)).toBeInTheDocument();
    expect(valueOf("Space used")).toMatch(/^Not known/);
    expect(valueOf("Offline use")).toMatch(/^Not ready yet/);
  });

  it("formats sizes", () => {
    expect(formatBytes(512)).toBe("0.5 KB");
    expect(formatBytes(1536 * 1024)).toBe("1.5 MB");
  });
});
