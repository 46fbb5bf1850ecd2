// Local ESLint rule: no import cycles between the project's own files, type-only imports included.
//
// Why type-only imports count: `import type` vanishes from the JavaScript, but a type cycle still ties
// the two files together (neither can move or be understood alone), and it is one edit away from a
// runtime cycle whose failure (a value read before its module finished evaluating) only shows up at
// run time, depending on which file happens to load first.
//
// Graph: relative specifiers only (packages are ignored), resolved by path the way Vite and tsc do —
// the file itself, then .ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs, then <dir>/index.<ext>; "./x.js" also
// finds x.ts. Query strings ("./font.ttf?url") are dropped and non-code files are leaves. The file being
// linted contributes the imports in its AST (so unsaved editor text and lintText() count); every other
// file is read from disk and scanned with TypeScript's preProcessFile (a token scanner, no full parse).
//
// Reporting: within the strongly connected component of the linted file, the rule takes, for every
// import edge u → v inside it, the shortest path back v → … → u. Each such cycle is reported once, on the
// file of the cycle that sorts first, at its import of the next file, as `a → b → a`. So every import that
// takes part in a cycle appears in at least one message, and no cycle is reported twice (lint the whole
// tree, as `npm run lint` does, to see them all).
//
// Cache: the graph read from disk is kept for one lint run. A run ends when no file has been linted for
// RUN_IDLE_MS, so a long-lived process (an editor) sees disk changes after a second of quiet.

import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const RUN_IDLE_MS = 1000;
const CODE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
/** "./x.js" written for a TypeScript file (NodeNext style) names x.ts. */
const JS_TO_TS = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };

/** @type {{ lastUsed: number, edges: Map<string, string[]>, resolved: Map<string, string | null> } | null} */
let run = null;

function currentRun() {
  const now = Date.now();
  if (!run || now - run.lastUsed > RUN_IDLE_MS) run = { lastUsed: now, edges: new Map(), resolved: new Map() };
  run.lastUsed = now;
  return run;
}

/** @param {string} file */
function isFile(file) {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // ENOTDIR: a path through a file ("./styles.css/index.ts")
  }
}

/** @param {string} specifier */
function isRelative(specifier) {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../");
}

/**
 * The code file a relative specifier names, or null (a package, a missing file, a non-code asset).
 * @param {string} fromFile absolute
 * @param {string} rawSpecifier
 */
function resolve(fromFile, rawSpecifier) {
  const specifier = rawSpecifier.replace(/[?#].*$/s, "");
  if (!isRelative(specifier)) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const { resolved } = currentRun();
  if (resolved.has(base)) return resolved.get(base) ?? null;

  const ext = path.extname(base);
  /** @type {string[]} */
  const candidates = [];
  if (CODE_EXTENSIONS.includes(ext)) {
    candidates.push(base);
    for (const tsExt of JS_TO_TS[/** @type {keyof typeof JS_TO_TS} */ (ext)] ?? [])
      candidates.push(base.slice(0, -ext.length) + tsExt);
  }
  for (const codeExt of CODE_EXTENSIONS) candidates.push(base + codeExt);
  for (const codeExt of CODE_EXTENSIONS) candidates.push(path.join(base, `index${codeExt}`));
  const found = candidates.find(isFile) ?? null;
  resolved.set(base, found);
  return found;
}

/**
 * Files a file on disk imports (deduplicated, in source order), cached for the run.
 * @param {string} file absolute
 */
function diskEdges(file) {
  const { edges } = currentRun();
  let targets = edges.get(file);
  if (targets) return targets;
  targets = [];
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    // Unreadable: a leaf.
  }
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    const target = resolve(file, fileName);
    if (target && !targets.includes(target)) targets.push(target);
  }
  edges.set(file, targets);
  return targets;
}

/**
 * The strongly connected component of `start`: files it reaches that also reach it back.
 * @param {string} start
 * @param {(file: string) => string[]} edgesOf
 */
function componentOf(start, edgesOf) {
  const reached = new Set([start]);
  const stack = [start];
  /** @type {Map<string, string[]>} */
  const incoming = new Map();
  while (stack.length > 0) {
    const file = /** @type {string} */ (stack.pop());
    for (const target of edgesOf(file)) {
      if (!incoming.has(target)) incoming.set(target, []);
      /** @type {string[]} */ (incoming.get(target)).push(file);
      if (!reached.has(target)) {
        reached.add(target);
        stack.push(target);
      }
    }
  }
  const component = new Set([start]);
  const back = [start];
  while (back.length > 0) {
    const file = /** @type {string} */ (back.pop());
    for (const source of incoming.get(file) ?? []) {
      if (!component.has(source)) {
        component.add(source);
        back.push(source);
      }
    }
  }
  return component;
}

/**
 * Shortest path from `from` to `to` inside `within` (both ends included), or null.
 * @param {string} from
 * @param {string} to
 * @param {Set<string>} within
 * @param {(file: string) => string[]} edgesOf
 */
function shortestPath(from, to, within, edgesOf) {
  /** @type {Map<string, string | null>} */
  const parent = new Map([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const file = /** @type {string} */ (queue[i]);
    if (file === to) {
      const pathBack = [];
      for (let at = /** @type {string | null} */ (file); at !== null; at = parent.get(at) ?? null) pathBack.push(at);
      return pathBack.reverse();
    }
    for (const target of edgesOf(file)) {
      if (within.has(target) && !parent.has(target)) {
        parent.set(target, file);
        queue.push(target);
      }
    }
  }
  return null;
}

/** @type {import("eslint").Rule.RuleModule} */
export const importCycles = {
  meta: {
    type: "problem",
    docs: { description: "Forbid import cycles between project files, type-only imports included" },
    schema: [
      {
        type: "object",
        properties: { root: { type: "string" } },
        additionalProperties: false,
      },
    ],
    messages: {
      cycle:
        "Import cycle: {{cycle}}. Type-only imports count too; move what the files share into a file that imports neither.",
    },
  },
  create(context) {
    if (context.filename.startsWith("<")) return {}; // lintText() without a file path
    const root = context.options[0]?.root ?? context.cwd;
    const filename = path.resolve(context.cwd, context.filename);
    /** @type {{ node: import("estree").Node, target: string }[]} */
    const imports = [];

    /**
     * @param {import("estree").Node} node
     * @param {unknown} value
     */
    function collect(node, value) {
      if (typeof value !== "string") return;
      const target = resolve(filename, value);
      if (target) imports.push({ node, target });
    }
    /** @param {any} node */
    const fromSource = (node) => {
      if (node.source && node.source.type === "Literal") collect(node.source, node.source.value);
    };

    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: fromSource,
      /** @param {any} node `import("x").T` in type positions */
      TSImportType(node) {
        // typescript-eslint 8 names it `source` (`argument`, a TSLiteralType, is deprecated).
        const arg = "source" in node ? node.source : node.argument;
        const literal = arg && arg.type === "TSLiteralType" ? arg.literal : arg;
        if (literal && literal.type === "Literal") collect(literal, literal.value);
      },
      /** @param {any} node `import x = require("x")` */
      TSExternalModuleReference(node) {
        if (node.expression && node.expression.type === "Literal") collect(node.expression, node.expression.value);
      },
      "Program:exit"() {
        if (imports.length === 0) return;
        const ownEdges = [...new Set(imports.map((entry) => entry.target))];
        /** @param {string} file */
        const edgesOf = (file) => (file === filename ? ownEdges : diskEdges(file));
        const component = componentOf(filename, edgesOf);
        if (component.size === 1 && !ownEdges.includes(filename)) return;

        /** @param {string} file */
        const display = (file) => path.relative(root, file).split(path.sep).join("/");
        // Every import edge inside the component closes its shortest cycle; keep each cycle once,
        // rotated to start at the file that sorts first.
        /** @type {Map<string, string[]>} */
        const cycles = new Map();
        for (const from of [...component].sort()) {
          for (const to of edgesOf(from)) {
            if (!component.has(to)) continue;
            const back = shortestPath(to, from, component, edgesOf);
            if (!back) continue;
            const ring = [from, ...back.slice(0, -1)];
            const first = ring.reduce(
              (best, file, i) => (display(file) < display(/** @type {string} */ (ring[best])) ? i : best),
              0,
            );
            const rotated = [...ring.slice(first), ...ring.slice(0, first)];
            const key = rotated.join("\0");
            if (!cycles.has(key)) cycles.set(key, rotated);
          }
        }
        for (const ring of cycles.values()) {
          if (ring[0] !== filename) continue;
          const next = ring.length > 1 ? ring[1] : filename;
          const at = imports.find((entry) => entry.target === next);
          if (!at) continue;
          context.report({
            node: at.node,
            messageId: "cycle",
            data: { cycle: [...ring, filename].map(display).join(" → ") },
          });
        }
      },
    };
  },
};

export default {
  meta: { name: "safe-referral-import-cycles" },
  rules: { "import-cycles": importCycles },
};
