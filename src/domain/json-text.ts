import { formatPath, type ValidationIssue } from "./validation-issues";

// Reading case and policy files from their bytes (case-format.md, "Validation"): the bytes must be
// UTF-8 (invalid UTF-8 is refused, saying where), a leading byte-order mark is ignored, and a key
// repeated within one object is refused, naming its path. JSON.parse alone silently replaces bad
// bytes (when the file is read as text) and lets the last of two equal keys win, which could
// turn a "yes" into a "no" without anyone noticing.

const BYTE_ORDER_MARK = "\uFEFF";

// ignoreBOM: true keeps a byte-order mark in the text, so only a leading one is dropped (by the
// caller, explicitly); fatal: true makes invalid UTF-8 an error instead of U+FFFD.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export type Utf8Result = { ok: true; text: string } | { ok: false; message: string };

/** Strict UTF-8 decoding of a whole file; a leading byte-order mark is dropped. */
export function decodeUtf8File(bytes: Uint8Array): Utf8Result {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, message: describeInvalidUtf8(bytes) };
  }
  return { ok: true, text: stripByteOrderMark(text) };
}

export function stripByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/**
 * The lines of a `--jsonl` file (split at "\n", a trailing "\r" dropped): each is its text, or,
 * when that line's bytes are not UTF-8, a message saying where. A byte-order mark is dropped at
 * the start of the file only. The whole file is decoded at once in the usual case; lines are
 * decoded one by one only when it holds invalid UTF-8, so one bad line does not lose the others.
 */
export function decodeUtf8Lines(bytes: Uint8Array): Array<string | { invalidUtf8: string }> {
  const whole = decodeUtf8File(bytes);
  if (whole.ok) return whole.text.split("\n").map(dropCarriageReturn);
  const lines: Array<string | { invalidUtf8: string }> = [];
  let start = 0;
  // 0x0A never occurs inside a multi-byte UTF-8 sequence, so splitting the bytes is safe.
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const lineBytes = bytes.subarray(start, end);
    try {
      const text = strictUtf8.decode(lineBytes);
      lines.push(dropCarriageReturn(start === 0 ? stripByteOrderMark(text) : text));
    } catch {
      lines.push({ invalidUtf8: describeInvalidUtf8(lineBytes, false) });
    }
    start = end + 1;
  }
  return lines;
}

const dropCarriageReturn = (line: string) => (line.endsWith("\r") ? line.slice(0, -1) : line);

/** Where the first invalid UTF-8 sequence is: byte offset (from 1), and line when asked. */
export function describeInvalidUtf8(bytes: Uint8Array, withLine = true): string {
  const offset = firstInvalidUtf8Offset(bytes);
  if (offset === -1) return "not valid UTF-8";
  let where = `at byte ${offset + 1}`;
  if (withLine) {
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    where += ` (line ${line})`;
  }
  const shown = Array.from(bytes.subarray(offset, Math.min(offset + 4, bytes.length)), (b) =>
    b.toString(16).toUpperCase().padStart(2, "0"),
  ).join(" ");
  return `not valid UTF-8 ${where}: bytes ${shown}; save the file as UTF-8`;
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence, or -1. The same rules as
 * TextDecoder's fatal mode (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + need >= n) return i; // truncated at the end
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

export type JsonTextResult =
  { ok: true; value: unknown; repeatedKeys: ValidationIssue[] } | { ok: false; message: string };

/** JSON.parse, plus every key repeated within one object, as issues at the repeated key's path. */
export function parseJsonText(text: string): JsonTextResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  // Fast path: JSON.parse keeps one property per distinct key, so when the text has as many keys as
  // the parsed value has properties, nothing was repeated. Only otherwise are the paths worked out.
  if (countKeysInText(text) === countProperties(value)) return { ok: true, value, repeatedKeys: [] };
  const repeatedKeys = findRepeatedKeys(text).map((path) => ({
    path: formatPath(path),
    message: "this key appears more than once in the same object; keep one (the last must never silently win)",
  }));
  return { ok: true, value, repeatedKeys };
}

/** How many keys a valid JSON text holds: strings followed (after any whitespace) by a colon. */
export function countKeysInText(text: string): number {
  let count = 0;
  let from = 0;
  for (;;) {
    const open = text.indexOf('"', from);
    if (open === -1) return count;
    let next = closingQuote(text, open) + 1;
    let c = text.charCodeAt(next);
    while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = text.charCodeAt(++next);
    if (c === COLON) count++;
    from = next;
  }
}

/** How many properties the objects of a parsed JSON value hold, all levels together (no recursion). */
export function countProperties(value: unknown): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length) {
    const item = pending.pop();
    if (typeof item !== "object" || item === null) continue;
    if (Array.isArray(item)) {
      for (const element of item) if (typeof element === "object" && element !== null) pending.push(element);
      continue;
    }
    for (const key in item) {
      count++;
      const child = (item as Record<string, unknown>)[key];
      if (typeof child === "object" && child !== null) pending.push(child);
    }
  }
  return count;
}

const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * The paths of keys repeated within one object of a text that JSON.parse accepted. One linear
 * pass with no regular expression and no recursion (so deep nesting cannot overflow the stack):
 * string contents are skipped with indexOf, keys are compared after unescaping ("\u0061" is "a"),
 * and each repeated key is reported once per object.
 */
export function findRepeatedKeys(text: string): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  // One entry per open container: its keys so far, each with whether it was already reported
  // (null for an array), and the current key or index within it: together, the path being read.
  const keySets: Array<Map<string, boolean> | null> = [];
  const path: PropertyKey[] = [];
  let expectKey = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.indexOf("\\") === -1 ? raw : (JSON.parse(text.slice(i, end + 1)) as string);
        const depth = keySets.length - 1;
        const keys = keySets[depth]!;
        path[depth] = key;
        const reported = keys.get(key);
        if (reported === undefined) keys.set(key, false);
        else if (!reported) {
          keys.set(key, true); // a key seen three times is named once
          found.push(path.slice(0, depth + 1));
        }
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === OPEN_BRACE) {
      keySets.push(new Map());
      path.push("");
      expectKey = true;
    } else if (c === OPEN_BRACKET) {
      keySets.push(null);
      path.push(0);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      keySets.pop();
      path.pop();
      expectKey = false;
    } else if (c === COMMA) {
      const depth = keySets.length - 1;
      if (keySets[depth] === null) path[depth] = (path[depth] as number) + 1;
      else expectKey = true;
    }
    i++;
  }
  return found;
}

/** Index of the quote that closes the string opening at `start` (a quote preceded by an even run of backslashes). */
function closingQuote(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let j = quote - 1; j > start && text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}
