import { SUGGESTION_WORDS, UNSUITABLE_WORDS } from "../passphrase-strength-engine";
import {
  loadStrengthEngine,
  MIN_PASSPHRASE_SCORE,
  randomIndex,
  suggestPassphrase,
  weakness,
  WORDS_IN_SUGGESTION,
} from "../passphrase-strength";

describe("the suggestion word list", () => {
  it("has at least 2,000 words of 4 to 8 letters, none repeated and none unsuitable", () => {
    expect(SUGGESTION_WORDS.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(SUGGESTION_WORDS).size).toBe(SUGGESTION_WORDS.length);
    expect(SUGGESTION_WORDS.filter((word) => !/^[a-z]{4,8}$/.test(word))).toEqual([]);
    expect(SUGGESTION_WORDS.filter((word) => UNSUITABLE_WORDS.has(word))).toEqual([]);
    // Four words from it carry at least 44 bits.
    expect(WORDS_IN_SUGGESTION * Math.log2(SUGGESTION_WORDS.length)).toBeGreaterThanOrEqual(44);
  });
});

describe("suggestPassphrase", () => {
  it("gives four words from the list, separated by spaces", async () => {
    const { words } = await loadStrengthEngine();
    expect(words).toBe(SUGGESTION_WORDS);
    for (let round = 0; round < 50; round += 1) {
      const suggestion = suggestPassphrase(words);
      const parts = suggestion.split(" ");
      expect(parts).toHaveLength(4);
      for (const part of parts) expect(words).toContain(part);
    }
  });

  it("draws with crypto.getRandomValues by default", () => {
    const spy = vi.spyOn(crypto, "getRandomValues");
    try {
      suggestPassphrase(["alpha", "bravo", "charlie"]);
      expect(spy).toHaveBeenCalledTimes(4);
    } finally {
      spy.mockRestore();
    }
  });

  it("passes its own strength check", async () => {
    const engine = await loadStrengthEngine();
    for (let round = 0; round < 100; round += 1) {
      const suggestion = suggestPassphrase(engine.words);
      expect(engine.check(suggestion).score, suggestion).toBeGreaterThanOrEqual(MIN_PASSPHRASE_SCORE);
    }
  });
});

describe("randomIndex", () => {
  const sequence = (...values: number[]) => {
    const queue = [...values];
    return (buffer: Uint32Array) => {
      buffer[0] = queue.shift() ?? 0;
    };
  };

  it("throws away values in the incomplete top block, so no index is favoured", () => {
    // 2^32 = 429,496,729 × 10 + 6: the top 6 values would favour indexes 0–5.
    const limit = 4_294_967_290;
    expect(randomIndex(10, sequence(limit, limit + 5, 2 ** 32 - 1, 17))).toBe(7);
    expect(randomIndex(10, sequence(limit - 1))).toBe(9);
  });

  it("is uniform for a size that divides 2^32, with nothing thrown away", () => {
    expect(randomIndex(4, sequence(2 ** 32 - 1))).toBe(3);
  });

  it("refuses a size it cannot draw from", () => {
    expect(() => randomIndex(0)).toThrow(RangeError);
    expect(() => randomIndex(1.5)).toThrow(RangeError);
  });
});

describe("weakness", () => {
  it("refuses common passphrases with zxcvbn's reason in plain English", async () => {
    const engine = await loadStrengthEngine();
    const reason = weakness(engine.check("password1234"));
    expect(reason).toMatch(/^This passphrase is too easy to guess\. /);
    expect(reason).toContain("This is similar to a commonly used password.");
    expect(reason).toMatch(/Or use a suggested passphrase\.$/);
    for (const common of ["Summer2024!!", "Liverpool2023!", "qwertyuiop12", "iloveyou1234", "aaaaaaaaaaaa"]) {
      expect(weakness(engine.check(common)), common).not.toBeNull();
    }
  });

  it("accepts passphrases of unrelated words", async () => {
    const engine = await loadStrengthEngine();
    for (const good of ["correct horse battery staple", "purple elephant quietly dancing"]) {
      expect(weakness(engine.check(good)), good).toBeNull();
    }
  });

  it("leans on the app's own name as a guess", async () => {
    const engine = await loadStrengthEngine();
    expect(engine.check("safereferral2024", ["safereferral"]).score).toBeLessThan(MIN_PASSPHRASE_SCORE);
  });
});
