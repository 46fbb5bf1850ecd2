// @vitest-environment node
import { describe, expect, it } from "vitest";
import { nameSoundKey, namesSoundAlike } from "../name-sounds";
import { spellingSlipsAllowed } from "../name-matching";

const alike = (left: string, right: string) =>
  namesSoundAlike(left, right, spellingSlipsAllowed(Math.max(left.length, right.length)));

describe("nameSoundKey", () => {
  it.each([
    ["aisha", "AX·"],
    ["ayesha", "AX·"],
    ["mohammed", "mUm·d"],
    ["muhammad", "mUm·d"],
    ["mohamed", "mUm·d"],
    ["yusuf", "yUs·f"],
    ["yousef", "yUs·f"],
    ["anna", "An·"],
    ["hannah", "An·"],
    ["ali", "Al·"],
    ["alice", "Al·s·"],
    ["lucy", "lUs·"],
    ["lacey", "lAs·"],
    ["khadija", "kAd·j·"],
    ["khadeeja", "kAd·j·"],
  ])("%s → %s", (part, key) => {
    expect(nameSoundKey(part)).toBe(key);
  });

  it("has no key for a name in another script", () => {
    expect(nameSoundKey("عائشة")).toBeNull();
  });
});

describe("namesSoundAlike", () => {
  it.each([
    ["aisha", "ayesha"],
    ["mohammed", "muhammad"],
    ["muhammad", "mohamed"],
    ["yusuf", "yousef"],
    ["hussain", "hussein"],
    ["khadija", "khadeeja"],
    ["anna", "hannah"],
    ["omar", "umar"],
    ["sarah", "sara"],
  ])("%s and %s sound alike", (left, right) => {
    expect(alike(left, right)).toBe(true);
  });

  it.each([
    ["ali", "alice"],
    ["alice", "ali"],
    ["siobhan", "shivaun"],
    ["lucy", "lacey"],
    ["ella", "ollie"],
    ["eve", "ava"],
    ["tom", "tim"],
    ["jane", "john"],
    // Same key, but a swap of neighbouring letters is a typing slip, not a romanisation.
    ["smith", "smyht"],
  ])("%s and %s do not count as sounding alike", (left, right) => {
    expect(alike(left, right)).toBe(false);
  });

  it("needs at least 4 letters on both: a short name's one sound is another name", () => {
    expect(nameSoundKey("aly")).toBe(nameSoundKey("ali"));
    expect(namesSoundAlike("aly", "ali", 2)).toBe(false);
    expect(namesSoundAlike("amy", "aimee", 5)).toBe(false);
  });

  it("bounds the spelling difference: one edit more than the slips allowed", () => {
    expect(namesSoundAlike("aisha", "ayesha", 0)).toBe(false);
    expect(namesSoundAlike("aisha", "ayesha", 1)).toBe(true);
  });
});
