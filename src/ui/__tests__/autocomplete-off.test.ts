// Issue 15 item 2: nothing typed may outlive the vault. Chromium keeps the state of every form control
// whose autocomplete is not "off" (what was typed, which radio or box is chosen) in its session files,
// in clear, through "Lock now", a normal exit and a crash. So every hand-written <input>, <textarea> and
// <select> under src says autocomplete="off" (or passes the prop on, as the kit does). The kit
// components default to "off" (kit-autocomplete.test.tsx checks the rendered
// attribute); this scan catches controls written by hand in any feature, present or future.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Controls in code another branch owns while this one is open (issue 15): each entry is
 * "file: how many controls lack it". Add autocomplete="off" there and remove the entry; the test fails
 * when an entry is out of date, so the list can only shrink.
 */
const AWAITING_FIX: Record<string, number> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "__tests__" ? [] : sourceFiles(full);
    return /\.(tsx|jsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The text of a JSX opening tag from `start` (its "<") to its closing ">", skipping braces, strings and comments. */
function openingTag(source: string, start: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let index = start + 1; index < source.length; index += 1) {
    const char = source[index];
    if (quote !== null) {
      if (char === quote && source[index - 1] !== "\\") quote = null;
    } else if (char === "/" && source[index + 1] === "/") {
      index = source.indexOf("\n", index);
    } else if (char === "/" && source[index + 1] === "*") {
      index = source.indexOf("*/", index) + 1;
    } else if (char === '"' || char === "'" || char === "`") {
      quote = char;
    } else if (char === "{") {
      depth += 1;
    } else if (char === "}") {
      depth -= 1;
    } else if (char === ">" && depth === 0) {
      return source.slice(start, index + 1);
    }
  }
  throw new Error(`Unterminated tag at ${start}: ${source.slice(start, start + 300)}`);
}

export interface Control {
  file: string;
  line: number;
  tag: string;
}

/** Every <input>, <textarea> and <select> in the source text with no autoComplete attribute. */
export function controlsWithoutAutocomplete(file: string, source: string): Control[] {
  const found: Control[] = [];
  for (const match of source.matchAll(/<(input|textarea|select)\b/g)) {
    const tag = openingTag(source, match.index);
    if (!/\bautoComplete=/.test(tag)) {
      const line = source.slice(0, match.index).split("\n").length;
      found.push({ file, line, tag: match[1] ?? "" });
    }
  }
  return found;
}

describe('every form control says autocomplete="off"', () => {
  const offenders = sourceFiles(SRC).flatMap((file) =>
    controlsWithoutAutocomplete(path.relative(SRC, file).split(path.sep).join("/"), readFileSync(file, "utf8")),
  );

  it("finds none outside the list awaiting a fix", () => {
    const unexpected = offenders.filter((control) => AWAITING_FIX[control.file] === undefined);
    expect(unexpected.map((control) => `src/${control.file}:${control.line} <${control.tag}>`)).toEqual([]);
  });

  it("keeps the awaiting list exact, so it only shrinks", () => {
    const counts: Record<string, number> = {};
    for (const control of offenders) {
      if (AWAITING_FIX[control.file] !== undefined) counts[control.file] = (counts[control.file] ?? 0) + 1;
    }
    expect(counts).toEqual(AWAITING_FIX);
  });

  it("sees through arrow functions and strings inside a tag", () => {
    const source = [
      "const a = <input id=\"x\" onChange={(event) => set(event.target.value > '>')} />; // it's",
      '<textarea\n  id="y"\n  // the browser\'s state\n  autoComplete="off"\n/>',
      "<select value={v}>",
    ].join("\n");
    expect(controlsWithoutAutocomplete("f.tsx", source)).toEqual([
      { file: "f.tsx", line: 1, tag: "input" },
      { file: "f.tsx", line: 7, tag: "select" },
    ]);
  });
});
