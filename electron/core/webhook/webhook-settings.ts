/** The listener's settings, stored in `settings` under one key and read back through zod. */
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import type { RowGuard } from '../integrity/integrity-guard';
import { protectedSettingRow } from '../integrity/protected-setting';
import { rowMac, rowMacMatches, settingMacFields } from '../integrity/row-integrity';
import type { Db } from '../store/database';
import { webhookSettingsSetting } from '../store/settings-registry';
import { readSettingWithMac, writeSettingWithMac } from '../store/settings-store';
import { WebhookSettings, WebhookSettingsPatch } from './webhook-schema';
import { isLoopbackHost } from '../../shared/loopback-host';

export const webhookSettingsRow = protectedSettingRow(webhookSettingsSetting);

/** The defaults (loopback, limits on) and why: settings-registry.ts. */
export const defaultWebhookSettings: WebhookSettings = webhookSettingsSetting.fallback;

/**
 * The stored settings, or the defaults (loopback, limits on) when none are stored, when they do
 * not parse, or when they were changed outside Keywarden (then the alarm is raised too). While the
 * vault is locked the MAC cannot be checked, and no alert can be placed anyway: the stored settings
 * are used, except that nothing wider than loopback is bound and no proxy is trusted until the unlock
 * has verified them (the service then moves the listener; see WebhookService).
 */
export function readWebhookSettings(db: Pick<Db, 'select'>, guard: RowGuard): WebhookSettings {
  const row = readSettingWithMac(db, webhookSettingsSetting);
  if (!row) return defaultWebhookSettings;
  const key = guard.rowsKeyIfUnlocked();
  if (key && !rowMacMatches(key, 'settings', webhookSettingsSetting.key, settingMacFields(row.value), row.integrityMac)) {
    guard.tampered(webhookSettingsRow);
    return defaultWebhookSettings;
  }
  const parsed = WebhookSettings.safeParse(row.value);
  if (!parsed.success) return defaultWebhookSettings;
  if (!key && !isLoopbackHost(parsed.data.host)) return { ...parsed.data, host: defaultWebhookSettings.host, trustedProxy: null };
  if (!key && parsed.data.trustedProxy !== null) return { ...parsed.data, trustedProxy: null };
  return parsed.data;
}

/**
 * Applies a partial change on top of the stored settings; names the first bad field. Moving the
 * listener to a non-loopback address needs `allowLan: true` in the patch (see assertLanConfirmed).
 */
export function mergeWebhookSettings(current: WebhookSettings, patch: unknown): WebhookSettings {
  const isObject = typeof patch === 'object' && patch !== null;
  const { allowLan, ...settingsPatch } = isObject ? (patch as Record<string, unknown>) : {};
  const parsedPatch = WebhookSettingsPatch.safeParse(isObject ? settingsPatch : patch);
  if (!parsedPatch.success) throw settingsError(parsedPatch.error.issues[0]);
  const { rateLimits, ...rest } = parsedPatch.data;
  const merged = WebhookSettings.safeParse({ ...current, ...rest, rateLimits: { ...current.rateLimits, ...rateLimits } });
  if (!merged.success) throw settingsError(merged.error.issues[0]);
  if (merged.data.host !== current.host) assertLanConfirmed(merged.data.host, allowLan === true);
  return merged.data;
}

/**
 * The listener speaks plain HTTP and the token is part of the URL path: on any address but
 * loopback, everyone on the network who can see the traffic can read the token and place orders
 * with it. So binding there is never a side effect of a typo; the person confirms it.
 */
export function assertLanConfirmed(host: string, allowLan: boolean): void {
  if (isLoopbackHost(host) || allowLan) return;
  throw new KeywardenError(
    'INVALID_INPUT',
    `Listening on ${host} exposes the webhook to your network over plain HTTP, with each alert source's token in the URL: anyone who can see that traffic can read a token and place orders with it. Prefer 127.0.0.1 behind an HTTPS tunnel or reverse proxy. To bind ${host} anyway, confirm it (--allow-lan in the CLI).`,
    { field: 'host', needsAllowLan: true },
  );
}

/** Stores the settings with their MAC (the vault must be unlocked). */
export function writeWebhookSettings(db: Pick<Db, 'insert'>, settings: WebhookSettings, clock: Clock, guard: RowGuard): void {
  const value = WebhookSettings.parse(settings);
  writeSettingWithMac(db, webhookSettingsSetting, value, rowMac(guard.rowsKey(), 'settings', webhookSettingsSetting.key, settingMacFields(value)), clock.now());
  guard.rowWritten();
}

function settingsError(issue: { path: PropertyKey[]; message: string; code?: string; keys?: string[] } | undefined): KeywardenError {
  const field = issue?.path.length ? issue.path.map(String).join('.') : 'settings';
  const problem = issue?.code === 'unrecognized_keys' && issue.keys ? `has unknown field(s) ${issue.keys.map((k) => `"${k.slice(0, 32)}"`).join(', ')}` : issue?.message ?? 'is not valid';
  return new KeywardenError('INVALID_INPUT', `${field} ${problem}.`, { field });
}
