/**
 * The registry is what old vaults and old backups are read through: its keys and backup fields are
 * what is on disk, and a fallback must be a value its own schema accepts (it stands in for a
 * damaged row).
 */
import { describe, expect, it } from 'vitest';
import { allSettings, settingByKey, settingsInBackups } from './settings-registry';

describe('settings registry', () => {
  it('keeps the keys vaults already hold, each declared once', () => {
    expect(allSettings.map((setting) => setting.key)).toEqual([
      'vault.fingerprintKey',
      'vault.integrityKey',
      'credentials.settings',
      'vault.autoLockMinutes',
      'vault.keepUnlockedWhileListening',
      'vault.unlockFailures',
      'vault.secretContextVersion',
      'webhook.settings',
      'trading.pause',
      'limits.scopes',
      'credentials.releaseApprovals',
      'integrity.adopted',
      'audit.head',
      'gateway.settings',
      'gateway.budgets',
      'gateway.prices',
    ]);
    for (const setting of allSettings) expect(settingByKey(setting.key)).toBe(setting);
  });

  it('carries in backups the settings older backups hold, under the same fields', () => {
    expect(settingsInBackups.map((setting) => [setting.backup.field, setting.key])).toEqual([
      ['credentials', 'credentials.settings'],
      ['autoLockMinutes', 'vault.autoLockMinutes'],
      ['webhook', 'webhook.settings'],
      ['gatewayPrices', 'gateway.prices'],
    ]);
  });

  it('falls back to values its schemas accept', () => {
    for (const setting of allSettings) expect(setting.schema.safeParse(setting.fallback).success, setting.key).toBe(true);
  });
});
