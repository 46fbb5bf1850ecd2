// @vitest-environment node
// The settings screen applies the command line's rules on bytes and repeated keys (case-format.md, "Policy file").
import { describe, expect, it } from "vitest";
import { checkPolicyBytes } from "../policy-file";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("checkPolicyBytes", () => {
  it("accepts a policy with a leading byte-order mark", () => {
    expect(checkPolicyBytes(utf8('\uFEFF{"name":"area","version":2}'))).toMatchObject({ ok: true });
  });

  it("refuses a repeated key, naming it", () => {
    const check = checkPolicyBytes(utf8('{"name":"area","version":2,"reviewDays":14,"reviewDays":28}'));
    expect(check).toEqual({ ok: false, reasons: [expect.stringMatching(/^reviewDays: .*more than once/)] });
  });

  it("refuses invalid UTF-8, saying where", () => {
    const bytes = Uint8Array.from([...utf8('{"name":"'), 0xc3, 0x28, ...utf8('","version":2}')]);
    expect(checkPolicyBytes(bytes)).toEqual({ ok: false, reasons: [expect.stringContaining("UTF-8 at byte 10")] });
  });

  it("refuses a yes-count threshold above 24", () => {
    const check = checkPolicyBytes(utf8('{"name":"area","version":2,"highRiskYesCount":25}'));
    expect(check).toEqual({ ok: false, reasons: [expect.stringMatching(/^highRiskYesCount: .*at most 24/)] });
  });
});
