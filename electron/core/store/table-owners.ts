/**
 * Which module owns each table of schema.ts: the one place whose SQL (raw, or drizzle through the
 * table object) reads and writes it. Everyone else calls the owner's functions, passing the handle
 * or transaction they hold, so a transaction spanning tables still commits once.
 * table-ownership.test.ts fails when a table is used in SQL outside its owner and the modules listed
 * in `alsoIn`, when a table has no entry here, and when an `alsoIn` entry no longer uses the table.
 *
 * Paths are from the repository root; one ending in / is a folder.
 */
export interface TableOwnership {
  readonly owner: string;
  /** Modules that use the table too, each with why (a check of every row, or a join to pay back later). */
  readonly alsoIn?: Readonly<Record<string, string>>;
}

const INTEGRITY_CHECK = 'electron/core/integrity/integrity-check.ts';
const everyProtectedRow = 'the integrity check reads and re-MACs every protected row, with the fields row-integrity.ts names';

export const tableOwners = {
  vault_keys: {
    owner: 'electron/core/vault/vault.ts',
    alsoIn: { 'electron/core/audit/audit-verify.ts': 'whether a vault exists, so that an empty log reads as deleted rows' },
  },
  credentials: {
    owner: 'electron/core/credentials/',
    alsoIn: {
      [INTEGRITY_CHECK]: everyProtectedRow,
      'electron/core/trading/order-store.ts': 'orders are listed with their account\'s label and provider, in one join',
      'electron/core/webhook/webhook-sources.ts': 'the labels of a source\'s accounts, and whether they still exist before it is enabled',
      'electron/core/key-lifecycle/verification-scheduler.ts': 'which keys are due: each key with its last verification, in one query',
    },
  },
  credential_secrets: { owner: 'electron/core/credentials/' },
  verifications: {
    owner: 'electron/core/credentials/',
    alsoIn: { 'electron/core/key-lifecycle/verification-scheduler.ts': 'which keys are due: each key with its last verification, in one query' },
  },
  credential_key_history: { owner: 'electron/core/credentials/' },
  key_uses: { owner: 'electron/core/credentials/' },
  risk_limits: {
    owner: 'electron/core/trading/risk-limits-store.ts',
    alsoIn: { [INTEGRITY_CHECK]: everyProtectedRow },
  },
  orders: {
    owner: 'electron/core/trading/order-store.ts',
    alsoIn: {
      'electron/core/credentials/key-usage.ts': 'an order the exchange took is a use of its key: the usage report counts orders rather than a second row per order',
      'electron/core/audit/audit-order-reference.ts': 'an alert\'s audit record is hashed with its order\'s fixed facts instead of a copy of them (one indexed read per record)',
    },
  },
  futures_settings: { owner: 'electron/core/trading/futures/futures-settings.ts' },
  // Kept by triggers on `orders` (drizzle/), read as running usage totals.
  order_daily_usage: { owner: 'electron/core/trading/order-store.ts' },
  order_exposure: { owner: 'electron/core/trading/order-store.ts' },
  recent_sent_orders: { owner: 'electron/core/trading/order-store.ts' },
  webhook_sources: {
    owner: 'electron/core/webhook/webhook-sources.ts',
    alsoIn: { [INTEGRITY_CHECK]: everyProtectedRow },
  },
  retired_token_hashes: { owner: 'electron/core/webhook/retired-tokens.ts' },
  webhook_refusal_counts: { owner: 'electron/core/webhook/refusal-counter.ts' },
  webhook_events: { owner: 'electron/core/webhook/webhook-event-log.ts' },
  drift_tracks: { owner: 'electron/core/webhook/drift-store.ts' },
  position_drifts: { owner: 'electron/core/webhook/drift-store.ts' },
  gateway_tokens: {
    owner: 'electron/core/ai-gateway/local-tokens.ts',
    alsoIn: { [INTEGRITY_CHECK]: everyProtectedRow },
  },
  audit_log: { owner: 'electron/core/audit/' },
  settings: {
    owner: 'electron/core/store/settings-store.ts',
    alsoIn: {
      'electron/core/audit/': 'the audit head (auditHeadSetting) moves with every append, in the append\'s own prepared statements',
      [INTEGRITY_CHECK]: 'whether any protected row carries a MAC yet (adoption), counted across the protected tables',
    },
  },
} as const satisfies Record<string, TableOwnership>;
