import { render, screen, within } from "@testing-library/react";
import { App } from "../app";

describe("App shell", () => {
  it("names the product in the header", () => {
    render(<App />);
    expect(within(screen.getByRole("banner")).getByText("Safe Referral")).toBeInTheDocument();
  });

  it("has one level-1 heading inside the main landmark", () => {
    render(<App />);
    const main = screen.getByRole("main");
    expect(within(main).getByRole("heading", { level: 1 })).toHaveTextContent(
      "Domestic abuse risk assessment and referral",
    );
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });

  it("starts with a skip link that targets the main landmark", () => {
    render(<App />);
    const skipLink = screen.getByRole("link", { name: "Skip to main content" });
    const main = screen.getByRole("main");

    expect(skipLink).toHaveAttribute("href", `#${main.id}`);
    expect(main).toHaveAttribute("tabindex", "-1");
    // First focusable element in the document, so keyboard users reach it with one Tab.
    expect(document.body.querySelector("a, button, input, select, textarea, [tabindex]:not([tabindex='-1'])")).toBe(
      skipLink,
    );
  });

  it("says the assessment screens are coming", () => {
    render(<App />);
    expect(screen.getByText(/assessment screens are being built/i)).toBeInTheDocument();
  });
});
