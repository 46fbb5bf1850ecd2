// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { requestPersistentStorage } from "../persistent-storage";

describe("requestPersistentStorage", () => {
  it('is "unsupported" without a StorageManager (e.g. Node, old browsers)', async () => {
    expect(await requestPersistentStorage(undefined)).toBe("unsupported");
  });

  it("does not ask again when storage is already persistent", async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistentStorage({ persisted: async () => true, persist })).toBe("granted");
    expect(persist).not.toHaveBeenCalled();
  });

  it("reports the browser’s answer", async () => {
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => true })).toBe("granted");
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => false })).toBe("denied");
  });

  it("treats a throwing implementation as unsupported", async () => {
    const broken = {
      persisted: async () => false,
      persist: async (): Promise<boolean> => Promise.reject(new Error("nope")),
    };
    expect(await requestPersistentStorage(broken)).toBe("unsupported");
  });
});
