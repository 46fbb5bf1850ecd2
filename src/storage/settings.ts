/**
 * The settings store of an unlocked profile: per-profile values, sealed when sensitive, in clear
 * otherwise (UI preferences, the active policy file). Called through `VaultSession`.
 */

import { z } from "zod";
import { open, recordAad, seal } from "./crypto";
import type { JsonValue, SettingRow } from "./db";
import { codeSchema, parseInput } from "./record-schemas";
import { checkRow, laterThan, type SessionContext } from "./session-context";

export async function setSetting(
  context: SessionContext,
  key: string,
  value: unknown,
  options: { sensitive: boolean },
): Promise<void> {
  const dataKey = context.requireKey();
  const { db, profileId } = context;
  const settingKey = parseInput(codeSchema, key, "setting name");
  const sealed = options.sensitive ? await seal(dataKey, value, recordAad("settings", profileId, settingKey)) : null;
  const clearValue = options.sensitive ? null : (parseInput(z.json(), value, "setting value") as JsonValue);
  await context.write([db.settings], async () => {
    const existing = await db.settings.get([profileId, settingKey]);
    const row: SettingRow = context.manifest().stamp(
      "settings",
      {
        profileId,
        key: settingKey,
        updatedAt: laterThan(existing?.updatedAt ?? null, context.now()),
        value: clearValue,
        sealed,
      },
      existing,
    );
    await db.settings.put(row);
  });
}

export async function getSetting(context: SessionContext, key: string): Promise<unknown> {
  const dataKey = context.requireKey();
  await context.verifyRecords();
  const row = await context.db.settings.get([context.profileId, key]);
  if (!row) return undefined;
  // A clear setting (e.g. the active policy file) is checked like any clear field.
  checkRow(context, "settings", row);
  return row.sealed ? open(dataKey, row.sealed, recordAad("settings", context.profileId, key)) : row.value;
}
