// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  countKeysInText,
  countProperties,
  decodeUtf8File,
  decodeUtf8Lines,
  findRepeatedKeys,
  firstInvalidUtf8Offset,
  parseJsonText,
} from "../json-text";

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("findRepeatedKeys: keys repeated within one object, by path", () => {
  it("finds none in ordinary JSON, including keys repeated in different objects", () => {
    expect(findRepeatedKeys('{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toEqual([]);
    expect(findRepeatedKeys("[]")).toEqual([]);
    expect(findRepeatedKeys('"a"')).toEqual([]);
    expect(findRepeatedKeys('{"a":{},"b":[],"c":{}}')).toEqual([]);
  });

  it("names a repeated key at the top, nested, and inside array items", () => {
    expect(findRepeatedKeys('{"a":1,"a":2}')).toEqual([["a"]]);
    expect(findRepeatedKeys('{"x":{"y":{"z":1,"z":2}}}')).toEqual([["x", "y", "z"]]);
    expect(findRepeatedKeys('{"l":[1,{"k":1},{"k":1,"k":1}]}')).toEqual([["l", 2, "k"]]);
    expect(findRepeatedKeys('[[],[{}],[0,{"a":{},"a":[]}]]')).toEqual([[2, 1, "a"]]);
  });

  it("names a key seen three times once, and each repeated key of an object", () => {
    expect(findRepeatedKeys('{"a":1,"a":2,"a":3,"b":1,"b":2}')).toEqual([["a"], ["b"]]);
  });

  it("compares keys after unescaping, and is not fooled by quotes, braces or commas inside strings", () => {
    expect(findRepeatedKeys('{"a":1,"\\u0061":2}')).toEqual([["a"]]);
    expect(findRepeatedKeys('{"q\\"":1,"q\\"":2}')).toEqual([['q"']]);
    expect(findRepeatedKeys('{"s":"},{\\"s\\":1,","t":"\\\\","u":"\\\\\\""}')).toEqual([]);
    expect(findRepeatedKeys('{ "a" : "x" , "b" : { } , "a" : null }')).toEqual([["a"]]);
  });

  it("copes with deep nesting without recursion", () => {
    const depth = 100_000;
    const text = `${"[".repeat(depth)}{"a":1,"a":2}${"]".repeat(depth)}`;
    const found = findRepeatedKeys(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toHaveLength(depth + 1);
  });

  it("is linear: a 20 MB text takes about as long per byte as a 2 MB one", () => {
    const item = JSON.stringify({ id: "dash.x", detail: 'a "quoted" \\ text, with {braces}', n: [1, 2, 3] });
    const make = (count: number) => `[${Array.from({ length: count }, () => item).join(",")}]`;
    const time = (text: string) => {
      const start = performance.now();
      expect(findRepeatedKeys(text)).toEqual([]);
      return performance.now() - start;
    };
    const small = make(25_000);
    const large = make(250_000);
    time(small); // warm up
    const perByteSmall = time(small) / small.length;
    const perByteLarge = time(large) / large.length;
    expect(perByteLarge).toBeLessThan(perByteSmall * 4 + 1e-6);
  });
});

describe("parseJsonText", () => {
  it("returns the value and the repeated keys as issues naming their paths", () => {
    const result = parseJsonText('{"answers":{"dash.injury":"yes","dash.injury":"no"}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.repeatedKeys).toEqual([
      { path: "answers.dash.injury", message: expect.stringMatching(/more than once/) },
    ]);
  });

  it("counts keys in the text and properties in the value alike when nothing is repeated (its fast path)", () => {
    const text = '{ "a" : {"b":[{"c":"x:y"},{}]} , "d\\\\":"\\\\" , "e":[[{"f":null}]], "g":"h" }';
    expect(countKeysInText(text)).toBe(7);
    expect(countProperties(JSON.parse(text))).toBe(7);
    expect(countKeysInText('["a:", "b" ]')).toBe(0);
  });

  it("reports a repeated __proto__ key, and accepts a single one", () => {
    const repeated = parseJsonText('{"x":{"__proto__":1,"__proto__":2}}');
    expect(repeated.ok && repeated.repeatedKeys.map((i) => i.path)).toEqual(["x.__proto__"]);
    const single = parseJsonText('{"__proto__":{"a":1},"a":1}');
    expect(single.ok && single.repeatedKeys).toEqual([]);
  });

  it("passes on JSON.parse's own message for a syntax error", () => {
    const result = parseJsonText("{bad");
    expect(result.ok).toBe(false);
  });
});

describe("UTF-8: invalid bytes are refused, saying where; a leading byte-order mark is ignored", () => {
  it("decodes valid UTF-8 and drops a leading byte-order mark only", () => {
    expect(decodeUtf8File(bytes([0xef, 0xbb, 0xbf], '{"a":"Zoë"}'))).toEqual({ ok: true, text: '{"a":"Zoë"}' });
    expect(decodeUtf8File(bytes("x", [0xef, 0xbb, 0xbf]))).toEqual({ ok: true, text: "x\uFEFF" });
  });

  it.each([
    ["a lone continuation byte", [0x80], 0],
    ["a truncated two-byte sequence", [0xc3], 0],
    ["an overlong encoding", [0xc0, 0xaf], 0],
    ["an overlong three-byte form", [0xe0, 0x80, 0xaf], 0],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80], 0],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a byte that never occurs", [0xff], 0],
    ["a truncated four-byte sequence", [0xf0, 0x9f, 0x98], 0],
  ])("refuses %s", (_name, bad) => {
    const input = bytes('{"a":"', bad, '"}');
    expect(firstInvalidUtf8Offset(input)).toBe(6);
    const result = decodeUtf8File(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("not valid UTF-8 at byte 7 (line 1)");
  });

  it("gives the line of the first invalid byte", () => {
    const result = decodeUtf8File(bytes("{\n\n", [0xfe], "}"));
    expect(result).toEqual({ ok: false, message: expect.stringContaining("at byte 4 (line 3)") });
  });

  it("agrees with TextDecoder's fatal mode on random bytes", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let round = 0; round < 2000; round++) {
      const input = Uint8Array.from({ length: 1 + (round % 9) }, () => {
        const b = random();
        return round % 3 === 0 ? b : b | 0x80; // mostly high bytes, to exercise sequences
      });
      let valid = true;
      try {
        decoder.decode(input);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8Offset(input) === -1, Buffer.from(input).toString("hex")).toBe(valid);
    }
  });

  it("--jsonl lines: only the line with invalid bytes is lost; a mark is dropped at the file's start only", () => {
    const lines = decodeUtf8Lines(bytes([0xef, 0xbb, 0xbf], "one\r\n", [0xc3, 0x28], "\n\uFEFFthree"));
    expect(lines).toEqual(["one", { invalidUtf8: expect.stringContaining("at byte 1") }, "\uFEFFthree"]);
    expect(decodeUtf8Lines(bytes([0xef, 0xbb, 0xbf], "one\r\ntwo\n"))).toEqual(["one", "two", ""]);
  });
});
