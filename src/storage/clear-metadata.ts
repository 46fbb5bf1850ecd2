/**
 * Keeps a case row's clear fields down to what the case list and the review dashboard need
 * without decrypting each case: codes, numbers and timestamps, never free text.
 *
 * - `agency` and `author` are stored in clear as opaque codes (`agency-3`, `author-1`); the names
 *   live in one sealed settings row per profile (the "clear-metadata index"), with the profile's
 *   list of agencies the practitioner edits in Settings.
 * - Flags outside `isClearFlag` (e.g. `quality-missed:<item>`) are kept per case in the same sealed
 *   row, not on the case row.
 *
 * Screens never see the codes: the session's case reads (list, get) put the names and the sealed
 * flags back after one decrypt of the index, and its writes take names and full flag lists and split
 * them here. Older rows (free-text agency/author, named flags) are moved on unlock and after imports
 * by `migrateClearMetadata`, so nothing is lost.
 */

import { z } from "zod";
import { open, recordAad, seal } from "./crypto";
import type { CaseRow, SettingRow } from "./db";
import { clearLabelSchema } from "./record-schemas";
import { IntegrityError } from "./errors";
import { readCaseRows } from "./case-row-cache";
import { checkRow, type SessionContext } from "./session-context";

/** The sealed settings row; whole backups leave it out (codes mean nothing on another device). */
export const CLEAR_METADATA_KEY = "clear-metadata-index";

/**
 * Flags the lists read from the clear row without decrypting (dashboard-summary's needsActionReasons,
 * the case list's level sentence via `level:` codes). Any other flag is sealed.
 */
export const CLEAR_FLAGS: readonly string[] = [
  "marac-required",
  "marac-sent",
  "s42-refer",
  "s42-sent",
  "provisional",
  "checks-pending",
  "repeat-marac",
  "returned-for-improvement",
];
export const CLEAR_FLAG_PREFIXES: readonly string[] = ["level:"];

export function isClearFlag(flag: string): boolean {
  return CLEAR_FLAGS.includes(flag) || CLEAR_FLAG_PREFIXES.some((prefix) => flag.startsWith(prefix));
}

export type LabelKind = "agency" | "author";
const CODE_OF: Record<LabelKind, RegExp> = { agency: /^agency-\d+$/, author: /^author-\d+$/ };

const labelEntrySchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Earlier names, so a draft that chose the agency before a rename still finds its code. */
  formerNames: z.array(z.string()).optional(),
  /** Removed from the choices; kept so older cases still show a name. */
  removed: z.boolean().optional(),
});
export type LabelEntry = z.infer<typeof labelEntrySchema>;

const indexSchema = z.object({
  agencies: z.array(labelEntrySchema),
  authors: z.array(labelEntrySchema),
  /** Never reused, so a removed agency's code never names a different one. */
  next: z.object({ agency: z.number().int(), author: z.number().int() }),
  /** By case id: the flags that are not allowed in clear. */
  sealedFlags: z.record(z.string(), z.array(z.string())),
});
export type ClearMetadataIndex = z.infer<typeof indexSchema>;

function emptyIndex(): ClearMetadataIndex {
  return { agencies: [], authors: [], next: { agency: 1, author: 1 }, sealedFlags: {} };
}

const listOf = (index: ClearMetadataIndex, kind: LabelKind) => (kind === "agency" ? index.agencies : index.authors);

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** The entry a name (current or former) belongs to. */
export function findByName(index: ClearMetadataIndex, kind: LabelKind, name: string): LabelEntry | undefined {
  const list = listOf(index, kind);
  return (
    list.find((entry) => sameName(entry.name, name)) ??
    list.find((entry) => entry.formerNames?.some((former) => sameName(former, name)))
  );
}

/** The code for `name`, adding it to the list when new (mutates `index`). */
export function codeForName(index: ClearMetadataIndex, kind: LabelKind, rawName: string): string {
  const name = rawName.trim();
  const found = findByName(index, kind, name);
  if (found) return found.code;
  const code = `${kind}-${index.next[kind]}`;
  index.next[kind] += 1;
  listOf(index, kind).push({ code, name });
  return code;
}

function nameOf(index: ClearMetadataIndex, kind: LabelKind, value: string | null | undefined) {
  if (value === null || value === undefined || !CODE_OF[kind].test(value)) return value;
  return listOf(index, kind).find((entry) => entry.code === value)?.name ?? value;
}

export async function loadIndex(context: SessionContext): Promise<ClearMetadataIndex> {
  return (await readIndexRow(context)).index;
}

/**
 * The index and the version it was read at. The row is a versioned settings row like any other:
 * the profile's records are checked against the manifest first (adopting pre-version-3 rows), then
 * the row against its MAC, so an altered, swapped or unstamped index is refused (TamperEvidenceError),
 * never read as empty and written over.
 */
async function readIndexRow(
  context: SessionContext,
): Promise<{ index: ClearMetadataIndex; ver: number | null; updatedAt: string | null }> {
  const key = context.requireKey();
  await context.verifyRecords();
  const row = await context.db.settings.get([context.profileId, CLEAR_METADATA_KEY]);
  if (!row) return { index: emptyIndex(), ver: null, updatedAt: null };
  checkRow(context, "settings", row);
  if (!row.sealed) throw new IntegrityError();
  const opened = await open(key, row.sealed, recordAad("settings", context.profileId, CLEAR_METADATA_KEY));
  const parsed = indexSchema.safeParse(opened);
  // Unreadable is an error, not an empty index: writing over it would lose every name.
  if (!parsed.success) throw new IntegrityError({ cause: parsed.error });
  return { index: parsed.data, ver: row.ver ?? null, updatedAt: row.updatedAt };
}

class IndexChangedError extends Error {}

/**
 * Read, change and write the index; `mutate` returns false when there is nothing to write. Another
 * tab may write it meanwhile, so the write checks the row is unchanged since the read and retries.
 * `alsoWrite` runs in the same transaction (e.g. the case row whose flags were just split) and must
 * stamp what it writes (`context.manifest()`), as the index row is stamped here: the index and the
 * rows it explains enter the manifest together.
 */
export async function updateIndex<T>(
  context: SessionContext,
  mutate: (index: ClearMetadataIndex) => T,
  alsoWrite?: (result: T) => Promise<void>,
  extraTables: Parameters<SessionContext["write"]>[0] = [],
): Promise<T> {
  const { db, profileId } = context;
  for (let attempt = 0; ; attempt += 1) {
    const { index, ver, updatedAt } = await readIndexRow(context);
    const before = JSON.stringify(index);
    const result = mutate(index);
    const changed = JSON.stringify(index) !== before;
    const sealed = changed
      ? await seal(context.requireKey(), index, recordAad("settings", profileId, CLEAR_METADATA_KEY))
      : null;
    try {
      await context.write([db.settings, ...extraTables], async () => {
        const current = await db.settings.get([profileId, CLEAR_METADATA_KEY]);
        // Versions are never reused, so the same version is the same row.
        if ((current?.ver ?? null) !== ver) throw new IndexChangedError();
        if (current) checkRow(context, "settings", current);
        if (sealed) {
          const nowIso = context.nowIso();
          const row: SettingRow = context.manifest().stamp(
            "settings",
            {
              profileId,
              key: CLEAR_METADATA_KEY,
              updatedAt:
                updatedAt !== null && updatedAt >= nowIso ? new Date(Date.parse(updatedAt) + 1).toISOString() : nowIso,
              value: null,
              sealed,
            },
            current,
          );
          await db.settings.put(row);
        }
        if (alsoWrite) await alsoWrite(result);
      });
      return result;
    } catch (error) {
      if (!(error instanceof IndexChangedError) || attempt >= 4) throw error;
    }
  }
}

/** What a case row may hold in clear: agency/author as codes, clear flags only; `sealedFlags` goes to the index. */
export interface ClearSplit<Fields> {
  clear: Fields;
  sealedFlags: string[] | undefined;
}

/** Turns names into codes and splits the flags (mutates `index` for new names); `caseId` gets its sealed flags. */
export function toClearFields<Fields extends { agency?: string | null; author?: string | null; flags?: string[] }>(
  index: ClearMetadataIndex,
  caseId: string,
  fields: Fields,
): Fields {
  const clear = { ...fields };
  for (const kind of ["agency", "author"] as const) {
    const value = clear[kind];
    if (typeof value === "string" && !CODE_OF[kind].test(value)) {
      const name = clearLabelSchema.safeParse(value);
      clear[kind] = name.success ? codeForName(index, kind, name.data) : null;
    }
  }
  if (clear.flags !== undefined) {
    const sealed = clear.flags.filter((flag) => !isClearFlag(flag));
    clear.flags = clear.flags.filter(isClearFlag);
    if (sealed.length > 0) index.sealedFlags[caseId] = sealed;
    else delete index.sealedFlags[caseId];
  }
  return clear;
}

/** The screens' view of a row: names for codes, the sealed flags back beside the clear ones. */
export function withNames<Summary extends Pick<CaseRow, "id" | "flags" | "agency" | "author">>(
  index: ClearMetadataIndex,
  summary: Summary,
): Summary {
  const sealedFlags = index.sealedFlags[summary.id] ?? [];
  const named = { ...summary, flags: sealedFlags.length === 0 ? summary.flags : [...summary.flags, ...sealedFlags] };
  if (summary.agency !== undefined) named.agency = nameOf(index, "agency", summary.agency);
  if (summary.author !== undefined) named.author = nameOf(index, "author", summary.author);
  return named;
}

function needsMigration(row: CaseRow): boolean {
  return (
    (typeof row.agency === "string" && !CODE_OF.agency.test(row.agency)) ||
    (typeof row.author === "string" && !CODE_OF.author.test(row.author)) ||
    row.flags.some((flag) => !isClearFlag(flag))
  );
}

/**
 * Moves free-text agency/author names and non-clear flags of this profile's case rows into the
 * sealed index (replacing them with codes). Idempotent; run on unlock and after imports.
 * Returns how many rows changed.
 */
export async function migrateClearMetadata(context: SessionContext): Promise<number> {
  const { db, profileId } = context;
  // After the record-version check (and the adoption of pre-version-3 rows): nothing unchecked is moved.
  await context.verifyRecords();
  const pending = (await readCaseRows(context.db, context.profileId, context.caseRows)).rows.filter(needsMigration);
  if (pending.length === 0) return 0;
  return updateIndex(
    context,
    (index) => pending.map((row) => ({ before: row, after: { ...row, ...toClearFields(index, row.id, row) } })),
    async (rows) => {
      const manifest = context.manifest();
      for (const { before, after } of rows) {
        const current = await db.cases.get([profileId, before.id]);
        // Changed since the read (another tab): the next unlock moves it.
        if (!current || current.ver !== before.ver) continue;
        // A rewrite vouches for the row: an altered one is refused, not stamped.
        checkRow(context, "cases", current);
        await db.cases.put(
          manifest.stamp(
            "cases",
            { ...current, agency: after.agency, author: after.author, flags: after.flags },
            current,
          ),
        );
      }
    },
    [db.cases],
  ).then((rows) => rows.length);
}

// ---------------------------------------------------------------- the agency list (Settings)

export interface Agency {
  code: string;
  name: string;
}

export async function listAgencies(context: SessionContext): Promise<Agency[]> {
  const index = await loadIndex(context);
  return index.agencies.filter((entry) => !entry.removed).map(({ code, name }) => ({ code, name }));
}

export async function addAgency(context: SessionContext, rawName: string): Promise<Agency> {
  const name = clearLabelSchema.parse(rawName);
  return updateIndex(context, (index) => {
    const found = index.agencies.find((entry) => sameName(entry.name, name));
    if (found) {
      delete found.removed;
      return { code: found.code, name: found.name };
    }
    return { code: codeForName(index, "agency", name), name };
  });
}

export async function renameAgency(context: SessionContext, code: string, rawName: string): Promise<void> {
  const name = clearLabelSchema.parse(rawName);
  await updateIndex(context, (index) => {
    const entry = index.agencies.find((candidate) => candidate.code === code);
    if (!entry || entry.name === name) return;
    entry.formerNames = [...new Set([...(entry.formerNames ?? []), entry.name])];
    entry.name = name;
  });
}

/** Hidden from the choices; cases already coded with it keep showing its name. */
export async function removeAgency(context: SessionContext, code: string): Promise<void> {
  await updateIndex(context, (index) => {
    const entry = index.agencies.find((candidate) => candidate.code === code);
    if (entry) entry.removed = true;
  });
}
