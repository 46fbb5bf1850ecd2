import type { Plugin } from "esbuild";

/** esbuild plugin: Vite `?url` imports resolve to the hashed files the app build emitted into `distDir`/assets. */
export function builtAssetUrls(distDir: string): Plugin;
