/**
 * Which of a backup's listener settings would let more in than this vault's: a non-loopback
 * address, a trusted proxy (whose X-Forwarded-For is believed), an alert age check that is off or
 * longer, larger rate limits, TradingView-only turned off. A restore applies such a value only when
 * the person chose it; everything else in the backup's listener settings is restored as before.
 */
import { isLoopbackHost } from '../../shared/loopback-host';
import type { WebhookSettings } from '../webhook/webhook-schema';
import type { ExposureChange, ExposureSetting } from './backup-schema';

type Widening = Omit<ExposureChange, 'applied'>;

/** Each setting the backup widens compared with `current`. */
export function wideningChanges(current: WebhookSettings, backup: WebhookSettings): Widening[] {
  const changes: Widening[] = [];
  if (backup.host !== current.host && !isLoopbackHost(backup.host)) {
    changes.push({ setting: 'host', name: 'listener address', current: current.host, backup: backup.host });
  }
  if (backup.trustedProxy !== null && backup.trustedProxy !== current.trustedProxy) {
    changes.push({ setting: 'trustedProxy', name: 'trusted proxy', current: current.trustedProxy ?? 'none', backup: backup.trustedProxy });
  }
  if (current.maxAlertAgeSeconds !== 0 && (backup.maxAlertAgeSeconds === 0 || backup.maxAlertAgeSeconds > current.maxAlertAgeSeconds)) {
    changes.push({ setting: 'maxAlertAge', name: 'maximum alert age', current: ageText(current.maxAlertAgeSeconds), backup: ageText(backup.maxAlertAgeSeconds) });
  }
  const larger = rateLimitNames(current, backup).filter((name) => rateLimit(backup, name) > rateLimit(current, name));
  if (larger.length > 0) {
    changes.push({ setting: 'rateLimits', name: 'rate limits', current: larger.map((name) => `${name} ${rateLimit(current, name)}`).join(', '), backup: larger.map((name) => `${name} ${rateLimit(backup, name)}`).join(', ') });
  }
  if (current.tradingViewIpsOnly && !backup.tradingViewIpsOnly) {
    changes.push({ setting: 'tradingViewIpsOnly', name: 'TradingView addresses only', current: 'on', backup: 'off' });
  }
  return changes;
}

/** The backup's settings, except each widening one not in `chosen`, which keeps this vault's value. */
export function withChosenWidening(current: WebhookSettings, backup: WebhookSettings, widening: readonly Widening[], chosen: ReadonlySet<ExposureSetting>): WebhookSettings {
  const keep = new Set(widening.map((change) => change.setting).filter((setting) => !chosen.has(setting)));
  return {
    ...backup,
    host: keep.has('host') ? current.host : backup.host,
    trustedProxy: keep.has('trustedProxy') ? current.trustedProxy : backup.trustedProxy,
    maxAlertAgeSeconds: keep.has('maxAlertAge') ? current.maxAlertAgeSeconds : backup.maxAlertAgeSeconds,
    rateLimits: keep.has('rateLimits') ? current.rateLimits : backup.rateLimits,
    tradingViewIpsOnly: keep.has('tradingViewIpsOnly') ? current.tradingViewIpsOnly : backup.tradingViewIpsOnly,
  };
}

function ageText(seconds: number): string {
  return seconds === 0 ? 'off' : `${seconds} s`;
}

// Read by name, so a limit added to the schema later is compared too.
function rateLimitNames(current: WebhookSettings, backup: WebhookSettings): string[] {
  return [...new Set([...Object.keys(current.rateLimits), ...Object.keys(backup.rateLimits)])];
}

function rateLimit(settings: WebhookSettings, name: string): number {
  const value = (settings.rateLimits as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : 0;
}
