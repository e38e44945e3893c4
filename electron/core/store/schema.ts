/**
 * The database schema: the one definition of every stored row. Migrations in drizzle/ are generated
 * from this file by drizzle-kit (`npm run db:generate`); row types are inferred from it.
 * No column ever holds a secret in plaintext: secrets live only in `credential_secrets.ciphertext`
 * and `vault_keys.wrapped`, sealed by the vault.
 */
import { sql } from 'drizzle-orm';
import { blob, customType, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { keyUseSources, type KeyPermissions } from '../credentials/credential-schema';
import { keyIdColumnSql, kindColumnSql } from '../audit/audit-columns';

/**
 * A digest read and written as lowercase hex (how the code compares and chains it) and stored as its
 * bytes: half the size on disk. Raw SQL sees a BLOB (`hex(hash)` / `unhex(?)`).
 */
const hexBlob = customType<{ data: string; driverData: Buffer }>({
  dataType: () => 'blob',
  // A placeholder bound to null (a row written while locked has no MAC) reaches this as null.
  toDriver: (hex) => (hex === null ? (null as unknown as Buffer) : Buffer.from(hex, 'hex')),
  fromDriver: (bytes) => Buffer.from(bytes).toString('hex'),
});

/** The vault key, wrapped once per protector (passphrase, OS keychain). All rows share one key version. */
export const vaultKeys = sqliteTable('vault_keys', {
  protector: text('protector', { enum: ['passphrase', 'os-keychain'] }).primaryKey(),
  keyVersion: integer('key_version').notNull(),
  wrapped: blob('wrapped', { mode: 'buffer' }).notNull(),
  params: text('params', { mode: 'json' }).$type<Record<string, string | number>>().notNull(),
  createdAt: integer('created_at').notNull(),
});

export const credentials = sqliteTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['exchange', 'ai', 'wallet', 'polymarket'] }).notNull(),
    provider: text('provider').notNull(),
    label: text('label').notNull(),
    environment: text('environment', { enum: ['live', 'testnet'] }).notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: ['unverified', 'active', 'invalid', 'expired', 'revoked', 'disabled'] }).notNull(),
    /** The ccxt credential fields stored for this row, in order (apiKey, secret, password, …). */
    fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
    /** How requests are signed: hmac, ed25519 or rsa (Binance and Bybit accept PEM keys too). */
    signingKind: text('signing_kind', { enum: ['hmac', 'ed25519', 'rsa', 'other'] }).notNull(),
    /** Masked public part of the key (`9dUV…VKMh`), safe to show. */
    preview: text('preview').notNull(),
    /** Keyed hash of the identifying field, to detect the same key added twice without decrypting. */
    fingerprint: text('fingerprint').notNull(),
    permissions: text('permissions', { mode: 'json' }).$type<KeyPermissions>(),
    lastVerifiedAt: integer('last_verified_at'),
    lastUsedAt: integer('last_used_at'),
    useCount: integer('use_count').notNull().default(0),
    expiresAt: integer('expires_at'),
    /** The expiry date the key's owner set (issue 17); `expiresAt` is what the provider reports. */
    ownExpiresAt: integer('own_expires_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    rotatedAt: integer('rotated_at'),
    /** Why trading with this key is blocked until the user looks at it (null: not blocked). */
    tradingBlock: text('trading_block', { enum: ['withdraw-enabled', 'permissions-widened'] }),
    /** The permissions the user accepted (withdraw risk), so a later widening is noticed. */
    acceptedPermissions: text('accepted_permissions', { mode: 'json' }).$type<KeyPermissions>(),
    /** After a rotation the old key is kept sealed until this time, so "does the old key fail now?" can be checked. */
    retiredSecretsExpireAt: integer('retired_secrets_expire_at'),
    /** HMAC (integrity-key.ts, purpose 'rows') over the fields that decide whether money moves; null until first MAC'd. */
    integrityMac: text('integrity_mac'),
    /** The person allowed programs (`keywarden run`) to be handed this key's fields; off by default. */
    allowPrograms: integer('allow_programs', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [
    uniqueIndex('credentials_label_unique').on(sql`lower(${table.label})`),
    index('credentials_fingerprint_idx').on(table.fingerprint),
    // At most one primary credential per provider and environment.
    uniqueIndex('credentials_primary_unique').on(table.provider, table.environment).where(sql`${table.isPrimary} = 1`),
  ],
);

/** One sealed blob per secret field; AAD binds it to `credential:<id>:<field>:v<keyVersion>`. */
export const credentialSecrets = sqliteTable(
  'credential_secrets',
  {
    credentialId: text('credential_id').notNull().references(() => credentials.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    ciphertext: blob('ciphertext', { mode: 'buffer' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.credentialId, table.field] })],
);

/** Every verification of a key against its exchange: outcome and permissions found. */
export const verifications = sqliteTable(
  'verifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    credentialId: text('credential_id').notNull().references(() => credentials.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    outcome: text('outcome').notNull(),
    message: text('message').notNull(),
    permissions: text('permissions', { mode: 'json' }).$type<KeyPermissions>(),
    latencyMs: integer('latency_ms').notNull(),
  },
  (table) => [index('verifications_credential_idx').on(table.credentialId, table.at)],
);

/**
 * Every use of a key, with whether it worked (issue 17): checks, verifications, releases to
 * programs, calls through the AI gateway. For the usage report and the list of unused keys; tokens
 * and cost where the provider reports them. Never a value, a prompt or an answer.
 */
export const keyUses = sqliteTable(
  'key_uses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    credentialId: text('credential_id').notNull().references(() => credentials.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    source: text('source', { enum: keyUseSources }).notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    tokensIn: integer('tokens_in'),
    tokensOut: integer('tokens_out'),
    /** Millionths of a US dollar, from the editable price table; null when unknown. */
    costMicroUsd: integer('cost_micro_usd'),
    /** The AI gateway's local token the call came with (gateway_tokens.id); null for every other use. */
    localTokenId: text('local_token_id'),
  },
  (table) => [index('key_uses_credential_idx').on(table.credentialId, table.at), index('key_uses_local_token_idx').on(table.localTokenId, table.at)],
);

/**
 * The AI gateway's local tokens (issue 17): a program calls the gateway with one instead of a real
 * key. Only the SHA-256 of a token is kept; it may use the AI keys it names (at most one per
 * provider). Revoked tokens stay, for the usage they recorded.
 */
export const gatewayTokens = sqliteTable('gateway_tokens', {
  id: text('id').primaryKey(),
  label: text('label').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** Credential ids of the AI keys it may use. */
  keyIds: text('key_ids', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
  /** HMAC (integrity-key.ts, purpose 'rows') over the hash, the keys and the revocation: a planted token spends nothing. */
  integrityMac: text('integrity_mac'),
});

/** Keys a credential used before a rotation: only fingerprint and dates, never key material. */
export const credentialKeyHistory = sqliteTable(
  'credential_key_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    credentialId: text('credential_id').notNull().references(() => credentials.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    activeFrom: integer('active_from').notNull(),
    retiredAt: integer('retired_at').notNull(),
  },
  (table) => [index('credential_key_history_credential_idx').on(table.credentialId)],
);

/** Risk limits: one row for the global scope ('global') and one per account that has its own. Null = no limit. */
export const riskLimits = sqliteTable('risk_limits', {
  scope: text('scope').primaryKey(),
  tradingEnabled: integer('trading_enabled', { mode: 'boolean' }).notNull().default(true),
  paperMode: integer('paper_mode', { mode: 'boolean' }).notNull().default(false),
  /** Unified symbols allowed; null = any symbol. */
  symbolAllowList: text('symbol_allow_list', { mode: 'json' }).$type<string[]>(),
  maxOrderNotionalUsd: real('max_order_notional_usd'),
  maxDailyNotionalUsd: real('max_daily_notional_usd'),
  maxOpenExposureUsd: real('max_open_exposure_usd'),
  maxOrdersPerMinute: integer('max_orders_per_minute'),
  /** A limit price (or an alert's price) further than this percentage from the market is refused; null = no band. */
  maxPriceDeviationPct: real('max_price_deviation_pct'),
  /** Perpetual futures: the most leverage the person allows on a symbol; null = no limit of their own. */
  maxLeverage: integer('max_leverage'),
  /** Perpetual futures: the largest position per symbol, at full value (price × size), after an order. */
  maxPositionNotionalUsd: real('max_position_notional_usd'),
  updatedAt: integer('updated_at').notNull(),
  /** HMAC (integrity-key.ts, purpose 'rows') over the limits; null until first MAC'd. */
  integrityMac: text('integrity_mac'),
});

/**
 * Every order intent with its risk decision and its result. The client order id is recorded BEFORE
 * the order is sent, so a crash between sending and recording the answer is reconciled by that id.
 */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    credentialId: text('credential_id').notNull().references(() => credentials.id),
    source: text('source', { enum: ['manual', 'webhook', 'cli'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /**
     * The id the order was sent with, when it is not the one derived from the idempotency key
     * (client-order-id.ts): a Polymarket order's hash. Null for the others (issue 22: 31 bytes an
     * order); the order store gives every order its id either way.
     */
    clientOrderId: text('client_order_id'),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: ['buy', 'sell'] }).notNull(),
    type: text('type', { enum: ['market', 'limit'] }).notNull(),
    /** Base-currency amount sent (after rounding to the market's precision). */
    amount: real('amount').notNull(),
    /** What the intent asked for: an amount in base units, or a quote amount to spend. */
    requestedAmount: real('requested_amount').notNull(),
    requestedUnit: text('requested_unit', { enum: ['base', 'quote', 'percent'] }).notNull(),
    price: real('price'),
    /** What the risk gate valued the order at before sending (market price, or the worse of limit and market). */
    notionalUsd: real('notional_usd').notNull(),
    /**
     * US dollars per unit of the quote currency when the order was valued, so that usage can count
     * what actually filled (filled amount x average price x this). Null on orders recorded before it
     * existed: those count their estimate, as they always did.
     */
    usdPerQuote: real('usd_per_quote'),
    paper: integer('paper', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: ['blocked', 'rejected', 'sending', 'open', 'filled', 'canceled', 'failed', 'unknown'] }).notNull(),
    /** The risk rule that blocked it, or null when allowed. */
    blockedBy: text('blocked_by'),
    message: text('message').notNull(),
    exchangeOrderId: text('exchange_order_id'),
    filledAmount: real('filled_amount').notNull().default(0),
    averagePrice: real('average_price'),
    errorCode: text('error_code'),
    webhookEventId: integer('webhook_event_id'),
    /**
     * Polymarket (issue 18): the signed order exactly as it is posted, recorded before it is sent,
     * so an order whose answer was lost is looked up by its hash (the client order id) and, if
     * Polymarket never got it, posted again unchanged: the same order can only ever fill once.
     */
    signedOrder: text('signed_order'),
    /** What a person calls the market ("will-it-rain · Yes"), where the symbol is a token id. */
    marketLabel: text('market_label'),
    /** `spot`, or `linear` for a USDT-margined perpetual (issue 20). */
    marketType: text('market_type', { enum: ['spot', 'linear'] }).notNull().default('spot'),
    /** A futures order that may only shrink a position (a close); recorded so a reconcile resends it as one. */
    reduceOnly: integer('reduce_only', { mode: 'boolean' }).notNull().default(false),
    /** The position side it was sent for (`long`/`short` in hedge mode, `both` in one-way); null for spot and before sending. */
    positionSide: text('position_side', { enum: ['both', 'long', 'short'] }),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    // Exactly-once rests on this key. The client order id needs no index of its own (issue 22): it is
    // derived from this key (client-order-id.ts) or, on Polymarket, is the signed order's hash, and
    // nothing looks an order up by it.
    uniqueIndex('orders_idempotency_unique').on(table.idempotencyKey),
    index('orders_credential_created_idx').on(table.credentialId, table.createdAt),
    index('orders_created_idx').on(table.createdAt),
    // Orders still in play (reconcile, open orders): the settled history costs no index entry (issue 22).
    // A query uses it only when its WHERE repeats this condition word for word (order-store.ts UNSETTLED_ORDER).
    index('orders_unsettled_idx').on(table.status).where(sql`status IN ('sending','open','unknown')`),
  ],
);

/**
 * Running totals of `orders` for the risk limits, kept by triggers (drizzle/0003_order_usage_totals.sql)
 * in the transaction that changes an order, so reading today's traded value or the open exposure costs
 * one row instead of a scan of every order. Only the triggers write these tables.
 */
export const orderDailyUsage = sqliteTable(
  'order_daily_usage',
  {
    credentialId: text('credential_id').notNull(),
    paper: integer('paper', { mode: 'boolean' }).notNull(),
    /** UTC day number of the orders' created_at (ms / 86,400,000): daily limits reset at 00:00 UTC. */
    day: integer('day').notNull(),
    /** Value of the day's orders that were sent (a canceled one counts for what filled). */
    notionalUsd: real('notional_usd').notNull().default(0),
  },
  // Day first: the risk gate reads one day, for every account or for one.
  (table) => [primaryKey({ columns: [table.day, table.paper, table.credentialId] })],
);

/**
 * The orders sent in the last minutes, for the risk gate's per-minute count (issue 22): one row per
 * sent order (not blocked or rejected), kept by triggers on `orders` (drizzle/0021) and pruned to ten
 * minutes before the newest, so a count capped at the limit reads at most `limit` entries and the
 * history costs no index entry per order. Only the triggers write it.
 */
export const recentSentOrders = sqliteTable(
  'recent_sent_orders',
  {
    orderId: text('order_id').primaryKey(),
    credentialId: text('credential_id').notNull(),
    paper: integer('paper', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    index('recent_sent_orders_created_idx').on(table.paper, table.createdAt),
    index('recent_sent_orders_credential_created_idx').on(table.credentialId, table.paper, table.createdAt),
  ],
);

export const orderExposure = sqliteTable(
  'order_exposure',
  {
    credentialId: text('credential_id').notNull(),
    paper: integer('paper', { mode: 'boolean' }).notNull(),
    /** Unfilled value of buys still open (or not yet known). */
    openBuysUsd: real('open_buys_usd').notNull().default(0),
    filledBuysUsd: real('filled_buys_usd').notNull().default(0),
    filledSellsUsd: real('filled_sells_usd').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.credentialId, table.paper] })],
);

/** An alert source (one TradingView setup): its token is stored only as a SHA-256 hash. */
export const webhookSources = sqliteTable('webhook_sources', {
  id: text('id').primaryKey(),
  label: text('label').notNull().unique(),
  tokenHash: text('token_hash').notNull(),
  /** After a rotation the previous token keeps working until this time (a short grace window). */
  previousTokenHash: text('previous_token_hash'),
  previousValidUntil: integer('previous_valid_until'),
  /** Limits on what this source may do: accounts, symbols, sides, max notional (USD). Null fields = no limit. */
  scope: text('scope', { mode: 'json' }).$type<{ accounts: string[] | null; symbols: string[] | null; sides: ('buy' | 'sell')[] | null; maxNotionalUsd: number | null }>().notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  rotatedAt: integer('rotated_at'),
  /** HMAC (integrity-key.ts, purpose 'rows') over token hashes, scope and enabled; null until first MAC'd. */
  integrityMac: text('integrity_mac'),
});

/**
 * Token hashes that stopped being accepted (rotated away, or their source deleted): a restore of an
 * older backup must never bring one back.
 */
export const retiredTokenHashes = sqliteTable('retired_token_hashes', {
  tokenHash: text('token_hash').primaryKey(),
  sourceLabel: text('source_label').notNull(),
  reason: text('reason', { enum: ['rotated', 'deleted'] }).notNull(),
  retiredAt: integer('retired_at').notNull(),
});

/**
 * Refused webhook requests counted, not stored one row each (a flood of bad tokens stays small):
 * per UTC hour, reason and client address.
 */
export const webhookRefusalCounts = sqliteTable(
  'webhook_refusal_counts',
  {
    hour: integer('hour').notNull(),
    reason: text('reason').notNull(),
    remoteAddress: text('remote_address').notNull(),
    count: integer('count').notNull(),
    lastAt: integer('last_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.hour, table.reason, table.remoteAddress] })],
);

/** Every request the webhook listener received, with its outcome. Never the token or a body secret. */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    receivedAt: integer('received_at').notNull(),
    sourceId: text('source_id'),
    remoteAddress: text('remote_address'),
    contentType: text('content_type'),
    /** SHA-256 of the body, for duplicate detection within the window. */
    bodyHash: text('body_hash'),
    alertId: text('alert_id'),
    httpStatus: integer('http_status').notNull(),
    outcome: text('outcome').notNull(),
    message: text('message').notNull(),
    /** The parsed alert with any secret field removed. */
    alert: text('alert', { mode: 'json' }).$type<Record<string, unknown>>(),
    orderId: text('order_id'),
    /** An accepted alert's order idempotency key: recovery finds the order by it (null before 0004). */
    idempotencyKey: text('idempotency_key'),
    /** One alert for several accounts: each account's result, once settled (null for a one-account alert). */
    accountResults: text('account_results', { mode: 'json' }).$type<{ accountId: string; accountLabel: string; outcome: string; message: string; orderId: string | null }[]>(),
  },
  (table) => [
    index('webhook_events_received_idx').on(table.receivedAt),
    // Only alerts without an id keep a body hash (the duplicate check by body): the others cost no index entry.
    index('webhook_events_body_hash_idx').on(table.bodyHash, table.receivedAt).where(sql`body_hash IS NOT NULL`),
    // The duplicate check: an alert whose order key was accepted before is the same alert. Only events
    // whose key no order holds (unsettled, refused before an order, fan-outs) keep one (webhook-event-log.ts settle).
    index('webhook_events_idempotency_key_idx').on(table.idempotencyKey).where(sql`idempotency_key IS NOT NULL`),
    // Crash recovery at start reads only the alerts that never settled (issue 22): a handful, not the history.
    index('webhook_events_unsettled_idx').on(table.id).where(sql`outcome = 'accepted' AND order_id IS NULL`),
  ],
);

/**
 * Position drift (position-drift.ts): per alert source, account and market, what the account should
 * hold of the base coin after the last alert that carried the strategy's position. The baseline is
 * what the account held besides the strategy, taken when the first such alert settled.
 */
export const driftTracks = sqliteTable(
  'drift_tracks',
  {
    sourceId: text('source_id').notNull(),
    credentialId: text('credential_id').notNull(),
    symbol: text('symbol').notNull(),
    base: text('base').notNull(),
    baseline: real('baseline').notNull(),
    expected: real('expected').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.sourceId, table.credentialId, table.symbol] })],
);

/** A difference found between the expected and the real holding: open until dismissed or brought in line. */
export const positionDrifts = sqliteTable(
  'position_drifts',
  {
    id: text('id').primaryKey(),
    sourceId: text('source_id').notNull(),
    credentialId: text('credential_id').notNull(),
    symbol: text('symbol').notNull(),
    base: text('base').notNull(),
    expected: real('expected').notNull(),
    actual: real('actual').notNull(),
    /** actual − expected: above 0 the account holds too much (a doubled alert), below 0 too little (a lost one). */
    difference: real('difference').notNull(),
    detectedAt: integer('detected_at').notNull(),
    webhookEventId: integer('webhook_event_id'),
    status: text('status', { enum: ['open', 'dismissed', 'fixed'] }).notNull(),
    resolvedAt: integer('resolved_at'),
    orderId: text('order_id'),
  },
  (table) => [index('position_drifts_status_idx').on(table.status, table.detectedAt)],
);

/** Append-only, hash-chained record of every vault and credential operation. Never holds a secret. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: integer('at').notNull(),
    actor: text('actor', { enum: ['ui', 'tray', 'webhook', 'cli', 'system'] }).notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    outcome: text('outcome', { enum: ['ok', 'denied', 'error'] }).notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>().notNull(),
    /**
     * SHA-256 over the row before's hash and this row's content (audit-chain.ts), kept as its 32 bytes
     * (issue 22: hex cost 64). The previous hash is not stored: it is the row before's `hash`.
     */
    hash: hexBlob('hash').notNull(),
    /** HMAC (integrity-key.ts, purpose 'audit') chaining this row to the previous row's MAC; null while written locked. */
    mac: hexBlob('mac'),
    /** The kind of event (shared/audit-kinds.ts), generated from the action: the Audit page's filter. */
    kind: text('kind').generatedAlwaysAs(sql.raw(kindColumnSql()), { mode: 'virtual' }),
    /** The credential the row is about, generated from subject or details: the filter by key. */
    keyId: text('key_id').generatedAlwaysAs(sql.raw(keyIdColumnSql()), { mode: 'virtual' }),
  },
  (table) => [
    index('audit_log_kind_idx').on(table.kind, table.seq),
    index('audit_log_key_idx').on(table.keyId, table.seq),
    index('audit_log_at_idx').on(table.at),
  ],
);

/** Small typed values (auto-lock time, unlock throttle, sealed vault-level secrets) as JSON, each declared in settings-registry.ts. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** HMAC (integrity-key.ts, purpose 'rows') for settings that weaken protection or move money; null for the others. */
  integrityMac: text('integrity_mac'),
});

export type CredentialRow = typeof credentials.$inferSelect;
export type NewCredentialRow = typeof credentials.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;
export type VaultKeyRow = typeof vaultKeys.$inferSelect;
export type VerificationRow = typeof verifications.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type RiskLimitsRow = typeof riskLimits.$inferSelect;
export type WebhookSourceRow = typeof webhookSources.$inferSelect;
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type GatewayTokenRow = typeof gatewayTokens.$inferSelect;

/**
 * Leverage and margin mode per account and perpetual, as the person chose them (issue 20). Applied
 * to the exchange only by their explicit action, never by an alert; what the exchange has now is
 * read from it and shown beside this.
 */
export const futuresSettings = sqliteTable(
  'futures_settings',
  {
    credentialId: text('credential_id').notNull().references(() => credentials.id, { onDelete: 'cascade' }),
    /** Unified perpetual symbol, e.g. BTC/USDT:USDT. */
    symbol: text('symbol').notNull(),
    leverage: integer('leverage').notNull(),
    marginMode: text('margin_mode', { enum: ['cross', 'isolated'] }).notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** MAC of the row's account, symbol, leverage and margin mode (row-integrity.ts); null = written before MACs. */
    integrityMac: text('integrity_mac'),
  },
  (table) => [primaryKey({ columns: [table.credentialId, table.symbol] })],
);
export type FuturesSettingsRow = typeof futuresSettings.$inferSelect;
