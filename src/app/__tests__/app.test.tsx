import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { render, screen, within } from "@testing-library/react";
import { openDatabase } from "../../storage/db";
import { Vault } from "../../storage/vault";
import { App } from "../app";

function freshVault(): Vault {
  return new Vault({ db: openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange }), iterations: 1_000 });
}

describe("App shell", () => {
  it("names the product in the header", () => {
    render(<App vault={freshVault()} />);
    expect(within(screen.getByRole("banner")).getByText("Safe Referral")).toBeInTheDocument();
  });

  it("has one level-1 heading inside the main landmark", async () => {
    render(<App vault={freshVault()} />);
    const main = screen.getByRole("main");
    expect(await within(main).findByRole("heading", { level: 1 })).toHaveTextContent("Set up Safe Referral on this device");
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });

  it("starts with a skip link that targets the main landmark", async () => {
    render(<App vault={freshVault()} />);
    await screen.findByRole("heading", { level: 1 });
    const skipLink = screen.getByRole("link", { name: "Skip to main content" });
    const main = screen.getByRole("main");

    expect(skipLink).toHaveAttribute("href", `#${main.id}`);
    expect(main).toHaveAttribute("tabindex", "-1");
    // First focusable element in the document, so keyboard users reach it with one Tab.
    expect(document.body.querySelector("a, button, input, select, textarea, [tabindex]:not([tabindex='-1'])")).toBe(
      skipLink,
    );
  });

  it("keeps the immediate-danger advice on the first screen", async () => {
    render(<App vault={freshVault()} />);
    expect(await screen.findByRole("heading", { name: "If someone is in immediate danger" })).toBeInTheDocument();
  });
});
