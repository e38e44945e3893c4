/**
 * Settings whose change would weaken a protection (issue 14): the auto-lock time (0 = never lock)
 * and the key checks and rotation reminder (0 = off). Stored with a MAC like the kill switch; a
 * value whose MAC fails is read as the safe default and raises the alarm. The webhook duplicate
 * window is part of the listener settings, MAC'd in webhook-settings.ts.
 */
import type { z } from 'zod';
import type { Db } from '../store/database';
import { readSettingWithMac, writeSettingWithMac, type SettingAccess } from '../store/settings-store';
import type { RowGuard } from './integrity-guard';
import { protectedRow, rowMac, rowMacMatches, settingMacFields, type ProtectedRowRef } from './row-integrity';

export const AUTO_LOCK_SETTING = 'vault.autoLockMinutes';
export const CREDENTIAL_SETTINGS_KEY = 'credentials.settings';

/** Each protected setting (beyond the kill switch and listener settings) and how an alarm names it. */
export const protectedSettingRows: readonly ProtectedRowRef[] = [
  protectedRow.setting(AUTO_LOCK_SETTING, 'the auto-lock time'),
  protectedRow.setting(CREDENTIAL_SETTINGS_KEY, 'the key check and rotation reminder settings'),
];

type Reader = Pick<Db, 'select'>;
type Guard = Pick<RowGuard, 'tampered' | 'rowsChecked'>;

/**
 * The stored value, or `fallback` when absent, malformed or (with a rows key) failing its MAC.
 * Without a rows key (locked) the stored value is used unchecked: these settings only matter
 * while unlocked, and the unlock checks them. Before this unlock's full check ran, a failing value
 * gives the fallback silently: it may be an older vault's row about to be adopted, and the check
 * raises the alarm for it if not.
 */
export function readProtectedSetting<T>(db: Reader, key: string, schema: z.ZodType<T>, fallback: T, rowsKey: Buffer | undefined, guard: Guard): T {
  const row = readSettingWithMac(db, key);
  if (!row) return fallback;
  if (rowsKey && !rowMacMatches(rowsKey, 'settings', key, settingMacFields(row.value), row.integrityMac)) {
    if (guard.rowsChecked()) guard.tampered(protectedSettingRow(key));
    return fallback;
  }
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : fallback;
}

/** Stores a protected setting with its MAC. */
export function writeProtectedSetting(db: Pick<Db, 'insert'>, key: string, value: unknown, now: number, rowsKey: Buffer): void {
  writeSettingWithMac(db, key, value, rowMac(rowsKey, 'settings', key, settingMacFields(value)), now);
}

/**
 * What the vault reads its auto-lock time through (it cannot import the guard, which depends on
 * it): given the integrity root it holds, so that reading never asks the vault whether it is unlocked.
 */
export function vaultSettingAccess(guard: Guard & { rowsKeyOf(root: Buffer): Buffer }): SettingAccess {
  return {
    read: (db, key, schema, fallback, integrityRoot) => readProtectedSetting(db, key, schema, fallback, integrityRoot && guard.rowsKeyOf(integrityRoot), guard),
    write: (db, key, value, now, integrityRoot) => writeProtectedSetting(db, key, value, now, guard.rowsKeyOf(integrityRoot)),
  };
}

export function protectedSettingRow(key: string): ProtectedRowRef {
  return protectedSettingRows.find((row) => row.key === key) ?? protectedRow.setting(key, `the setting "${key}"`);
}
