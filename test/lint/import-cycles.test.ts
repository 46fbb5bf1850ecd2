// Proves local/import-cycles (eslint/import-cycles.js) bites. A cycle spans files, so these tests write
// small projects to a temporary folder and lint them from disk with only that rule switched on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { importCycles } from "../../eslint/import-cycles.js";

const RULE = "local/import-cycles";
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), "import-cycles-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let projects = 0;
/** Writes `files` into a fresh folder; returns its path. */
function project(files: Record<string, string>) {
  const dir = path.join(scratch, `p${++projects}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function eslintIn(dir: string) {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.{ts,tsx,js,mjs}"],
        languageOptions: { parser: tseslint.parser },
        plugins: { local: { rules: { "import-cycles": importCycles } } },
        rules: { [RULE]: ["error", { root: dir }] },
      },
    ],
  });
}

/** Lints the whole folder; returns every message as `file:line message`. */
async function lintProject(dir: string) {
  const results = await eslintIn(dir).lintFiles(["."]);
  return results
    .flatMap((result) =>
      result.messages.map((m) => {
        expect(m.ruleId).toBe(RULE);
        return `${path.relative(dir, result.filePath).split(path.sep).join("/")}:${m.line} ${m.message}`;
      }),
    )
    .sort();
}

/** A message of the rule: `ring` is the cycle as printed; `at` (`file:line`) where it is reported. */
const cycle = (ring: string, at = "") => expect.stringContaining(`${at}${at ? " " : ""}Import cycle: ${ring}.`);

describe("import cycles", () => {
  it("is switched on as an error for src, test and scripts files", async () => {
    const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: "eslint.config.js" });
    for (const file of ["src/storage/db.ts", "src/app/app.tsx", "test/lint/x.test.ts", "scripts/bench/run.mjs"]) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules: Record<string, unknown[]> };
      expect(config.rules[RULE]?.[0]).toBe(2);
    }
  });

  it("reports a 2-file cycle once, on the file that sorts first", async () => {
    const dir = project({
      "a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
      "b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
    });
    expect(await lintProject(dir)).toEqual([cycle("a.ts → b.ts → a.ts", "a.ts:1")]);
  });

  it("reports a 3-file cycle once, across folders and index files", async () => {
    const dir = project({
      "src/a.ts": 'export { b } from "./lib/b.js";\nexport const a = 1;\n',
      "src/lib/b.ts": 'import { c } from "../c";\nexport const b = c;\n',
      "src/c/index.tsx": 'import { a } from "../a";\nexport const c = a;\n',
    });
    expect(await lintProject(dir)).toEqual([
      cycle("src/a.ts → src/lib/b.ts → src/c/index.tsx → src/a.ts", "src/a.ts:1"),
    ]);
  });

  it("counts type-only imports and exports", async () => {
    const dir = project({
      "db.ts":
        'import type { Action } from "./audit";\nexport interface Row { action: Action }\nexport const open = 1;\n',
      "audit.ts":
        'import { open, type Row } from "./db";\nexport type Action = "view";\nexport const log = (r: Row) => open + r.action.length;\n',
      "x.ts": 'export type { Y } from "./y";\nexport type X = 1;\n',
      "y.ts": 'export type Y = import("./x").X;\n',
    });
    expect(await lintProject(dir)).toEqual([
      cycle("audit.ts → db.ts → audit.ts", "audit.ts:1"),
      cycle("x.ts → y.ts → x.ts", "x.ts:1"),
    ]);
  });

  it("does not report a diamond, shared leaves, packages or missing files", async () => {
    const dir = project({
      "top.ts": 'import { left } from "./left";\nimport { right } from "./right";\nexport const top = [left, right];\n',
      "left.ts": 'import { bottom } from "./bottom";\nimport { z } from "zod";\nexport const left = [bottom, z];\n',
      "right.ts":
        'import type { Bottom } from "./bottom";\nimport "./styles.css";\nexport const right: Bottom[] = [];\n',
      "bottom.ts": 'import { gone } from "./not-there";\nexport type Bottom = 1;\nexport const bottom = gone;\n',
      "styles.css": "top { color: red }\n",
    });
    expect(await lintProject(dir)).toEqual([]);
  });

  it("reports every cycle of a tangle, each once, and a file importing itself", async () => {
    // a ⇄ b and a → c → b → a share the edge b → a: two cycles.
    const dir = project({
      "a.ts": 'import "./b";\nimport "./c";\n',
      "b.ts": 'import "./a";\n',
      "c.ts": 'import "./b";\n',
      "self.ts": 'import "./self";\n',
    });
    expect(await lintProject(dir)).toEqual([
      cycle("a.ts → b.ts → a.ts", "a.ts:1"),
      cycle("a.ts → c.ts → b.ts → a.ts", "a.ts:2"),
      cycle("self.ts → self.ts", "self.ts:1"),
    ]);
  });

  it("takes the linted file's own imports from its text, not from the disk copy", async () => {
    const dir = project({
      "a.ts": "export const a = 1;\n",
      "b.ts": 'import { a } from "./a";\nexport const b = a;\n',
    });
    const [result] = await eslintIn(dir).lintText('import { b } from "./b";\nexport const a = b;\n', {
      filePath: path.join(dir, "a.ts"),
    });
    expect(result?.messages.map((m) => m.message)).toEqual([cycle("a.ts → b.ts → a.ts")]);
  });

  it("reads the disk again in a later lint run", async () => {
    const dir = project({
      "a.ts": 'import { b } from "./b";\nexport const a = 1;\n',
      "b.ts": "export const b = 1;\n",
    });
    expect(await lintProject(dir)).toEqual([]);
    writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = a;\n');
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 60_000); // well past the rule's idle gap between runs
      expect(await lintProject(dir)).toEqual([cycle("a.ts → b.ts → a.ts")]);
    } finally {
      vi.useRealTimers();
    }
  });
});
