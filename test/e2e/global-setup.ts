// Vitest globalSetup for the e2e run: build once, serve dist/ (and the team API) for every test file,
// close at the end.
import type { TestProject } from "vitest/node";
import { buildApp, startAppServer } from "./support/server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the app server, with a trailing slash, e.g. "http://127.0.0.1:41234/". */
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  await buildApp();
  const server = await startAppServer();
  console.log(`[e2e] built and serving dist/ at ${server.url} (${Date.now() - started} ms)`);
  project.provide("baseUrl", server.url);
  return async () => {
    await server.close();
  };
}
