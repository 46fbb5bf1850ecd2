import {
  decodeEnvelopePage,
  encodeEnvelopePage,
  ENVELOPE_PAGE_END_BYTES,
  ENVELOPE_PAGE_START_BYTES,
  EnvelopePageFormatError,
  writeEnvelopeBytes,
  type EnvelopeFieldBytes,
  type DecodedEnvelopePage,
  type DecodedPageEnvelope,
} from "../envelope-page";
import { concatBytes } from "../framing";

const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const bytesOf = (length: number, seed: number) => Uint8Array.from({ length }, (_, index) => (index * 7 + seed) % 256);

function envelope(seq: number, overrides: Partial<DecodedPageEnvelope> = {}): DecodedPageEnvelope {
  return {
    seq,
    recordId: "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9",
    keyId: "ffffffff-0000-4000-8000-123456789abc",
    version: seq,
    authorDeviceId: "12345678-9abc-4def-8123-456789abcdef",
    ciphertext: toBase64(bytesOf(300, seq)),
    signature: toBase64(bytesOf(64, 1)),
    wrappedKey: toBase64(bytesOf(125, 2)),
    wrappedTo: "device",
    ...overrides,
  };
}

function page(envelopes: DecodedPageEnvelope[], header: Partial<DecodedEnvelopePage> = {}): Uint8Array {
  const whole = {
    envelopes,
    cursor: envelopes.at(-1)?.seq ?? 0,
    more: false,
    latestRotation: 4,
    latestGrant: 6,
    ...header,
  };
  return encodeEnvelopePage(whole, fromBase64);
}

/** The page with one byte changed (offsets from the layout in envelope-page.ts). */
function withByte(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const changed = bytes.slice();
  changed[offset] = value;
  return changed;
}

describe("the envelope page in bytes", () => {
  it("reads back every field of every envelope, ids as lower-case UUIDs and bytes as base64", () => {
    const envelopes = [
      envelope(7),
      envelope(9, { wrappedTo: "manager-key", version: 1, ciphertext: "" }),
      envelope(2 ** 40, {
        version: 3,
        recordId: "00000000-0000-4000-8000-000000000000",
        ciphertext: toBase64(bytesOf(70_000, 3)),
      }),
    ];
    const whole = { envelopes, cursor: 2 ** 40 + 5, more: true, latestRotation: 3, latestGrant: 2 ** 33 };
    expect(decodeEnvelopePage(encodeEnvelopePage(whole, fromBase64), toBase64)).toEqual(whole);
  });

  it("lays an envelope out as the server writes it: fixed fields, then each variable field behind its length", () => {
    const bytes = page([envelope(1)]);
    // start, 61 fixed bytes, then 2 + 64 signature, 2 + 125 wrapped key, 4 + 300 ciphertext, then the end
    const envelopeBytes = 61 + 2 + 64 + 2 + 125 + 4 + 300;
    expect(bytes).toHaveLength(ENVELOPE_PAGE_START_BYTES + envelopeBytes + ENVELOPE_PAGE_END_BYTES);
    const at = ENVELOPE_PAGE_START_BYTES;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const text = (from: number) =>
      Array.from(bytes.subarray(from, from + 4), (byte) => String.fromCharCode(byte)).join("");
    expect(text(0)).toBe("SRP2");
    expect(view.getBigUint64(4)).toBe(4n);
    expect(view.getBigUint64(12)).toBe(6n);
    expect(view.getBigUint64(at)).toBe(1n);
    expect(bytes[at + 8]).toBe(0x0a);
    expect(bytes[at + 24]).toBe(0xff);
    expect(view.getUint32(at + 40)).toBe(1);
    expect(bytes[at + 44]).toBe(0x12);
    expect(bytes[at + 60]).toBe(1);
    expect(view.getUint16(at + 61)).toBe(64);
    expect(view.getUint16(at + 61 + 2 + 64)).toBe(125);
    expect(view.getUint32(at + 61 + 2 + 64 + 2 + 125)).toBe(300);
    expect(bytes[at + envelopeBytes - 1]).toBe((299 * 7 + 1) % 256);
    // The end: what depends on the envelopes comes after them, so the server can stream them.
    const end = at + envelopeBytes;
    expect(text(end)).toBe("SRPE");
    expect(view.getBigUint64(end + 4)).toBe(1n);
    expect(bytes[end + 12]).toBe(0);
    expect(view.getUint32(end + 13)).toBe(1);
  });

  it("reads an empty page: its start and its end", () => {
    const bytes = page([], { cursor: 40 });
    expect(bytes).toHaveLength(ENVELOPE_PAGE_START_BYTES + ENVELOPE_PAGE_END_BYTES);
    expect(decodeEnvelopePage(bytes, toBase64)).toEqual({
      envelopes: [],
      cursor: 40,
      more: false,
      latestRotation: 4,
      latestGrant: 6,
    });
  });

  it("reads a page that sits inside a larger buffer", () => {
    const bytes = page([envelope(1), envelope(2)]);
    const larger = new Uint8Array(bytes.length + 20);
    larger.set(bytes, 10);
    expect(decodeEnvelopePage(larger.subarray(10, 10 + bytes.length), toBase64).envelopes).toHaveLength(2);
  });

  it("refuses to write a field of the wrong size, or one longer than its length can say", () => {
    const fields: EnvelopeFieldBytes = {
      seq: new Uint8Array(8),
      recordId: new Uint8Array(16),
      keyId: new Uint8Array(16),
      version: new Uint8Array(4),
      authorDeviceId: new Uint8Array(16),
      wrappedTo: 1,
      signature: new Uint8Array(64),
      wrappedKey: new Uint8Array(125),
      ciphertext: new Uint8Array(300),
    };
    const out = new Uint8Array(1000);
    expect(writeEnvelopeBytes(fields, out, 10)).toBe(10 + 61 + 2 + 64 + 2 + 125 + 4 + 300);
    const wrong: Partial<EnvelopeFieldBytes>[] = [
      { seq: new Uint8Array(7) },
      { version: new Uint8Array(8) },
      { recordId: new Uint8Array(15) },
      { keyId: new Uint8Array(17) },
      { authorDeviceId: new Uint8Array(0) },
      { wrappedTo: 2 },
      { signature: new Uint8Array(0x10000) },
      { wrappedKey: new Uint8Array(0x10000) },
    ];
    for (const change of wrong) {
      expect(() => writeEnvelopeBytes({ ...fields, ...change }, new Uint8Array(0x20000), 0)).toThrow(RangeError);
    }
  });

  const at = ENVELOPE_PAGE_START_BYTES;
  const endOf = (bytes: Uint8Array) => bytes.length - ENVELOPE_PAGE_END_BYTES;
  const onePage = () => page([envelope(1)]);
  const twoPage = () => page([envelope(1), envelope(2)]);
  const refused: [string, () => Uint8Array][] = [
    ["a page shorter than its start and end", () => onePage().subarray(0, 30)],
    ["layout 1's magic", () => withByte(onePage(), 3, 0x31)],
    ["a page cut inside an envelope", () => twoPage().slice(0, -1)],
    ["a page cut before its end", () => twoPage().slice(0, endOf(twoPage()))],
    ["an end without its magic", () => withByte(onePage(), endOf(onePage()), 0)],
    ["a count above the envelopes there", () => withByte(onePage(), onePage().length - 1, 2)],
    ["a count below the envelopes there", () => withByte(twoPage(), twoPage().length - 1, 1)],
    ["bytes after the end", () => concatBytes([onePage(), Uint8Array.of(0)])],
    ["'more' that is neither 0 nor 1", () => withByte(onePage(), endOf(onePage()) + 12, 2)],
    ["a wrapping to nobody known", () => withByte(page([envelope(1)]), at + 60, 2)],
    ["version 0", () => page([envelope(1, { version: 0 })])],
    ["seq 0", () => page([envelope(0, { version: 1 })])],
    ["envelopes out of sequence order", () => page([envelope(5), envelope(3)])],
    ["the same seq twice", () => page([envelope(5), envelope(5)])],
    ["a cursor beyond JavaScript's exact numbers", () => page([envelope(1)], { cursor: Number.MAX_SAFE_INTEGER + 1 })],
  ];
  it.each(refused)("refuses %s", (_, bytes) => {
    expect(() => decodeEnvelopePage(bytes(), toBase64)).toThrow(EnvelopePageFormatError);
  });
});
