/** How often keys are re-verified, and when a key counts as due for rotation. Stored in `settings`. */
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { readSetting, writeSetting } from '../store/settings-store';

import { CredentialSettings } from './credential-settings-schema';

export { CredentialSettings };

export const defaultCredentialSettings: CredentialSettings = { verifyIntervalHours: 24, rotationReminderDays: 90 };
const KEY = 'credentials.settings';

export function readCredentialSettings(db: Pick<Db, 'select'>): CredentialSettings {
  return readSetting(db, KEY, CredentialSettings, defaultCredentialSettings);
}

export function writeCredentialSettings(db: Pick<Db, 'insert'>, settings: CredentialSettings, clock: Clock): void {
  writeSetting(db, KEY, CredentialSettings.parse(settings), clock.now());
}
