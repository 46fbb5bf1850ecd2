import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { AppUpdates, type ServiceWorkerLike } from "../app-updates";
import { OfflineIndicator } from "../offline-indicator";
import { UpdateBanner } from "../update-banner";

function waitingUpdates() {
  let emitWaiting = (): void => undefined;
  const worker: ServiceWorkerLike = {
    addEventListener: (type, listener) => {
      if (type === "waiting") emitWaiting = () => listener({});
    },
    register: async () => undefined,
    update: async () => undefined,
    messageSkipWaiting: vi.fn(),
  };
  const updates = new AppUpdates({ reload: vi.fn() });
  return { updates, worker, emitWaiting: () => emitWaiting() };
}

describe("UpdateBanner", () => {
  it("stays silent until a new version waits, then announces it politely", async () => {
    const { updates, worker, emitWaiting } = waitingUpdates();
    await updates.attach(worker);
    render(<UpdateBanner updates={updates} saveEverything={async () => undefined} />);
    expect(screen.getByRole("status")).toHaveTextContent("");
    expect(screen.queryByRole("button")).toBeNull();
    act(() => emitWaiting());
    expect(screen.getByRole("status")).toHaveTextContent(/A new version of Safe Referral is ready/);
    expect(screen.getByRole("button", { name: "Update now" })).toBeInTheDocument();
  });

  it("saves everything before activating the new version", async () => {
    const { updates, worker, emitWaiting } = waitingUpdates();
    await updates.attach(worker);
    const order: string[] = [];
    vi.mocked(worker.messageSkipWaiting).mockImplementation(() => order.push("activate"));
    render(<UpdateBanner updates={updates} saveEverything={async () => void order.push("save")} />);
    act(() => emitWaiting());
    await userEvent.click(screen.getByRole("button", { name: "Update now" }));
    expect(order).toEqual(["save", "activate"]);
    expect(screen.getByRole("status")).toHaveTextContent(/Saving your work, then loading the new version/);
  });

  it("keeps the current version and says so when saving fails", async () => {
    const { updates, worker, emitWaiting } = waitingUpdates();
    await updates.attach(worker);
    render(<UpdateBanner updates={updates} saveEverything={() => Promise.reject(new Error("disk full"))} />);
    act(() => emitWaiting());
    await userEvent.click(screen.getByRole("button", { name: "Update now" }));
    expect(worker.messageSkipWaiting).not.toHaveBeenCalled();
    expect(screen.getByRole("status")).toHaveTextContent(/could not be saved, so the new version has not been loaded/);
    expect(screen.getByRole("button", { name: "Try the update again" })).toBeInTheDocument();
  });

  it("can be put off with Later", async () => {
    const { updates, worker, emitWaiting } = waitingUpdates();
    await updates.attach(worker);
    render(<UpdateBanner updates={updates} saveEverything={async () => undefined} />);
    act(() => emitWaiting());
    await userEvent.click(screen.getByRole("button", { name: "Later" }));
    expect(screen.getByRole("status")).toHaveTextContent("");
    expect(worker.messageSkipWaiting).not.toHaveBeenCalled();
  });
});

describe("OfflineIndicator", () => {
  it("says when the device goes offline and clears when it is back", () => {
    const onLine = vi.spyOn(window.navigator, "onLine", "get");
    try {
      onLine.mockReturnValue(true);
      render(<OfflineIndicator />);
      expect(screen.getByRole("status")).toHaveTextContent("");
      onLine.mockReturnValue(false);
      act(() => void window.dispatchEvent(new Event("offline")));
      expect(screen.getByRole("status")).toHaveTextContent(/You are offline/);
      onLine.mockReturnValue(true);
      act(() => void window.dispatchEvent(new Event("online")));
      expect(screen.getByRole("status")).toHaveTextContent("");
    } finally {
      onLine.mockRestore();
    }
  });
});
