// The service worker never answers or stores the team API: navigations to /api are not given the app
// shell, and no runtime caching exists for any URL (so no API response is ever kept).
import { WORKBOX_OPTIONS } from "../../vite.config";

describe("service worker and the team API", () => {
  it("denies the navigation fallback for /api and everything under it", () => {
    const denied = (url: string) => WORKBOX_OPTIONS.navigateFallbackDenylist.some((pattern) => pattern.test(url));
    for (const url of ["/api", "/api/", "/api/health", "/api/envelopes?after=3", "/api/devices/x/approve"]) {
      expect(denied(url), url).toBe(true);
    }
    for (const url of ["/", "/cases", "/apiary", "/review/api"]) expect(denied(url), url).toBe(false);
  });

  it("has no runtime caching at all, and precaches only built files", () => {
    expect("runtimeCaching" in WORKBOX_OPTIONS).toBe(false);
    expect(WORKBOX_OPTIONS.globPatterns).toEqual(["**/*.{js,css,html,svg,png,webmanifest,ttf}"]);
  });
});
