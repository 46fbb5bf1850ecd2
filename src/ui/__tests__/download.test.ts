// @vitest-environment jsdom
import { REVOKE_AFTER_MS, downloadContent } from "../download";

describe("downloadContent", () => {
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

    downloadContent("safe-referral-backup-2026-11-23.json", "application/json", "{}");

    expect(clicked).toEqual([
      { href: "blob:test/1", download: "safe-referral-backup-2026-11-23.json", attached: true },
    ]);
    expect(document.querySelector("a")).toBeNull();
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(REVOKE_AFTER_MS - 1);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:test/1");
  });
});
