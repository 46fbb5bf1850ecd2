/**
 * Tamper evidence for what a thief of the IndexedDB files could otherwise change unnoticed.
 *
 * Three MAC keys per profile, HKDF-derived from the profile's data key (so no new secret is
 * stored, and a passphrase change keeps them):
 *   - record:   each sealed/clear row's MAC over a canonical encoding of its clear fields, its
 *               version and its ciphertext's IV. AES-GCM already authenticates the ciphertext
 *               under that IV, so binding the IV binds the exact ciphertext: a clear field edited,
 *               or an older ciphertext put back, no longer matches the row's MAC.
 *   - manifest: one head row per profile: a version clock (every write takes the next value, so a
 *               version is never reused, even for a deleted and re-created id), and an additive
 *               multiset hash (sum mod 2^256 of MAC(store/id/version)) over every live record's
 *               latest version, plus the audit chain's tail. The head is MACed. A record rolled
 *               back to an older version (with a valid older MAC) or deleted changes the sum.
 *   - audit:    a hash chain: entry n's MAC covers its fields, its sequence number and entry
 *               n-1's MAC. The head records the tail, so a cut tail shows unless the head is
 *               rolled back too.
 *
 * Everything here is synchronous (hmac.ts) so it can run inside IndexedDB transactions.
 */

import { toBase64 } from "./bytes";
import { hkdfBits } from "./crypto";
import type { AuditRow, ManifestRow } from "./db";
import { HmacKey } from "./hmac";

export interface IntegrityKeys {
  readonly record: HmacKey;
  readonly manifest: HmacKey;
  readonly audit: HmacKey;
}

export async function deriveIntegrityKeys(material: CryptoKey): Promise<IntegrityKeys> {
  const [record, manifest, audit] = await Promise.all(
    ["record", "manifest", "audit"].map((purpose) => hkdfBits(material, `safe-referral/integrity/${purpose}/v1`)),
  );
  return { record: new HmacKey(record!), manifest: new HmacKey(manifest!), audit: new HmacKey(audit!) };
}

/** Stores whose rows carry a version and a MAC. */
export type VersionedStore = "cases" | "assessments" | "packs" | "settings";
export const VERSIONED_STORES: readonly VersionedStore[] = ["cases", "assessments", "packs", "settings"];

export interface Versioned {
  ver?: number;
  mac?: string;
}

/**
 * JSON with object keys sorted at every level, so the same value always encodes the same way.
 * Written as plain loops: every case row's MAC is checked when the case list opens, and the
 * Object.entries/filter/sort/map version was a third of that time for 5,000 cases. Keys sort by
 * UTF-16 code units (Array.prototype.sort's default), exactly as before; a property test compares
 * it with the original on generated values, since every stored MAC depends on this text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) out += ",";
      out += canonicalJson(value[index]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

function mac(key: HmacKey, text: string): string {
  return toBase64(key.macText(text));
}

/** The record id of a row in `store` (settings are keyed by `key`). */
export function rowId(store: VersionedStore, row: object): string {
  return String((row as Record<string, unknown>)[store === "settings" ? "key" : "id"]);
}

/**
 * What a row's MAC covers: every field but the MAC, with the sealed blob reduced to its format and
 * IV. The same text as canonicalJson({ ...clear, sealed: { v, iv } | null }), built without copying
 * the row: 5,000 of these are checked each time the case list opens.
 */
function rowMacInput(store: VersionedStore, row: object): string {
  const record = row as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!Object.hasOwn(record, "sealed")) keys.push("sealed");
  keys.sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    if (key === "mac") continue;
    let item: unknown;
    if (key === "sealed") {
      const sealed = record.sealed as { v: number; iv: string } | null | undefined;
      item = sealed ? { v: sealed.v, iv: sealed.iv } : null;
    } else item = record[key];
    if (item === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `safe-referral/row/v1\n${store}\n${out}}`;
}

export function rowMac(keys: IntegrityKeys, store: VersionedStore, row: object): string {
  return mac(keys.record, rowMacInput(store, row));
}

export function hasValidRowMac(keys: IntegrityKeys, store: VersionedStore, row: Versioned): boolean {
  return typeof row.mac === "string" && typeof row.ver === "number" && rowMac(keys, store, row) === row.mac;
}

const ZERO_SUM = "0".repeat(64);

// The manifest's multiset hash is the sum of its entries' 256-bit digests modulo 2^256, kept as
// eight 32-bit words, most significant first (the stored hex reads the same way). Plain numbers
// rather than BigInt: unlocking a profile adds up one digest per record, thousands of them.
type Sum256 = Uint32Array;

function sumFromHex(hex: string): Sum256 {
  const sum = new Uint32Array(8);
  for (let word = 0; word < 8; word += 1) sum[word] = Number.parseInt(hex.slice(word * 8, word * 8 + 8), 16);
  return sum;
}

function sumToHex(sum: Sum256): string {
  let out = "";
  for (let word = 0; word < 8; word += 1) out += sum[word]!.toString(16).padStart(8, "0");
  return out;
}

/** sum += digest (mod 2^256), or sum -= digest when `sign` is -1. */
function addDigest(sum: Sum256, digest: Uint8Array, sign: 1 | -1): void {
  let carry = 0;
  for (let word = 7; word >= 0; word -= 1) {
    const offset = word * 4;
    const value =
      digest[offset]! * 0x1000000 + ((digest[offset + 1]! << 16) | (digest[offset + 2]! << 8) | digest[offset + 3]!);
    const next = sum[word]! + sign * value + carry;
    // Uint32Array stores next modulo 2^32; the carry (or borrow) is what overflowed.
    carry = Math.floor(next / 0x100000000);
    sum[word] = next;
  }
}

function entryDigest(
  keys: IntegrityKeys,
  profileId: string,
  store: VersionedStore,
  id: string,
  ver: number,
): Uint8Array {
  return keys.manifest.macText(`safe-referral/manifest-entry/v1\n${store}\n${profileId}\n${id}\n${ver}`);
}

function headMac(keys: IntegrityKeys, head: Omit<ManifestRow, "mac">): string {
  return mac(keys.manifest, `safe-referral/manifest/v1\n${canonicalJson(head)}`);
}

export function hasValidHeadMac(keys: IntegrityKeys, head: ManifestRow): boolean {
  const { mac: stored, ...rest } = head;
  return headMac(keys, rest) === stored;
}

/** The multiset hash of a set of (store, id, version), as the head stores it. */
export function manifestSum(
  keys: IntegrityKeys,
  profileId: string,
  entries: Iterable<{ store: VersionedStore; id: string; ver: number }>,
): { sum: string; count: number } {
  const sum = new Uint32Array(8);
  let count = 0;
  for (const entry of entries) {
    addDigest(sum, entryDigest(keys, profileId, entry.store, entry.id, entry.ver), 1);
    count += 1;
  }
  return { sum: sumToHex(sum), count };
}

export function auditMac(keys: IntegrityKeys, row: AuditRow, previousMac: string | null): string {
  const fields = [
    row.profileId,
    row.seq ?? null,
    row.id,
    row.caseId,
    row.at,
    row.actor,
    row.action,
    row.detail,
    row.source ?? null,
  ];
  return mac(keys.audit, `safe-referral/audit/v1\n${canonicalJson(fields)}\n${previousMac ?? ""}`);
}

/**
 * The working copy of a profile's manifest head inside one transaction: stamp the rows written,
 * remove the rows deleted, chain the audit entries appended, then store `row()` in the same
 * transaction. Pure and synchronous.
 */
export class ManifestWork {
  readonly #keys: IntegrityKeys;
  readonly #profileId: string;
  #clock: number;
  #count: number;
  readonly #sum: Sum256;
  #auditSeq: number;
  #auditMac: string | null;
  #dirty = false;

  constructor(keys: IntegrityKeys, profileId: string, head: ManifestRow | undefined) {
    this.#keys = keys;
    this.#profileId = profileId;
    this.#clock = head?.clock ?? 0;
    this.#count = head?.count ?? 0;
    this.#sum = sumFromHex(head?.sum ?? ZERO_SUM);
    this.#auditSeq = head?.auditSeq ?? 0;
    this.#auditMac = head?.auditMac ?? null;
    this.#dirty = head === undefined;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  /**
   * `row` with the next version and its MAC. `previous` is the stored row it replaces (its
   * version leaves the manifest), or undefined for a new record.
   */
  stamp<Row extends object>(store: VersionedStore, row: Row, previous?: Versioned): Row & { ver: number; mac: string } {
    if (previous) this.remove(store, rowId(store, row), previous);
    this.#clock += 1;
    const { mac: _mac, ver: _ver, ...rest } = row as Row & Versioned;
    const stamped = { ...rest, ver: this.#clock } as unknown as Row & { ver: number; mac: string };
    stamped.mac = rowMac(this.#keys, store, stamped);
    addDigest(this.#sum, entryDigest(this.#keys, this.#profileId, store, rowId(store, row), this.#clock), 1);
    this.#count += 1;
    this.#dirty = true;
    return stamped;
  }

  /** A record deleted (or replaced): its version leaves the manifest. Unversioned rows were never in it. */
  remove(store: VersionedStore, id: string, previous: Versioned): void {
    if (typeof previous.ver !== "number") return;
    addDigest(this.#sum, entryDigest(this.#keys, this.#profileId, store, id, previous.ver), -1);
    this.#count -= 1;
    this.#dirty = true;
  }

  /** `row` as the next link of the audit chain. */
  chain(row: AuditRow): AuditRow {
    const linked: AuditRow = { ...row, seq: this.#auditSeq + 1 };
    linked.mac = auditMac(this.#keys, linked, this.#auditMac);
    this.#auditSeq = linked.seq!;
    this.#auditMac = linked.mac;
    this.#dirty = true;
    return linked;
  }

  row(): ManifestRow {
    const head = {
      profileId: this.#profileId,
      clock: this.#clock,
      count: this.#count,
      sum: sumToHex(this.#sum),
      auditSeq: this.#auditSeq,
      auditMac: this.#auditMac,
    };
    return { ...head, mac: headMac(this.#keys, head) };
  }
}
