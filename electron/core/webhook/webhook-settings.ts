/** The listener's settings, stored in `settings` under one key and read back through zod. */
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import type { Db } from '../store/database';
import { readSetting, writeSetting } from '../store/settings-store';
import { WebhookSettings, WebhookSettingsPatch } from './webhook-schema';

export const WEBHOOK_SETTINGS_KEY = 'webhook.settings';

/**
 * Defaults: loopback only (a reverse proxy or tunnel exposes it), port 8787 (free on most machines,
 * above 1024 so no privileges are needed), 16 KiB bodies (a generated message is under 1 KiB), alerts
 * older than 60 s refused, duplicates within 60 s ignored, and rate limits far above what TradingView
 * can send (it stops a strategy's alerts after 15 in 3 minutes) but low enough to stop a flood.
 */
export const defaultWebhookSettings: WebhookSettings = {
  enabled: false,
  host: '127.0.0.1',
  port: 8787,
  tradingViewIpsOnly: false,
  trustedProxy: null,
  maxBodyBytes: 16 * 1024,
  maxAlertAgeSeconds: 60,
  dedupeWindowSeconds: 60,
  rateLimits: { globalPerSecond: 20, globalBurst: 50, sourcePerSecond: 5, sourceBurst: 20, failuresPerMinute: 20, failureBurst: 20 },
  publicBaseUrl: null,
};

export function readWebhookSettings(db: Pick<Db, 'select'>): WebhookSettings {
  return readSetting(db, WEBHOOK_SETTINGS_KEY, WebhookSettings, defaultWebhookSettings);
}

/** Applies a partial change on top of the stored settings; names the first bad field. */
export function mergeWebhookSettings(current: WebhookSettings, patch: unknown): WebhookSettings {
  const parsedPatch = WebhookSettingsPatch.safeParse(patch);
  if (!parsedPatch.success) throw settingsError(parsedPatch.error.issues[0]);
  const { rateLimits, ...rest } = parsedPatch.data;
  const merged = WebhookSettings.safeParse({ ...current, ...rest, rateLimits: { ...current.rateLimits, ...rateLimits } });
  if (!merged.success) throw settingsError(merged.error.issues[0]);
  return merged.data;
}

export function writeWebhookSettings(db: Pick<Db, 'insert'>, settings: WebhookSettings, clock: Clock): void {
  writeSetting(db, WEBHOOK_SETTINGS_KEY, WebhookSettings.parse(settings), clock.now());
}

function settingsError(issue: { path: PropertyKey[]; message: string; code?: string; keys?: string[] } | undefined): KeywardenError {
  const field = issue?.path.length ? issue.path.map(String).join('.') : 'settings';
  const problem = issue?.code === 'unrecognized_keys' && issue.keys ? `has unknown field(s) ${issue.keys.map((k) => `"${k.slice(0, 32)}"`).join(', ')}` : issue?.message ?? 'is not valid';
  return new KeywardenError('INVALID_INPUT', `${field} ${problem}.`, { field });
}
