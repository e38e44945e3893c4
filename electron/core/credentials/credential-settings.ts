/**
 * How often keys are re-verified, and when a key counts as due for rotation. Stored in `settings`
 * with a MAC (issue 14: turning both off weakens a protection); a value changed outside Keywarden
 * reads as the defaults and raises the alarm.
 */
import type { Clock } from '../clock';
import type { RowGuard } from '../integrity/integrity-guard';
import { readProtectedSetting, writeProtectedSetting } from '../integrity/protected-setting';
import type { Db } from '../store/database';
import { credentialSettingsSetting } from '../store/settings-registry';

import { CredentialSettings } from './credential-settings-schema';

export { CredentialSettings };

export function readCredentialSettings(db: Pick<Db, 'select'>, guard: RowGuard): CredentialSettings {
  return readProtectedSetting(db, credentialSettingsSetting, guard.rowsKeyIfUnlocked(), guard);
}

/** Stores the settings with their MAC (the vault must be unlocked). */
export function writeCredentialSettings(db: Pick<Db, 'insert'>, settings: CredentialSettings, clock: Clock, guard: RowGuard): void {
  writeProtectedSetting(db, credentialSettingsSetting, settings, clock.now(), guard.rowsKey());
}
