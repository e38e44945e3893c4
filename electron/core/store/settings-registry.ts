/**
 * Every row of the `settings` table, declared once: its key as stored on disk (never renamed: old
 * vaults hold it), the zod schema its value is read back through, the value that stands in when
 * none is stored or the stored one does not parse, whether it carries a MAC (row-integrity.ts) and
 * whether backups carry it. settings-store.ts reads and writes a setting only through its entry
 * here; backups learn from here which settings they carry (backup-payload.ts, backup-service.ts).
 * Pure data and zod: the schemas come from the owners' schema files.
 */
import { z } from 'zod';
import { MAX_AUTO_LOCK_MINUTES } from '../../shared/setting-ranges';
import { examplePrices } from '../ai-gateway/example-prices';
import { GatewaySettings, KeyBudgets, PriceTable } from '../ai-gateway/gateway-schema';
import { CredentialSettings } from '../credentials/credential-settings-schema';
import { AlwaysApproval } from '../credentials/key-release-schema';
import { WebhookSettings } from '../webhook/webhook-schema';

export interface SettingDefinition<T> {
  readonly key: string;
  readonly schema: z.ZodType<T>;
  readonly fallback: T;
  /** Stored with a MAC, checked at unlock and before use; `label` names it in an integrity alarm. */
  readonly integrity?: { readonly label: string };
  /** Carried in backups: under `field` in the backup's settings section, named `name` in a restore's report. */
  readonly backup?: { readonly field: string; readonly name: string };
}

/** The schema alone decides the type: a fallback of `null` must not narrow it. */
function defineSetting<T>(definition: Omit<SettingDefinition<T>, 'fallback'> & { readonly fallback: NoInfer<T> }): SettingDefinition<T> {
  return definition;
}

/** The fingerprint key, sealed under the vault key (base64); re-sealed at each key rotation. */
export const fingerprintKeySetting = defineSetting({ key: 'vault.fingerprintKey', schema: z.string(), fallback: '' });

/** The integrity root (integrity-key.ts), sealed under the vault key (base64); '' in a vault made before it existed. */
export const integrityKeySetting = defineSetting({ key: 'vault.integrityKey', schema: z.string(), fallback: '' });

/** Minutes of inactivity before the vault locks itself; 0 never locks (issue 14: MAC'd, it weakens a protection). */
export const autoLockSetting = defineSetting({
  key: 'vault.autoLockMinutes',
  schema: z.number().int().min(0).max(MAX_AUTO_LOCK_MINUTES),
  fallback: 15,
  integrity: { label: 'the auto-lock time' },
  backup: { field: 'autoLockMinutes', name: 'auto-lock' },
});

/**
 * Issue 19: the idle auto-lock waits while the webhook listener runs with an enabled source, so alerts
 * are not refused on a machine the person trusts. MAC'd like the auto-lock time: it weakens a protection.
 */
export const keepUnlockedWhileListeningSetting = defineSetting({
  key: 'vault.keepUnlockedWhileListening',
  schema: z.boolean(),
  fallback: false,
  integrity: { label: 'keep the vault unlocked while the listener is on' },
});

/** Failed passphrase attempts in a row and when the last one was (unlock-throttle.ts). */
export const unlockFailuresSetting = defineSetting({
  key: 'vault.unlockFailures',
  schema: z.object({ count: z.number().int().nonnegative(), lastAt: z.number() }),
  fallback: { count: 0, lastAt: 0 },
});

/** Which context credential secrets are sealed under (secret-context-upgrade.ts); absent means the first. */
export const secretContextVersionSetting = defineSetting({ key: 'vault.secretContextVersion', schema: z.number().int(), fallback: 1 });

/** Re-verification interval and rotation reminder age; turning both off weakens a protection (MAC'd). */
export const credentialSettingsSetting = defineSetting({
  key: 'credentials.settings',
  schema: CredentialSettings,
  fallback: { verifyIntervalHours: 24, rotationReminderDays: 90 },
  integrity: { label: 'the key check and rotation reminder settings' },
  backup: { field: 'credentials', name: 'key checks and rotation reminder' },
});

/**
 * The webhook listener's settings. Defaults: loopback only (a reverse proxy or tunnel exposes it),
 * port 8787 (free on most machines, above 1024 so no privileges are needed), 16 KiB bodies (a
 * generated message is under 1 KiB), alerts older than 60 s refused, duplicates within 60 s ignored,
 * and rate limits far above what TradingView can send (it stops a strategy's alerts after 15 in 3
 * minutes) but low enough to stop a flood.
 */
export const webhookSettingsSetting = defineSetting({
  key: 'webhook.settings',
  schema: WebhookSettings,
  fallback: {
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
    tunnel: 'none',
    // Retention (issue 22): accepted alerts 90 days, refused requests 7; the orders themselves stay.
    keepAcceptedDays: 90,
    keepRefusedDays: 7,
  },
  integrity: { label: 'the webhook listener settings' },
  backup: { field: 'webhook', name: 'webhook listener settings' },
});

/** The kill switch (risk-limits-store.ts): paused is always believed, "not paused" needs its MAC. */
export const pauseSetting = defineSetting({
  key: 'trading.pause',
  schema: z.object({ paused: z.boolean(), reason: z.string().nullable(), since: z.number().nullable() }),
  fallback: { paused: false, reason: null, since: null },
  integrity: { label: 'the kill switch' },
});

/** Every scope with its own risk limits row, so that deleting a row is noticed (risk-limits-store.ts). */
export const limitScopesSetting = defineSetting({
  key: 'limits.scopes',
  schema: z.array(z.string()),
  fallback: [],
  integrity: { label: 'the list of accounts with their own risk limits' },
});

/**
 * The programs a person allowed to read a key always (release-approvals.ts); MAC'd, since a row
 * planted outside Keywarden would hand a key to a program nobody allowed. Absent = none allowed.
 */
export const releaseApprovalsSetting = defineSetting({
  key: 'credentials.releaseApprovals',
  schema: z.array(AlwaysApproval),
  fallback: [],
  integrity: { label: 'the programs allowed to read keys' },
});

/**
 * The AI gateway's settings (docs/ai-gateway.md). Defaults: off, loopback only (it is for programs
 * on this computer), port 8788 (next to the webhook's 8787), 8 MiB bodies (a chat request with a
 * few images; a provider's own limits are larger, and each body is held in memory while forwarded),
 * 32 calls at a time. MAC'd: it decides where money can be spent from.
 */
export const gatewaySettingsSetting = defineSetting({
  key: 'gateway.settings',
  schema: GatewaySettings,
  fallback: { enabled: false, host: '127.0.0.1', port: 8788, maxBodyBytes: 8 * 1024 * 1024, maxConcurrent: 32 },
  integrity: { label: 'the AI gateway settings' },
});

/** Each AI key's monthly budget (USD) and calls per minute in the gateway; absent = none. MAC'd: they decide whether money is spent. */
export const gatewayBudgetsSetting = defineSetting({
  key: 'gateway.budgets',
  schema: KeyBudgets,
  fallback: [],
  integrity: { label: 'the AI gateway budgets' },
});

/**
 * The gateway's price table (USD per million tokens), which budgets are counted in; starts with
 * examples (example-prices.ts). MAC'd. Carried in backups: prices the person checked are work worth
 * keeping (a vault that set its own keeps them, as for every setting).
 */
export const gatewayPricesSetting = defineSetting({
  key: 'gateway.prices',
  schema: PriceTable,
  fallback: [...examplePrices],
  integrity: { label: 'the AI gateway price table' },
  backup: { field: 'gatewayPrices', name: 'AI gateway price table' },
});

/**
 * Marks that the rows of this vault were adopted once, and by which integrity version (an early
 * marker has none). Without it (and without any MAC stored), the next unlock adopts every row as it
 * is; with it, a row without a MAC is an alarm (integrity-check.ts).
 */
export const integrityAdoptedSetting = defineSetting({
  key: 'integrity.adopted',
  schema: z.object({ at: z.number(), version: z.number().int().optional() }).optional(),
  fallback: undefined,
  integrity: { label: 'the record that this vault\'s rows were adopted' },
});

/**
 * The audit log's head (AuditHead in audit-chain.ts), absent before the first row. Moved by every
 * append in the audit log's own statements (audit-log.ts); it carries a MAC of its own.
 */
export const auditHeadSetting = defineSetting({
  key: 'audit.head',
  schema: z.object({ seq: z.number().int(), hash: z.string(), keyedSeq: z.number().int().optional(), keyedMac: z.string().optional() }).optional(),
  fallback: undefined,
});

/** Every setting. Backups carry theirs in this order, and a restore reports them in it. */
export const allSettings: readonly SettingDefinition<unknown>[] = [
  fingerprintKeySetting,
  integrityKeySetting,
  credentialSettingsSetting,
  autoLockSetting,
  keepUnlockedWhileListeningSetting,
  unlockFailuresSetting,
  secretContextVersionSetting,
  webhookSettingsSetting,
  pauseSetting,
  limitScopesSetting,
  releaseApprovalsSetting,
  integrityAdoptedSetting,
  auditHeadSetting,
  gatewaySettingsSetting,
  gatewayBudgetsSetting,
  gatewayPricesSetting,
];

/** A setting by its stored key (an integrity alarm names its row by key). */
export function settingByKey(key: string): SettingDefinition<unknown> | undefined {
  return allSettings.find((setting) => setting.key === key);
}

export type BackedUpSetting = SettingDefinition<unknown> & { readonly backup: NonNullable<SettingDefinition<unknown>['backup']> };

/** The settings a backup carries, in the order it writes them. */
export const settingsInBackups: readonly BackedUpSetting[] = allSettings.filter((setting): setting is BackedUpSetting => setting.backup !== undefined);
