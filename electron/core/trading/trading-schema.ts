/**
 * Order intents, orders, risk limits and decisions as the app, the CLI, the webhook listener and the
 * renderer see them. Pure zod: the IPC contract imports this file.
 */
import { z } from 'zod';
import { STARTING_PRICE_BAND_PCT } from '../../shared/starting-limits';
import { EXCHANGE_MAX_LEVERAGE, MAX_PRICE_BAND_PCT } from '../../shared/setting-ranges';
import { CredentialRef } from '../credentials/credential-schema';

export const OrderSide = z.enum(['buy', 'sell']);
export type OrderSide = z.infer<typeof OrderSide>;
export const OrderType = z.enum(['market', 'limit']);
export type OrderType = z.infer<typeof OrderType>;
/**
 * `base`: amount of the coin (0.01 BTC); `quote`: amount to spend or receive (50 USDT); `percent`:
 * that share of the free balance of what the order spends (the quote coin for a buy, the coin for a
 * sell), read right before the risk gate (percent-sizing.ts).
 */
export const AmountUnit = z.enum(['base', 'quote', 'percent']);
export type AmountUnit = z.infer<typeof AmountUnit>;
export const OrderSource = z.enum(['manual', 'webhook', 'cli']);
export type OrderSource = z.infer<typeof OrderSource>;

const positive = (what: string) => z.number({ error: `${what} must be a number` }).finite(`${what} must be a finite number`).positive(`${what} must be more than 0`);

/** What someone wants traded. Symbols may be unified (BTC/USDT) or as TradingView sends them (BTCUSDT, BINANCE:BTCUSDT). */
export const OrderIntent = z
  .strictObject({
    account: CredentialRef,
    /** A market symbol (BTC/USDT); for Polymarket, the market's slug, link or an outcome's token id. */
    symbol: z.string().trim().min(1, 'symbol must not be empty').max(512, 'symbol is too long'),
    /** Polymarket only: the outcome to trade ("Yes", "No", or a candidate's name); not needed with a token id. */
    outcome: z.string().trim().min(1, 'outcome must not be empty').max(128, 'outcome is too long').optional(),
    /**
     * Polymarket market orders: `fok` fills completely at once or not at all (the default); `fak`
     * fills what the book has now and cancels the rest.
     */
    marketFill: z.enum(['fok', 'fak']).optional(),
    side: OrderSide,
    type: OrderType.default('market'),
    amount: positive('amount'),
    amountUnit: AmountUnit.default('base'),
    price: positive('price').optional(),
    /** Same key, same order: a repeated intent with this key places nothing new. */
    idempotencyKey: z.string().trim().min(1).max(128).optional(),
    /** Simulate this order even if paper mode is off. */
    paper: z.boolean().optional(),
    /** Perpetual futures only: the order may only shrink the position, never open or grow one. */
    reduceOnly: z.boolean().optional(),
    /**
     * Perpetual futures only: close the whole position now held (reduce-only); the side and amount
     * given are replaced by what closes it. Nothing is sent when there is no position.
     */
    closePosition: z.boolean().optional(),
  })
  .refine((intent) => intent.type !== 'limit' || intent.price !== undefined, { message: 'a limit order needs a price', path: ['price'] })
  .refine((intent) => intent.amountUnit !== 'percent' || intent.amount <= 100, { message: 'a percentage of the free balance must be at most 100', path: ['amount'] });
export type OrderIntent = z.input<typeof OrderIntent>;
export type ParsedOrderIntent = z.output<typeof OrderIntent>;

export const OrderStatus = z.enum(['blocked', 'rejected', 'sending', 'open', 'filled', 'canceled', 'failed', 'unknown']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const RiskRule = z.enum([
  'paused',
  'price-band',
  'insufficient-balance',
  'credential-unusable',
  'trading-blocked',
  'trading-disabled',
  'symbol-not-allowed',
  'source-scope',
  'max-order-notional',
  'max-daily-notional',
  'max-open-exposure',
  'max-orders-per-minute',
  'max-position',
  'max-leverage',
]);
export type RiskRule = z.infer<typeof RiskRule>;

export const RiskDecision = z.object({
  allowed: z.boolean(),
  /** The rule that blocked the order; null when allowed. */
  rule: RiskRule.nullable(),
  message: z.string(),
});
export type RiskDecision = z.infer<typeof RiskDecision>;

/** What the risk gate would say about an order now, and how Keywarden read and valued it. */
export const OrderPreview = z.object({
  decision: RiskDecision,
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  /** Base amount that would be sent. */
  amount: z.number(),
  /** The price one base unit is valued at for the limits (the market's, or the worse of limit and market). */
  price: z.number(),
  limitPrice: z.number().nullable(),
  /** The market's last price now. */
  marketPrice: z.number(),
  notionalUsd: z.number(),
  paper: z.boolean(),
  /** How the order was read, e.g. that a price given for a market order was not used. */
  notes: z.array(z.string()),
  /** The free balance the order was checked against; null when not checked (paper, or a key that may not trade). */
  balance: z.object({ asset: z.string(), needed: z.number(), free: z.number() }).nullable(),
});
export type OrderPreview = z.infer<typeof OrderPreview>;

/** A market as the Trade page shows it once one is chosen: the price now, and what the account holds of both coins. */
export const MarketSnapshot = z.object({
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  last: z.number(),
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  /** Free amounts of both coins, read now; null when they could not be read (balanceNote says why). */
  balances: z.object({ base: z.number(), quote: z.number() }).nullable(),
  balanceNote: z.string().nullable(),
  /** A perpetual (futures/futures-market.ts); absent on spot and Polymarket. */
  futures: z.object({
    /** What liquidation follows; null when the exchange's client does not give it. */
    markPrice: z.number().nullable(),
    /** The smallest amount and its step, in the base coin; null when the exchange does not say. */
    minAmount: z.number().nullable(),
    amountStep: z.number().nullable(),
    /** The coin margin and PnL are in (USDT). */
    settle: z.string(),
    /** Read with a verified key; null / empty otherwise (balanceNote says why). */
    positionMode: z.enum(['one-way', 'hedge']).nullable(),
    positions: z.array(z.object({ side: z.enum(['long', 'short']), amount: z.number(), entryPrice: z.number(), liquidationPrice: z.number().nullable(), unrealizedPnl: z.number() })),
    leverage: z.number().nullable(),
    marginMode: z.enum(['cross', 'isolated']).nullable(),
    freeMargin: z.number().nullable(),
  }).optional(),
});
export type MarketSnapshot = z.infer<typeof MarketSnapshot>;

export const OrderInfo = z.object({
  id: z.string(),
  credentialId: z.string(),
  accountLabel: z.string(),
  provider: z.string(),
  source: OrderSource,
  symbol: z.string(),
  side: OrderSide,
  type: OrderType,
  amount: z.number(),
  requestedAmount: z.number(),
  requestedUnit: AmountUnit,
  price: z.number().nullable(),
  notionalUsd: z.number(),
  paper: z.boolean(),
  status: OrderStatus,
  blockedBy: RiskRule.nullable(),
  message: z.string(),
  exchangeOrderId: z.string().nullable(),
  clientOrderId: z.string(),
  filledAmount: z.number(),
  averagePrice: z.number().nullable(),
  errorCode: z.string().nullable(),
  webhookEventId: z.number().int().nullable(),
  /** Polymarket: the market and outcome in words ("will-it-rain · Yes"); the symbol is the outcome's token id. Null elsewhere. */
  marketLabel: z.string().nullable(),
  /** `linear`: a USDT-margined perpetual (futures/futures.md); `spot` otherwise. */
  marketType: z.enum(['spot', 'linear']),
  /** Futures: an order that may only shrink a position (a close). */
  reduceOnly: z.boolean(),
  /** Futures: the position side it was sent for (`both` in one-way mode); null for spot or before it was sent. */
  positionSide: z.enum(['both', 'long', 'short']).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type OrderInfo = z.infer<typeof OrderInfo>;

export const PlaceResult = z.object({
  order: OrderInfo,
  /** True when an order with the same idempotency key already existed: nothing new was placed. */
  duplicate: z.boolean(),
});
export type PlaceResult = z.infer<typeof PlaceResult>;

/** Limits for one scope; null = no limit. */
export const RiskLimits = z.object({
  tradingEnabled: z.boolean(),
  paperMode: z.boolean(),
  /** The risk gate compares unified symbols, so BTCUSDT here would silently match nothing. */
  symbolAllowList: z.array(z.string().trim().toUpperCase().regex(/^[A-Z0-9]+\/[A-Z0-9]+(:[A-Z0-9]+)?$/, 'must be written BASE/QUOTE, like BTC/USDT (a perpetual: BTC/USDT:USDT)')).nullable(),
  maxOrderNotionalUsd: z.number().positive().nullable(),
  maxDailyNotionalUsd: z.number().positive().nullable(),
  maxOpenExposureUsd: z.number().positive().nullable(),
  maxOrdersPerMinute: z.number().int().positive().nullable(),
  /**
   * A limit price, or the price an alert or caller quotes, more than this percentage away from the
   * market is refused: it is a typo, a stale chart or a spoofed alert. Absent (older backups) = the default.
   */
  maxPriceDeviationPct: z.number().positive().max(MAX_PRICE_BAND_PCT).nullable().default(STARTING_PRICE_BAND_PCT),
  /**
   * Perpetual futures: the most leverage allowed on a symbol (setting more is refused). Absent (older
   * rows and backups) = none. Optional without a default, so a change that does not name it (LimitsChange
   * is this schema made partial) leaves it as it is.
   */
  maxLeverage: z.number().int().min(1).max(EXCHANGE_MAX_LEVERAGE).nullable().optional(),
  /** Perpetual futures: the largest position per symbol after an order, at full value (price × size; leverage does not shrink it). */
  maxPositionNotionalUsd: z.number().positive().nullable().optional(),
});
export type RiskLimits = z.infer<typeof RiskLimits>;

/** What a scope has used of its limits (for the bars in the UI). */
export const RiskUsage = z.object({
  dailyNotionalUsd: z.number(),
  openExposureUsd: z.number(),
  ordersLastMinute: z.number().int(),
});
export type RiskUsage = z.infer<typeof RiskUsage>;

/**
 * What an alert source may do (set by the webhook module per token): only these accounts
 * (credential ids), symbols (unified), sides, and at most this notional per order. Null = no limit.
 */
export const SourceScope = z.object({
  accounts: z.array(z.string()).nullable(),
  symbols: z.array(z.string()).nullable(),
  sides: z.array(OrderSide).nullable(),
  maxNotionalUsd: z.number().positive().nullable(),
});
export type SourceScope = z.infer<typeof SourceScope>;

/** Who placed an order and under which restrictions. */
export interface PlacementContext {
  readonly source: OrderSource;
  readonly actor: 'ui' | 'tray' | 'webhook' | 'cli' | 'system';
  readonly webhookEventId?: number;
  readonly scope?: SourceScope;
  /**
   * The intent may have been sent before under the same idempotency key and its record lost (a
   * power cut can undo the last unsynced commits): the exchange is asked for its client order id
   * first, and it is sent only if the exchange has no such order.
   */
  readonly lookUpBeforeSending?: boolean;
  /**
   * A panic's confirmed close of a position Keywarden opened (futures-service.ts panicClose): it can
   * only shrink the position, so the kill switch, which panic itself turns on, does not hold it back.
   * Set only by that code path, never from a channel's input.
   */
  readonly panicClose?: boolean;
}
