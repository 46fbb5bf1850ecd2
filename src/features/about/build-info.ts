// The app's version, injected at build time by vite.config.ts (`define`) from package.json.
declare const __APP_VERSION__: string | undefined;

/** "development" where no build defined it (e.g. a unit test run without the define). */
export const APP_VERSION: string = typeof __APP_VERSION__ === "string" ? __APP_VERSION__ : "development";
