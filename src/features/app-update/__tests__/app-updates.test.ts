// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { AppUpdates, type ServiceWorkerLike } from "../app-updates";

type Listener = (event: { isUpdate?: boolean; isExternal?: boolean }) => void;

/** A hand-driven stand-in for workbox-window's Workbox. */
function fakeWorker() {
  const listeners = new Map<string, Listener[]>();
  const worker: ServiceWorkerLike & {
    emit: (type: string, event?: { isUpdate?: boolean; isExternal?: boolean }) => void;
  } = {
    addEventListener: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    register: vi.fn(async () => undefined),
    update: vi.fn(async () => undefined),
    messageSkipWaiting: vi.fn(),
    emit: (type, event = {}) => {
      for (const listener of listeners.get(type) ?? []) listener(event);
    },
  };
  return worker;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("AppUpdates", () => {
  it("announces a waiting version and does nothing more until asked", async () => {
    const reload = vi.fn();
    const updates = new AppUpdates({ reload });
    const worker = fakeWorker();
    const seen: string[] = [];
    updates.subscribe(() => seen.push(updates.status));
    await updates.attach(worker);
    expect(updates.status).toBe("current");
    worker.emit("waiting");
    expect(seen).toEqual(["waiting"]);
    expect(worker.messageSkipWaiting).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });

  it("saves first, then activates the new version, saves again and reloads once it controls the page", async () => {
    const reload = vi.fn();
    const updates = new AppUpdates({ reload });
    const worker = fakeWorker();
    await updates.attach(worker);
    worker.emit("waiting");
    const order: string[] = [];
    vi.mocked(worker.messageSkipWaiting).mockImplementation(() => order.push("skip waiting"));
    reload.mockImplementation(() => order.push("reload"));
    await updates.applyUpdate(async () => {
      order.push("save");
    });
    expect(updates.status).toBe("updating");
    expect(order).toEqual(["save", "skip waiting"]);
    worker.emit("controlling", { isUpdate: true });
    worker.emit("activated", { isUpdate: true }); // both may fire: still one reload
    await tick();
    expect(order).toEqual(["save", "skip waiting", "save", "reload"]);
  });

  it("does not activate the new version when saving fails, and lets the practitioner try again", async () => {
    const reload = vi.fn();
    const updates = new AppUpdates({ reload });
    const worker = fakeWorker();
    await updates.attach(worker);
    worker.emit("waiting");
    await expect(updates.applyUpdate(() => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
    expect(updates.status).toBe("save-failed");
    expect(worker.messageSkipWaiting).not.toHaveBeenCalled();
    await updates.applyUpdate(async () => undefined);
    expect(worker.messageSkipWaiting).toHaveBeenCalledTimes(1);
  });

  it("offers a reload when another tab put the new version in charge, without reloading by itself", async () => {
    const reload = vi.fn();
    const updates = new AppUpdates({ reload });
    const worker = fakeWorker();
    await updates.attach(worker);
    worker.emit("controlling", { isUpdate: true, isExternal: true });
    expect(updates.status).toBe("waiting");
    expect(reload).not.toHaveBeenCalled();
    const save = vi.fn(async () => undefined);
    await updates.applyUpdate(save);
    await tick();
    expect(save).toHaveBeenCalled();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("says nothing when the very first worker takes control (first visit: the same build)", async () => {
    const reload = vi.fn();
    const updates = new AppUpdates({ reload });
    const worker = fakeWorker();
    await updates.attach(worker);
    worker.emit("activated", { isUpdate: false });
    worker.emit("controlling", { isUpdate: false, isExternal: false });
    expect(updates.status).toBe("current");
    expect(reload).not.toHaveBeenCalled();
  });

  it("checks for updates without throwing when offline", async () => {
    const updates = new AppUpdates({ reload: vi.fn() });
    const worker = fakeWorker();
    vi.mocked(worker.update).mockRejectedValue(new TypeError("Failed to fetch"));
    await updates.attach(worker);
    await expect(updates.checkForUpdate()).resolves.toBeUndefined();
  });
});
