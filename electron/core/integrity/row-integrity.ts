/**
 * The MAC of a protected row: what decides whether money moves (issue 14). Each MAC covers the
 * table name, the row's key and exactly its security-relevant fields, as canonical JSON, under the
 * 'rows' integrity key (integrity-key.ts). Timestamps and counters that change innocently (last
 * used, use count, updated at) are left out, so only a change to what matters breaks a MAC, and a
 * MAC copied to another row or table never fits it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CredentialRow, FuturesSettingsRow, GatewayTokenRow, WebhookSourceRow } from '../store/schema';
import type { RiskLimits } from '../trading/trading-schema';
import { integrityMac } from '../vault/integrity-key';

export type ProtectedTable = 'credentials' | 'risk_limits' | 'webhook_sources' | 'settings' | 'gateway_tokens' | 'futures_settings';

/** A row that failed its check, named for a person (labels, never a secret or a token hash). */
export interface ProtectedRowRef {
  readonly table: ProtectedTable;
  /** The row's key: a credential or source id, a limits scope, a setting's key. */
  readonly key: string;
  /** What a person calls it: `credential "Binance main"`, `global risk limits`. */
  readonly label: string;
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/** JSON with object keys sorted at every level and undefined fields dropped: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(value: Json | undefined): Json | undefined {
  if (Array.isArray(value)) return value.map((item) => sortKeys(item) ?? null);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = sortKeys((value as Record<string, Json | undefined>)[key]);
      if (inner !== undefined) sorted[key] = inner;
    }
    return sorted;
  }
  return value;
}

/** The MAC of one row's protected fields. */
export function rowMac(rowsKey: Buffer, table: ProtectedTable, rowKey: string, fields: unknown): string {
  return integrityMac(rowsKey, canonicalJson({ table, key: rowKey, fields }));
}

/** Whether `stored` is the MAC of these fields (constant-time; a missing MAC never matches). */
export function rowMacMatches(rowsKey: Buffer, table: ProtectedTable, rowKey: string, fields: unknown, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const expected = Buffer.from(rowMac(rowsKey, table, rowKey, fields), 'utf8');
  const actual = Buffer.from(stored, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * What of a credential decides whether and where its key may trade, and whether programs may be
 * handed its fields. `allowPrograms` joins only when on, and the owner's expiry date only when set:
 * rows MAC'd before they existed keep their MAC, and switching programs on, or moving or removing an
 * expiry date, outside Keywarden breaks it.
 */
export function credentialMacFields(row: Pick<CredentialRow, 'id' | 'kind' | 'provider' | 'environment' | 'status' | 'tradingBlock' | 'acceptedPermissions' | 'allowPrograms' | 'ownExpiresAt'>): unknown {
  return {
    id: row.id,
    kind: row.kind,
    provider: row.provider,
    environment: row.environment,
    status: row.status,
    tradingBlock: row.tradingBlock ?? null,
    acceptedPermissions: row.acceptedPermissions ?? null,
    ...(row.allowPrograms ? { allowPrograms: true } : {}),
    ...(row.ownExpiresAt !== null && row.ownExpiresAt !== undefined ? { ownExpiresAt: row.ownExpiresAt } : {}),
  };
}

/** Every limit field (null = no limit, so a removed cap changes the MAC). */
export function limitsMacFields(limits: RiskLimits): unknown {
  return {
    tradingEnabled: limits.tradingEnabled,
    paperMode: limits.paperMode,
    symbolAllowList: limits.symbolAllowList ?? null,
    maxOrderNotionalUsd: limits.maxOrderNotionalUsd ?? null,
    maxDailyNotionalUsd: limits.maxDailyNotionalUsd ?? null,
    maxOpenExposureUsd: limits.maxOpenExposureUsd ?? null,
    maxOrdersPerMinute: limits.maxOrdersPerMinute ?? null,
    maxPriceDeviationPct: limits.maxPriceDeviationPct ?? null,
    // Added later (issue 20): only when set, so every row MAC'd before them still matches.
    ...(limits.maxLeverage != null ? { maxLeverage: limits.maxLeverage } : {}),
    ...(limits.maxPositionNotionalUsd != null ? { maxPositionNotionalUsd: limits.maxPositionNotionalUsd } : {}),
  };
}

/** What lets a request in and what it may trade: token hashes, the grace window, scope, enabled. */
export function sourceMacFields(row: Pick<WebhookSourceRow, 'tokenHash' | 'previousTokenHash' | 'previousValidUntil' | 'scope' | 'enabled'>): unknown {
  return {
    tokenHash: row.tokenHash,
    previousTokenHash: row.previousTokenHash ?? null,
    previousValidUntil: row.previousValidUntil ?? null,
    scope: row.scope,
    enabled: row.enabled,
  };
}

/** What lets a program spend through the AI gateway: the token's hash, the keys it may use, and whether it was revoked. */
export function gatewayTokenMacFields(row: Pick<GatewayTokenRow, 'tokenHash' | 'keyIds' | 'revokedAt'>): unknown {
  return { tokenHash: row.tokenHash, keyIds: row.keyIds, revokedAt: row.revokedAt ?? null };
}

/**
 * A person's leverage and margin mode on one perpetual: paper orders tie up margin by it and a new
 * leverage keeps its margin mode, so an edit in the data folder must not be used.
 */
export function futuresSettingMacFields(row: Pick<FuturesSettingsRow, 'leverage' | 'marginMode'>): unknown {
  return { leverage: row.leverage, marginMode: row.marginMode };
}

/** A futures_settings row's key: account and symbol (neither holds a '|'). */
export function futuresSettingKey(credentialId: string, symbol: string): string {
  return `${credentialId}|${symbol}`;
}

/** A protected setting's whole value. */
export function settingMacFields(value: unknown): unknown {
  return { value };
}

/** How each protected row is named in an alarm. */
export const protectedRow = {
  credential: (row: Pick<CredentialRow, 'id' | 'label'>): ProtectedRowRef => ({ table: 'credentials', key: row.id, label: `key "${row.label}"` }),
  limits: (scope: string): ProtectedRowRef => ({ table: 'risk_limits', key: scope, label: scope === 'global' ? 'global risk limits' : `risk limits of account ${scope}` }),
  source: (row: Pick<WebhookSourceRow, 'id' | 'label'>): ProtectedRowRef => ({ table: 'webhook_sources', key: row.id, label: `alert source "${row.label}"` }),
  setting: (key: string, label: string): ProtectedRowRef => ({ table: 'settings', key, label }),
  futuresSetting: (credentialId: string, symbol: string): ProtectedRowRef => ({ table: 'futures_settings', key: futuresSettingKey(credentialId, symbol), label: `leverage on ${symbol} of account ${credentialId}` }),
  gatewayToken: (row: Pick<GatewayTokenRow, 'id' | 'label'>): ProtectedRowRef => ({ table: 'gateway_tokens', key: row.id, label: `AI gateway local token "${row.label}"` }),
} as const;
