import {
  decodeEnvelopePage,
  encodeEnvelopePage,
  ENVELOPE_PAGE_HEADER_BYTES,
  EnvelopePageFormatError,
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
  const whole = { envelopes, cursor: envelopes.at(-1)?.seq ?? 0, more: false, latestRotation: 4, ...header };
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
    const whole = { envelopes, cursor: 2 ** 40 + 5, more: true, latestRotation: 3 };
    expect(decodeEnvelopePage(encodeEnvelopePage(whole, fromBase64), toBase64)).toEqual(whole);
  });

  it("lays an envelope out as the server writes it: fixed fields, then each variable field behind its length", () => {
    const bytes = page([envelope(1)]);
    // header, 61 fixed bytes, then 2 + 64 signature, 2 + 125 wrapped key, 4 + 300 ciphertext
    expect(bytes).toHaveLength(ENVELOPE_PAGE_HEADER_BYTES + 61 + 2 + 64 + 2 + 125 + 4 + 300);
    const at = ENVELOPE_PAGE_HEADER_BYTES;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(Array.from(bytes.subarray(0, 4), (byte) => String.fromCharCode(byte)).join("")).toBe("SRP1");
    expect(view.getBigUint64(at)).toBe(1n);
    expect(bytes[at + 8]).toBe(0x0a);
    expect(bytes[at + 24]).toBe(0xff);
    expect(view.getUint32(at + 40)).toBe(1);
    expect(bytes[at + 44]).toBe(0x12);
    expect(bytes[at + 60]).toBe(1);
    expect(view.getUint16(at + 61)).toBe(64);
    expect(view.getUint16(at + 61 + 2 + 64)).toBe(125);
    expect(view.getUint32(at + 61 + 2 + 64 + 2 + 125)).toBe(300);
    expect(bytes.at(-1)).toBe((299 * 7 + 1) % 256);
  });

  it("reads an empty page: the header alone", () => {
    const bytes = page([], { cursor: 40 });
    expect(bytes).toHaveLength(ENVELOPE_PAGE_HEADER_BYTES);
    expect(decodeEnvelopePage(bytes, toBase64)).toEqual({ envelopes: [], cursor: 40, more: false, latestRotation: 4 });
  });

  it("reads a page that sits inside a larger buffer", () => {
    const bytes = page([envelope(1), envelope(2)]);
    const larger = new Uint8Array(bytes.length + 20);
    larger.set(bytes, 10);
    expect(decodeEnvelopePage(larger.subarray(10, 10 + bytes.length), toBase64).envelopes).toHaveLength(2);
  });

  const at = ENVELOPE_PAGE_HEADER_BYTES;
  const refused: [string, () => Uint8Array][] = [
    ["a page shorter than its header", () => page([envelope(1)]).subarray(0, 10)],
    ["another layout's magic", () => withByte(page([envelope(1)]), 3, 0x32)],
    ["a page cut inside an envelope", () => page([envelope(1), envelope(2)]).slice(0, -1)],
    ["a count above the envelopes there", () => withByte(page([envelope(1)]), 24, 2)],
    ["bytes after the last envelope", () => concatBytes([page([envelope(1)]), Uint8Array.of(0)])],
    ["'more' that is neither 0 nor 1", () => withByte(page([envelope(1)]), 20, 2)],
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
