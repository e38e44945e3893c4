/**
 * The kinds of audit event a person filters by, and which key a row is about. The database indexes
 * both as generated columns (store/schema.ts builds their SQL from these tables), so a filter by
 * kind or key reads an index and the JavaScript below reads a row the same way.
 */

export const auditKinds = ['keys', 'trading', 'alerts', 'vault', 'backups', 'settings', 'security', 'ai'] as const;
export type AuditKind = (typeof auditKinds)[number];

export const auditKindWords: Readonly<Record<AuditKind, string>> = {
  keys: 'Keys',
  trading: 'Trading',
  alerts: 'Alerts',
  vault: 'Vault',
  backups: 'Backups and imports',
  settings: 'Settings',
  security: 'Security',
  ai: 'AI gateway',
};

/** Whole action names that belong to a kind other than their prefix's (checked before the prefixes). */
export const kindByAction: Readonly<Record<string, AuditKind>> = {
  'credentials.setSettings': 'settings',
  'webhook.settings': 'settings',
  'vault.setAutoLock': 'settings',
  'vault.setKeepUnlockedWhileListening': 'settings',
  'gateway.settings': 'settings',
  'env.import': 'backups',
};

/** Action prefixes and their kind, first match wins. */
export const kindByPrefix: readonly (readonly [string, AuditKind])[] = [
  ['credential.', 'keys'],
  ['credentials.', 'keys'],
  ['order.', 'trading'],
  ['trading.', 'trading'],
  ['limits.', 'trading'],
  ['webhook.', 'alerts'],
  ['vault.', 'vault'],
  ['backup.', 'backups'],
  ['integrity.', 'security'],
  ['audit.', 'security'],
  ['store.', 'security'],
  ['gateway.', 'ai'],
];

/** An action of a newer version nobody mapped yet still has a kind. */
export const FALLBACK_KIND: AuditKind = 'security';

export function auditKind(action: string): AuditKind {
  const exact = kindByAction[action];
  if (exact) return exact;
  return kindByPrefix.find(([prefix]) => action.startsWith(prefix))?.[1] ?? FALLBACK_KIND;
}

/** Actions whose `subject` is the key (credential id) they are about. */
export const keySubjectPrefixes: readonly string[] = ['credential.'];
export const keySubjectActions: readonly string[] = ['limits.set'];
/** Otherwise, these detail fields name the key (an order's account, a drift's account, an AI budget's key). */
export const keyDetailFields: readonly string[] = ['credentialId', 'accountId', 'key'];

interface KeyedRow {
  readonly action: string;
  readonly subject: string | null;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/** The credential id a row is about, or null. */
export function auditKeyId(row: KeyedRow): string | null {
  if (keySubjectActions.includes(row.action) || keySubjectPrefixes.some((prefix) => row.action.startsWith(prefix))) return row.subject;
  for (const field of keyDetailFields) {
    const value = row.details[field];
    if (typeof value === 'string') return value;
  }
  return null;
}
