/**
 * The settings a backup carries: each one settings-registry.ts marks for backups, under its own
 * field of the backup's settings section. A restore writes a setting only where this vault never
 * set its own (one it has is kept, whatever its value), in the same transaction as the keys, MAC'd
 * as its owner would. It never lowers protection (issue 14): listener settings that would let more
 * in are applied only when the person chose them, and it never turns the listener on or off (that
 * stays this machine's choice, on the Webhook page).
 */
import type { Clock } from '../clock';
import type { RowGuard } from '../integrity/integrity-guard';
import { readProtectedSetting, writeProtectedSetting } from '../integrity/protected-setting';
import type { Db } from '../store/database';
import { settingsInBackups, webhookSettingsSetting, type BackedUpSetting } from '../store/settings-registry';
import { isSettingStored, readSetting, writeSetting } from '../store/settings-store';
import type { WebhookSettings } from '../webhook/webhook-schema';
import type { BackupSettings } from './backup-payload';
import type { ExposureChange, ExposureSetting, RestoredSetting } from './backup-schema';
import { wideningChanges, withChosenWidening } from './listener-exposure';

type Reader = Pick<Db, 'select'>;

/** Each carried setting's value as this vault uses it (the vault is unlocked: MACs are checked). */
export function readSettingsForBackup(db: Reader, guard: RowGuard): BackupSettings {
  return Object.fromEntries(settingsInBackups.map((setting) => [setting.backup.field, effectiveValue(db, setting, guard)]));
}

/**
 * Restores each setting this vault has never set itself (compared with its effective value); reports
 * every one, and each listener setting the backup would widen (applied only when in `chosen`).
 */
export function restoreSettings(tx: Pick<Db, 'select' | 'insert'>, clock: Clock, backup: BackupSettings, chosen: ReadonlySet<ExposureSetting>, guard: RowGuard): { report: RestoredSetting[]; exposure: ExposureChange[] } {
  const report: RestoredSetting[] = [];
  let exposure: ExposureChange[] = [];
  for (const setting of settingsInBackups) {
    let wanted = backup[setting.backup.field];
    if (wanted === undefined) continue;
    const current = effectiveValue(tx, setting, guard);
    const ownValue = isSettingStored(tx, setting);
    if (setting === webhookSettingsSetting) {
      const listener = listenerFromBackup(current as WebhookSettings, wanted as WebhookSettings, chosen);
      wanted = listener.wanted;
      // Settings this vault set itself are kept whole: then nothing in the backup widens anything.
      if (!ownValue) exposure = listener.exposure;
    }
    const name = setting.backup.name;
    if (JSON.stringify(wanted) === JSON.stringify(current)) report.push({ name, result: 'unchanged' });
    else if (ownValue) report.push({ name, result: 'kept' });
    else {
      storeValue(tx, setting, wanted, clock.now(), guard);
      report.push({ name, result: 'restored' });
    }
  }
  return { report, exposure };
}

/** The backup's listener settings with this vault's `enabled`, and each widening kept back unless chosen. */
function listenerFromBackup(current: WebhookSettings, backup: WebhookSettings, chosen: ReadonlySet<ExposureSetting>): { wanted: WebhookSettings; exposure: ExposureChange[] } {
  const fromBackup = { ...backup, enabled: current.enabled };
  const widening = wideningChanges(current, fromBackup);
  return {
    wanted: withChosenWidening(current, fromBackup, widening, chosen),
    exposure: widening.map((change) => ({ ...change, applied: chosen.has(change.setting) })),
  };
}

function effectiveValue(db: Reader, setting: BackedUpSetting, guard: RowGuard): unknown {
  return setting.integrity ? readProtectedSetting(db, setting, guard.rowsKey(), guard) : readSetting(db, setting);
}

function storeValue(tx: Pick<Db, 'insert'>, setting: BackedUpSetting, value: unknown, now: number, guard: RowGuard): void {
  if (!setting.integrity) return writeSetting(tx, setting, value, now);
  writeProtectedSetting(tx, setting, value, now, guard.rowsKey());
  guard.rowWritten();
}
