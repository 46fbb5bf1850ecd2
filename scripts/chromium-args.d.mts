/** Chromium flags known to work on this machine (see chromium-args.mjs). */
export const CHROMIUM_ARGS: readonly string[];
