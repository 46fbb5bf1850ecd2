// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { binaryToBase64, fromBase64, isBase64, toBase64 } from "../bytes";

// The regular expression isBase64 used before (kept here as the reference for its semantics): it
// threw "Maximum call stack size exceeded" above about 4–5 MB, so a 5 MB backup could not be restored.
const OLD_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

describe("isBase64: canonical padded base64, in linear time", () => {
  it.each(["", "QQ==", "QUI=", "QUJD", "AAAA////++++", "ab+/Zz09", "QUJDRA=="])("accepts %j", (text) => {
    expect(isBase64(text)).toBe(true);
  });

  it.each([
    ["a length not a multiple of 4", "QUJ"],
    ["missing padding", "QQ"],
    ["padding alone", "===="],
    ["three padding characters", "Q==="],
    ["padding in the middle", "QQ==QUJD"],
    ["padding inside the last group", "Q=JD"],
    ["whitespace", "QUJD QUJD"],
    ["a trailing newline", "QUJD\n"],
    ["URL-safe digits", "ab-_"],
    ["a non-ASCII character", "QUJé"],
    ["a character whose low byte is a digit", "QUJ\u0141"],
    ["text", "not base64!!"],
  ])("refuses %s", (_why, text) => {
    expect(isBase64(text)).toBe(false);
  });

  it("agrees with the old regular expression on every short string over a small alphabet", () => {
    const alphabet = ["A", "z", "9", "+", "/", "=", "-", " "];
    const strings: string[] = [""];
    for (let length = 1; length <= 6; length++) {
      const count = alphabet.length ** length;
      for (let n = 0; n < count; n++) {
        let text = "";
        for (let k = 0, rest = n; k < length; k++, rest = Math.floor(rest / alphabet.length))
          text += alphabet[rest % alphabet.length];
        strings.push(text);
      }
    }
    expect(strings.length).toBeGreaterThan(299_000);
    expect(strings.filter((text) => isBase64(text) !== OLD_PATTERN.test(text))).toEqual([]);
  });

  it("accepts a 60 MB base64 string (the old pattern overflowed the stack) and refuses one bad character in it", () => {
    const large = "QUJD".repeat(15 * 1024 * 1024); // 60 MB
    expect(() => OLD_PATTERN.test(large)).toThrow(RangeError);
    expect(isBase64(large)).toBe(true);
    expect(isBase64(`${large.slice(0, -2)}==`)).toBe(true);
    expect(isBase64(`${large.slice(0, 30_000_000)}*${large.slice(30_000_001)}`)).toBe(false);
    expect(isBase64(`${large}A`)).toBe(false);
  });

  it("round-trips a 6 MB payload through toBase64 and fromBase64 (a real backup's size)", () => {
    const bytes = new Uint8Array(6 * 1024 * 1024 + 1);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
    const text = toBase64(bytes);
    expect(text.endsWith("=")).toBe(true);
    // Buffer.equals, not toEqual: a deep comparison of 6 million elements takes a minute.
    expect(Buffer.from(fromBase64(text)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("encodes every length like Node's base64, through the portable encoder and through toBase64", () => {
    const lengths = [...Array.from({ length: 200 }, (_, length) => length), 2_600, 0x8000, 0x8000 + 1, 70_001];
    for (const length of lengths) {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = (i * 167 + 13) & 0xff;
      const expected = Buffer.from(bytes).toString("base64");
      expect(binaryToBase64(bytes)).toBe(expected);
      expect(toBase64(bytes)).toBe(expected);
    }
  });

  it("hands large inputs to the platform's Uint8Array toBase64 where there is one, and small ones to the table", async () => {
    const prototype = Uint8Array.prototype as { toBase64?: () => string };
    const had = Object.hasOwn(prototype, "toBase64");
    const original = prototype.toBase64;
    const calls: number[] = [];
    prototype.toBase64 = function (this: Uint8Array) {
      calls.push(this.length);
      return Buffer.from(this).toString("base64");
    };
    try {
      vi.resetModules();
      const fresh = await import("../bytes");
      const large = new Uint8Array(2_600).fill(7);
      expect(fresh.toBase64(large)).toBe(Buffer.from(large).toString("base64"));
      expect(fresh.toBase64(new Uint8Array(32).fill(9))).toBe(Buffer.alloc(32, 9).toString("base64"));
      expect(calls).toEqual([2_600]);
    } finally {
      if (had) prototype.toBase64 = original;
      else delete prototype.toBase64;
      vi.resetModules();
    }
  });

  it("fromBase64 still refuses what atob alone would tolerate", () => {
    expect(() => fromBase64("QQ")).toThrow(TypeError);
    expect(() => fromBase64("QU JD")).toThrow(TypeError);
  });
});
