// helloWorldKbGz: the baseline of initialJsKbGz, measured the same way on a bare React 19 page.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build as viteBuild } from "vite";
import { CONFIG_FILE, ROOT, progress } from "../shared/helpers.mjs";
import { initialJsKbGz } from "../shared/initial-js.mjs";

/** A bare React 19 hello world, built with the project's own vite.config.ts (so the same plugins and settings). */
async function buildHelloWorld() {
  progress("building React hello world…");
  // Inside the project's node_modules so react / react-dom / react/jsx-runtime resolve to the same copies.
  const dir = path.join(ROOT, "node_modules", ".cache", "bench-hello");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "src"), { recursive: true });
  writeFileSync(
    path.join(dir, "index.html"),
    `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Hello</title><script type="module" src="/src/main.tsx"></script></head>
  <body><div id="root"></div></body>
</html>
`,
  );
  writeFileSync(
    path.join(dir, "src", "main.tsx"),
    `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <h1>Hello, world</h1>
  </StrictMode>,
);
`,
  );
  await viteBuild({ root: dir, configFile: CONFIG_FILE, logLevel: "warn", mode: "production" });
  const result = initialJsKbGz(path.join(dir, "dist"));
  rmSync(dir, { recursive: true, force: true });
  return result.kb;
}

export default {
  label: "hello-world build",
  keys: { helloWorldKbGz: 1 },
  measure: async () => ({ results: { helloWorldKbGz: await buildHelloWorld() } }),
  lines: ({ line }) => [line("helloWorldKbGz", "KB")],
};
