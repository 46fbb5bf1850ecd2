/**
 * Synchronous HMAC-SHA-256 (FIPS 180-4 / RFC 2104) in plain TypeScript.
 *
 * Why not Web Crypto: its HMAC is asynchronous, and awaiting anything but an IndexedDB request
 * inside a transaction lets the transaction commit. Record MACs, the version manifest and the
 * audit chain all depend on rows read inside the same transaction (the previous version, the
 * previous entry's MAC), so they must be computed synchronously between the read and the write.
 * The MAC keys are HKDF outputs derived from the data key (integrity.ts); the data key itself
 * stays a non-extractable CryptoKey. Checked against Web Crypto in integrity.test.ts.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const INITIAL_STATE = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const BLOCK = 64;
const W = new Uint32Array(64);

function compress(state: Uint32Array, data: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i += 1) {
    const j = offset + i * 4;
    W[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
  }
  for (let i = 16; i < 64; i += 1) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i += 1) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

// Scratch space for `finish`, reused by every call: a MAC is computed on every write and thousands
// are checked when a list opens, and allocating typed arrays (a state copy, a padded tail, two
// DataViews) cost more than hashing a short message. JavaScript runs one `finish` at a time, and
// each copies its message into the tail before the state is touched, so nothing is shared across calls.
const STATE = new Uint32Array(8);
const TAIL = new Uint8Array(BLOCK * 2);

/** SHA-256 continuing from `start` (already `prefixBlocks` blocks in) over `message`, written into `out`. */
function finish(start: Uint32Array, prefixBlocks: number, message: Uint8Array, out: Uint8Array): Uint8Array {
  const state = STATE;
  state.set(start);
  const whole = message.length - (message.length % BLOCK);
  for (let offset = 0; offset < whole; offset += BLOCK) compress(state, message, offset);
  const rest = message.length - whole;
  const tailLength = rest < 56 ? BLOCK : BLOCK * 2;
  const tail = TAIL;
  tail.fill(0, 0, tailLength);
  tail.set(message.subarray(whole));
  tail[rest] = 0x80;
  // The message length in bits, big-endian in the last 8 bytes (the high word stays below 2^21).
  const bits = (prefixBlocks * BLOCK + message.length) * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  for (let i = 0; i < 4; i += 1) {
    tail[tailLength - 8 + i] = (high >>> (24 - i * 8)) & 0xff;
    tail[tailLength - 4 + i] = (low >>> (24 - i * 8)) & 0xff;
  }
  for (let offset = 0; offset < tailLength; offset += BLOCK) compress(state, tail, offset);
  for (let i = 0; i < 8; i += 1) {
    const word = state[i]!;
    out[i * 4] = word >>> 24;
    out[i * 4 + 1] = (word >>> 16) & 0xff;
    out[i * 4 + 2] = (word >>> 8) & 0xff;
    out[i * 4 + 3] = word & 0xff;
  }
  return out;
}

/** The inner hash of an HMAC, consumed by the outer one before `mac` returns. */
const INNER = new Uint8Array(32);

// The UTF-8 of `macText`'s text: thousands of row MACs are checked when a list opens, and encoding
// each into a fresh array was a large part of their cost. Grown when needed, never shared across calls.
const textEncoder = new TextEncoder();
let encodedText = new Uint8Array(4096);

export function sha256(message: Uint8Array): Uint8Array {
  return finish(INITIAL_STATE, 0, message, new Uint8Array(32));
}

/** An HMAC-SHA-256 key with its inner and outer pads already absorbed (two blocks saved per MAC). */
export class HmacKey {
  readonly #inner: Uint32Array;
  readonly #outer: Uint32Array;

  constructor(key: Uint8Array) {
    const block = new Uint8Array(BLOCK);
    block.set(key.length > BLOCK ? sha256(key) : key);
    const pad = new Uint8Array(BLOCK);
    this.#inner = new Uint32Array(INITIAL_STATE);
    this.#outer = new Uint32Array(INITIAL_STATE);
    for (let i = 0; i < BLOCK; i += 1) pad[i] = block[i]! ^ 0x36;
    compress(this.#inner, pad, 0);
    for (let i = 0; i < BLOCK; i += 1) pad[i] = block[i]! ^ 0x5c;
    compress(this.#outer, pad, 0);
    block.fill(0);
    pad.fill(0);
  }

  mac(message: Uint8Array): Uint8Array {
    return finish(this.#outer, 1, finish(this.#inner, 1, message, INNER), new Uint8Array(32));
  }

  /** The MAC of `text` as UTF-8: the same bytes as `mac(utf8Encode(text))`, without encoding into a new array. */
  macText(text: string): Uint8Array {
    // encodeInto needs at most 3 bytes per UTF-16 code unit.
    if (encodedText.length < text.length * 3) encodedText = new Uint8Array(text.length * 3);
    const { written } = textEncoder.encodeInto(text, encodedText);
    return this.mac(encodedText.subarray(0, written));
  }
}
