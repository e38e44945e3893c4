/**
 * Settings whose change would weaken a protection (issue 14): the auto-lock time (0 = never lock)
 * and the key checks and rotation reminder (0 = off). Stored with a MAC like the kill switch; a
 * value whose MAC fails is read as the safe default and raises the alarm. The webhook duplicate
 * window is part of the listener settings, MAC'd in webhook-settings.ts.
 */
import type { Db } from '../store/database';
import { autoLockSetting, credentialSettingsSetting, keepUnlockedWhileListeningSetting, gatewayBudgetsSetting, gatewayPricesSetting, gatewaySettingsSetting, releaseApprovalsSetting, type SettingDefinition } from '../store/settings-registry';
import { readSettingWithMac, writeSettingWithMac, type SettingAccess } from '../store/settings-store';
import type { RowGuard } from './integrity-guard';
import { protectedRow, rowMac, rowMacMatches, settingMacFields, type ProtectedRowRef } from './row-integrity';

/**
 * Each protected setting beyond the kill switch, the listener settings and the list of limit scopes.
 * The AI gateway's settings, budgets and prices (issue 17) are only ever written with a MAC, so
 * adoption never meets one without.
 */
export const protectedSettings: readonly SettingDefinition<unknown>[] = [autoLockSetting, keepUnlockedWhileListeningSetting, credentialSettingsSetting, releaseApprovalsSetting, gatewaySettingsSetting, gatewayBudgetsSetting, gatewayPricesSetting];

type Reader = Pick<Db, 'select'>;
type Guard = Pick<RowGuard, 'tampered' | 'rowsChecked'>;

/**
 * The stored value, or the fallback when absent, malformed or (with a rows key) failing its MAC.
 * Without a rows key (locked) the stored value is used unchecked: these settings only matter
 * while unlocked, and the unlock checks them. Before this unlock's full check ran, a failing value
 * gives the fallback silently: it may be an older vault's row about to be adopted, and the check
 * raises the alarm for it if not.
 */
export function readProtectedSetting<T>(db: Reader, setting: SettingDefinition<T>, rowsKey: Buffer | undefined, guard: Guard): T {
  const row = readSettingWithMac(db, setting);
  if (!row) return setting.fallback;
  if (rowsKey && !rowMacMatches(rowsKey, 'settings', setting.key, settingMacFields(row.value), row.integrityMac)) {
    if (guard.rowsChecked()) guard.tampered(protectedSettingRow(setting));
    return setting.fallback;
  }
  const parsed = setting.schema.safeParse(row.value);
  return parsed.success ? parsed.data : setting.fallback;
}

/** Stores a protected setting, in its schema's shape, with its MAC. */
export function writeProtectedSetting<T>(db: Pick<Db, 'insert'>, setting: SettingDefinition<T>, value: T, now: number, rowsKey: Buffer): void {
  const stored = setting.schema.parse(value);
  writeSettingWithMac(db, setting, stored, rowMac(rowsKey, 'settings', setting.key, settingMacFields(stored)), now);
}

/**
 * What the vault reads its auto-lock time through (it cannot import the guard, which depends on
 * it): given the integrity root it holds, so that reading never asks the vault whether it is unlocked.
 */
export function vaultSettingAccess(guard: Guard & { rowsKeyOf(root: Buffer): Buffer }): SettingAccess {
  return {
    read: (db, setting, integrityRoot) => readProtectedSetting(db, setting, integrityRoot && guard.rowsKeyOf(integrityRoot), guard),
    write: (db, setting, value, now, integrityRoot) => writeProtectedSetting(db, setting, value, now, guard.rowsKeyOf(integrityRoot)),
  };
}

/** How an integrity alarm names a protected setting. */
export function protectedSettingRow(setting: SettingDefinition<unknown>): ProtectedRowRef {
  return protectedRow.setting(setting.key, setting.integrity?.label ?? `the setting "${setting.key}"`);
}
