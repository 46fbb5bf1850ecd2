// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { readStorageReport } from "../persistent-storage";

describe("readStorageReport", () => {
  it("is all unknown without a StorageManager", async () => {
    expect(await readStorageReport(undefined)).toEqual({ persisted: null, usageBytes: null, quotaBytes: null });
  });

  it("reports persistence and the estimate, without ever asking for persistence", async () => {
    const persist = vi.fn(async () => true);
    const storage = { persisted: async () => false, estimate: async () => ({ usage: 1234, quota: 10_000 }), persist };
    expect(await readStorageReport(storage)).toEqual({ persisted: false, usageBytes: 1234, quotaBytes: 10_000 });
    expect(persist).not.toHaveBeenCalled();
  });

  it("keeps what it could read when one call throws", async () => {
    const storage = {
      persisted: async () => true,
      estimate: async (): Promise<StorageEstimate> => Promise.reject(new Error("nope")),
    };
    expect(await readStorageReport(storage)).toEqual({ persisted: true, usageBytes: null, quotaBytes: null });
  });
});
