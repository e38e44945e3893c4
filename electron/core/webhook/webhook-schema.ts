/**
 * The shapes of the webhook module as the app, the CLI and the renderer see them: listener settings,
 * alert sources, recorded events, generated messages and simulations. Pure zod: the IPC contract
 * imports this file. No field here can hold a token, except `oneTimeToken`, which a create or a
 * rotation returns exactly once because the user must paste it into TradingView.
 */
import { z } from 'zod';
import { TunnelChoice } from './tunnels/tunnel-schema';
import { AmountUnit, OrderSide, OrderType, RiskDecision, SourceScope } from '../trading/trading-schema';

export { SourceScope };

const IpAddress = z.union([z.ipv4(), z.ipv6()], { error: 'must be an IP address such as 127.0.0.1' });

/**
 * The public https address of the user's reverse proxy or tunnel. TradingView delivers only to ports
 * 80 and 443, and an http URL would carry the token in the clear: only https on the default port.
 */
export const PublicBaseUrl = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  }, 'must be an https URL on the default port (443) without query, such as https://alerts.example.com (TradingView delivers only to ports 80 and 443, and http would send the token in the clear)')
  .transform((text) => text.replace(/\/+$/, ''));

export const WebhookRateLimits = z.object({
  /** All requests together, per second, and the burst allowed on top. */
  globalPerSecond: z.number().positive().max(10_000),
  globalBurst: z.number().int().min(1).max(10_000),
  /** Requests of one alert source, per second, and its burst. */
  sourcePerSecond: z.number().positive().max(10_000),
  sourceBurst: z.number().int().min(1).max(10_000),
  /** Failed requests (bad token, bad path, malformed alert) from one IP or one source, per minute, and the burst. */
  failuresPerMinute: z.number().positive().max(100_000),
  failureBurst: z.number().int().min(1).max(10_000),
});
export type WebhookRateLimits = z.infer<typeof WebhookRateLimits>;

/** How long webhook events are kept (event-retention.ts): at least a day (the duplicate window), at most ten years. */
const RetentionDays = z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days (ten years)');

export const WebhookSettings = z.object({
  /** Start the listener with the desktop app (the CLI's `serve` starts it regardless). */
  enabled: z.boolean(),
  host: IpAddress,
  port: z.number().int().min(0, 'must be 0 (any free port) or more').max(65_535, 'must be at most 65535'),
  /** Accept only TradingView's published source addresses (see tradingview.ts). */
  tradingViewIpsOnly: z.boolean(),
  /** The reverse proxy in front of the listener: only when the socket peer is this address is X-Forwarded-For used. */
  trustedProxy: IpAddress.nullable(),
  maxBodyBytes: z.number().int().min(256, 'must be at least 256').max(1_048_576, 'must be at most 1048576 (1 MiB)'),
  /** Alerts whose `time` is older (or further in the future) than this are refused; 0 turns the check off. */
  maxAlertAgeSeconds: z.number().int().min(0).max(86_400),
  /** The same body from the same source within this window is one alert. */
  dedupeWindowSeconds: z.number().int().min(1).max(86_400),
  rateLimits: WebhookRateLimits,
  publicBaseUrl: PublicBaseUrl.nullable(),
  /** The tunnel client run with the listener (tunnels/); settings stored before it existed read as 'none'. */
  tunnel: TunnelChoice.default('none'),
  /** Days alerts handed to trading stay in the log (their orders stay for good); settings stored before it existed read as 90. */
  keepAcceptedDays: RetentionDays.default(90),
  /** Days refused requests (and the counts of anonymous ones) stay; settings stored before it existed read as 7. */
  keepRefusedDays: RetentionDays.default(7),
});
export type WebhookSettings = z.infer<typeof WebhookSettings>;

/** A change of settings: any subset, rate limits too. */
export const WebhookSettingsPatch = WebhookSettings.omit({ rateLimits: true })
  .partial()
  .extend({ rateLimits: WebhookRateLimits.partial().strict().optional() })
  .strict();
export type WebhookSettingsPatch = z.infer<typeof WebhookSettingsPatch>;

export const WebhookSourceId = z.string().regex(/^[a-z0-9]{10}$/, 'must be a source id (10 letters and digits)');
export const WebhookSourceRef = z.string().trim().min(1, 'must name an alert source by id or label').max(64);

export const WebhookSourceLabel = z
  .string()
  .transform((label) => label.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters').regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must not contain control or invisible characters'));

/** A unified spot symbol (BTC/USDT): what the risk gate compares a source's symbol list with. */
export const UnifiedSymbol = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/, 'must be a unified symbol such as BTC/USDT (base/quote)');

/**
 * A scope as the user writes it: accounts by id or label (stored as ids). Omitted symbols or sides =
 * any. Accounts and maxNotionalUsd are optional here only so that leaving them out gets its own
 * message (source-readiness.ts): a source cannot be created or enabled without them.
 */
export const SourceScopeInput = z.strictObject({
  accounts: z.array(z.string().trim().min(1).max(64)).min(1, 'must name at least one account').max(100).nullable().optional(),
  symbols: z.array(UnifiedSymbol).min(1, 'must name at least one symbol (or be null for any)').max(200).nullable().optional(),
  sides: z.array(OrderSide).min(1, 'must name buy and/or sell (or be null for both)').nullable().optional(),
  maxNotionalUsd: z.number().positive('must be more than 0').finite().nullable().optional(),
});
export type SourceScopeInput = z.infer<typeof SourceScopeInput>;

/** What a source must name before it may be enabled: at least one account, and a per-order cap. */
export const ScopeGap = z.enum(['accounts', 'maxNotionalUsd']);
export type ScopeGap = z.infer<typeof ScopeGap>;

export const WebhookSourceInfo = z.object({
  id: WebhookSourceId,
  label: z.string(),
  scope: SourceScope,
  /** Labels of the scope's accounts (same order), for display. */
  accountLabels: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  /**
   * What its scope still lacks (empty when it has both). A source from before accounts and a cap
   * were required may lack them while enabled: it refuses every alert until they are set.
   */
  missingScope: z.array(ScopeGap),
  createdAt: z.number(),
  rotatedAt: z.number().nullable(),
  /** Until when the token replaced by the last rotation still works; null when none does. */
  previousValidUntil: z.number().nullable(),
});
export type WebhookSourceInfo = z.infer<typeof WebhookSourceInfo>;

/** A new token, shown once: `urlPrefix + oneTimeToken` is the URL to paste into TradingView. */
export const IssuedToken = z.object({
  source: WebhookSourceInfo,
  oneTimeToken: z.string(),
  /** The webhook URL up to the token (the public base URL when set, else the local listener's). */
  urlPrefix: z.string(),
  /** False when no public base URL is set: TradingView cannot reach a local address. */
  publicUrl: z.boolean(),
});
export type IssuedToken = z.infer<typeof IssuedToken>;

/** What became of one received request. */
export const WebhookOutcome = z.enum([
  // Answered 200 and handed to trading; replaced by the order's fate once it settles.
  'accepted',
  'placed',
  'blocked',
  'rejected',
  'failed',
  'duplicate',
  // "Send test alert": through the door, recorded, nothing placed.
  'test',
  // Refused at the door.
  'not-found',
  'method-not-allowed',
  'too-large',
  'unauthorized',
  'source-disabled',
  'source-incomplete',
  'ip-not-allowed',
  'rate-limited',
  'malformed',
  'stale',
  'unknown-account',
  'out-of-scope',
  'paused',
  'vault-locked',
]);
export type WebhookOutcome = z.infer<typeof WebhookOutcome>;

/** One account's result of an alert sent to several accounts. */
export const AccountResult = z.object({
  accountId: z.string(),
  accountLabel: z.string(),
  outcome: WebhookOutcome,
  message: z.string(),
  orderId: z.string().nullable(),
});
export type AccountResult = z.infer<typeof AccountResult>;

export const WebhookEventInfo = z.object({
  id: z.number().int(),
  receivedAt: z.number(),
  sourceId: z.string().nullable(),
  sourceLabel: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  contentType: z.string().nullable(),
  alertId: z.string().nullable(),
  httpStatus: z.number().int(),
  outcome: WebhookOutcome,
  message: z.string(),
  /** The parsed alert, without any `secret` field. */
  alert: z.record(z.string(), z.unknown()).nullable(),
  orderId: z.string().nullable(),
  /** An alert for several accounts: each account's result once settled; null for a one-account alert. */
  accounts: z.array(AccountResult).nullable(),
});
export type WebhookEventInfo = z.infer<typeof WebhookEventInfo>;

export const WebhookStatus = z.object({
  running: z.boolean(),
  enabled: z.boolean(),
  /** Where the listener is bound (or would bind). */
  host: z.string(),
  port: z.number().int(),
  /** http://host:port of the running listener; null when stopped. */
  localUrl: z.string().nullable(),
  /** `${publicBaseUrl}/webhook/` when a public base URL is set. */
  publicWebhookUrlPrefix: z.string().nullable(),
  sources: z.number().int(),
  paused: z.boolean(),
});
export type WebhookStatus = z.infer<typeof WebhookStatus>;

/** Ask for the exact TradingView alert message for one account and symbol. */
export const AlertMessageRequest = z
  .strictObject({
    account: z.string().trim().min(1, 'must name an account by id or label').max(64).optional(),
    /** One alert for several accounts (by id or label): the message names them in `"accounts"` instead of `"account"`. */
    accounts: z.array(z.string().trim().min(1, 'must name an account by id or label').max(64)).min(2, 'must name at least two accounts (one: use account)').max(20, 'must name at most 20 accounts').optional(),
    /** A symbol (BTCUSDT, BTC/USDT) or "{{ticker}}" to follow the chart the alert is on; for Polymarket, an outcome's token id or the market's slug. */
    symbol: z.string().trim().min(1).max(200),
    /** Polymarket: the outcome to trade, with a market slug. */
    outcome: z.string().trim().min(1).max(128).optional(),
    /** strategy: side and size come from the strategy's placeholders; indicator: fixed side and amount. */
    mode: z.enum(['strategy', 'indicator']),
    side: OrderSide.optional(),
    amount: z.number().positive('must be more than 0').finite().optional(),
    unit: AmountUnit.default('base'),
    type: OrderType.default('market'),
    price: z.number().positive('must be more than 0').finite().optional(),
    /** The source whose token the URL (or body) should carry; its token is known only right after creation or rotation. */
    token: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be the 22-character token shown at creation or rotation').optional(),
    /** Where the token goes: in the URL path (default) or in the message's `secret` field. */
    tokenIn: z.enum(['path', 'body']).default('path'),
    /** What {{ticker}} will name: `perpetual` on a USDT perpetual chart (BTCUSDT.P). A fixed symbol says it by itself. */
    market: z.enum(['spot', 'perpetual']).optional(),
  })
  .refine((r) => (r.account === undefined) !== (r.accounts === undefined), { message: 'name one account, or several accounts, not both', path: ['account'] })
  .refine((r) => r.unit !== 'percent' || r.amount === undefined || r.amount <= 100, { message: 'a percentage of the free balance must be at most 100', path: ['amount'] })
  .refine((r) => r.mode !== 'indicator' || (r.side !== undefined && r.amount !== undefined), { message: 'an indicator alert needs a side and an amount (a strategy alert takes them from the strategy)', path: ['side'] })
  .refine((r) => r.mode !== 'strategy' || (r.side === undefined && r.amount === undefined), { message: 'a strategy alert takes side and amount from the strategy: leave them out, or choose the indicator mode', path: ['side'] });
export type AlertMessageRequest = z.input<typeof AlertMessageRequest>;

export const AlertMessage = z.object({
  /** The text to paste into the alert's Message box (JSON). */
  message: z.string(),
  /** The URL to paste into the alert's Webhook URL box. */
  url: z.string(),
  notes: z.array(z.string()),
});
export type AlertMessage = z.infer<typeof AlertMessage>;

/** Sample values for TradingView placeholders, by name without braces (strategy.order.action: "sell"). */
export const PlaceholderValues = z.record(z.string().regex(/^[a-z0-9_.]{1,40}$/i), z.string().max(200));

export const SimulationRequest = z.strictObject({
  /** The alert message template, as pasted into TradingView. */
  template: z.string().min(1, 'must not be empty').max(16_384, 'must be at most 16384 characters'),
  /** Placeholder values to use instead of the samples. */
  values: PlaceholderValues.optional(),
  /** Check the alert against this source's scope too. */
  source: WebhookSourceRef.optional(),
});
export type SimulationRequest = z.input<typeof SimulationRequest>;

export const SimulatedIntent = z.object({
  account: z.string(),
  symbol: z.string(),
  side: OrderSide,
  type: OrderType,
  amount: z.number(),
  amountUnit: AmountUnit,
  price: z.number().nullable(),
  idempotencyKeyPreview: z.string(),
});

export const Simulation = z.object({
  /** The body TradingView would send (any `secret` value hidden). */
  renderedBody: z.string(),
  contentType: z.enum(['application/json', 'text/plain']),
  /** What the listener would answer (before token and rate checks). */
  httpStatus: z.number().int(),
  outcome: WebhookOutcome,
  message: z.string(),
  /** Placeholders still in the body after rendering (TradingView would leave them as they are). */
  unfilledPlaceholders: z.array(z.string()),
  intent: SimulatedIntent.nullable(),
  /** The risk gate's verdict on the intent now; null when the alert would not reach it. */
  decision: RiskDecision.nullable(),
  order: z.object({ symbol: z.string(), amount: z.number(), price: z.number(), notionalUsd: z.number(), paper: z.boolean() }).nullable(),
});
export type Simulation = z.infer<typeof Simulation>;
