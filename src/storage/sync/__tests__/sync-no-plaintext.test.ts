// @vitest-environment node
// After a synced team session (a case, an assessment, a review note, a conflict, a change still waiting),
// no planted name, address or note is in clear anywhere: not in any store of either device, not in
// anything the server holds. Searched as text, inside base64 at all three byte alignments, and as UTF-8
// and UTF-16 bytes inside every base64 value.
import { describe, expect, it } from "vitest";
import { fromBase64, isBase64, toBase64, utf8Encode } from "../../bytes";
import { FakeTeamServer } from "../../../testing/fake-team-server";
import { TestSyncDevice } from "../../../testing/team-sync-devices";
import { collectStrings, dumpAllStores } from "../../../testing/test-vault";

const [NAME, ADDRESS, NOTE] = ["Zebedee Quartermaine", "17 Larkspur Crescent", "Planted note about the children"];
const NEEDLES = [NAME, ADDRESS, NOTE];

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index += 1) {
    bytes[index * 2] = text.charCodeAt(index) & 0xff;
    bytes[index * 2 + 1] = text.charCodeAt(index) >> 8;
  }
  return bytes;
}

function utf16be(text: string): Uint8Array {
  const little = utf16le(text);
  const big = new Uint8Array(little.length);
  for (let index = 0; index < little.length; index += 2)
    [big[index], big[index + 1]] = [little[index + 1]!, little[index]!];
  return big;
}

/** The base64 text any encoding of `bytes` contains whatever precedes it: one form per byte alignment. */
function base64Forms(bytes: Uint8Array): string[] {
  return [0, 1, 2].map((offset) => {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = toBase64(padded);
    // The first group mixes in the unknown preceding bytes, the last the unknown following ones.
    const start = offset === 0 ? 0 : 4;
    const end = encoded.length - 4;
    return encoded.slice(start, end);
  });
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    for (let index = 0; index < needle.length; index += 1)
      if (haystack[start + index] !== needle[index]) continue outer;
    return true;
  }
  return false;
}

function findLeaks(dump: unknown): string[] {
  const strings = collectStrings(dump);
  const decoded = strings.filter((text) => text.length >= 8 && isBase64(text)).map((text) => fromBase64(text));
  const found: string[] = [];
  for (const needle of NEEDLES) {
    const forms = [needle.toLowerCase(), ...base64Forms(utf8Encode(needle)), ...base64Forms(utf16le(needle))];
    for (const text of strings) {
      const lower = text.toLowerCase();
      if (lower.includes(forms[0]!) || forms.slice(1).some((form) => text.includes(form)))
        found.push(`${needle} in text`);
    }
    for (const bytes of decoded) {
      for (const form of [utf8Encode(needle), utf16le(needle), utf16be(needle)]) {
        if (contains(bytes, form)) found.push(`${needle} in decoded base64`);
      }
    }
  }
  return found;
}

describe("team sync: nothing planted is in clear", () => {
  it("on either device's stores or on the server, after a synced session", async () => {
    const server = new FakeTeamServer();
    const manager = await TestSyncDevice.enrol(server, "Manager", "manager");
    const officer = await TestSyncDevice.enrol(server, "Officer", "practitioner", manager);
    const caseId = crypto.randomUUID();
    const victim = { name: NAME, address: ADDRESS };
    await officer.engine.recordChange({ recordId: caseId, caseId, kind: "case", body: { victim } });
    await officer.engine.recordChange({
      recordId: crypto.randomUUID(),
      caseId,
      kind: "assessment",
      body: { notes: NOTE },
    });
    await officer.syncUntilSettled();
    await manager.engine.syncNow();
    await manager.engine.recordChange({
      recordId: crypto.randomUUID(),
      caseId,
      kind: "review",
      body: { note: `Check ${NOTE}` },
    });
    await manager.engine.recordChange({ recordId: caseId, caseId, kind: "case", body: { victim, by: "manager" } });
    await manager.syncUntilSettled();
    officer.network.online = false;
    await officer.engine.recordChange({ recordId: caseId, caseId, kind: "case", body: { victim, by: "officer" } });
    officer.network.online = true;
    await officer.engine.syncNow();
    expect((await officer.engine.listConflicts()).length).toBe(1);
    await officer.engine.recordChange({
      recordId: crypto.randomUUID(),
      caseId,
      kind: "pack",
      body: { letter: `Re: ${NAME}` },
    });

    // The planted text is really there to be found, decrypted, on both devices.
    expect(JSON.stringify(await manager.engine.listRecords())).toContain(NOTE);
    expect(JSON.stringify(await officer.engine.listOutbox())).toContain(NAME);

    const serverState = {
      envelopes: server.envelopes,
      wrappedKeys: server.wrappedKeys,
      devices: [...server.devices.values()],
      managerKey: server.managerKey,
    };
    expect(findLeaks(serverState)).toEqual([]);
    expect(findLeaks(await dumpAllStores(officer.db))).toEqual([]);
    expect(findLeaks(await dumpAllStores(manager.db))).toEqual([]);
    // The detector finds what it looks for, in every form.
    expect(findLeaks({ clear: NAME })).not.toEqual([]);
    expect(findLeaks({ encoded: toBase64(utf8Encode(`xx${ADDRESS}`)) })).not.toEqual([]);
    expect(findLeaks({ encoded: toBase64(utf16le(`x${NOTE}`)) })).not.toEqual([]);
  });
});
