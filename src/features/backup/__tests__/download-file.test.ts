// @vitest-environment jsdom
import { REVOKE_AFTER_MS, downloadFile } from "../download-file";

describe("downloadFile", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("clicks a temporary download link, removes it, and revokes the URL afterwards", () => {
    vi.useFakeTimers();
    URL.createObjectURL = vi.fn(() => "blob:test/1");
    URL.revokeObjectURL = vi.fn();
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: this.isConnected });
    });

    downloadFile({ fileName: "safe-referral-backup-2026-11-23.json", mimeType: "application/json", text: "{}" });

    expect(clicked).toEqual([{ href: "blob:test/1", download: "safe-referral-backup-2026-11-23.json", attached: true }]);
    expect(document.querySelector("a")).toBeNull();
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:test/1");
  });
});
