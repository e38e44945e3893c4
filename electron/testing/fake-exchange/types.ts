/**
 * Public types of the offline fake exchange (see DESIGN.md "Testing"): what a test configures, and what it
 * can inspect afterwards. Nothing here knows HTTP; the server and the two exchange dialects use these.
 */
import type { FuturesLedger, FuturesOrder } from './futures-ledger';

export type FakeExchangeId = 'binance' | 'bybit';

/** What a key may do. Unset fields take the defaults of `defaultPermissions` (read + spot trade). */
export interface FakeKeyPermissions {
  read?: boolean;
  spotTrade?: boolean;
  withdraw?: boolean;
  futures?: boolean;
  internalTransfer?: boolean;
  universalTransfer?: boolean;
}

/** One API key the fake knows, as the exchange's key-management page would have issued it. */
export interface FakeKeySpec {
  apiKey: string;
  /** An HMAC secret, or a PKCS#8 PEM private key (Binance Ed25519 / RSA, Bybit RSA): the fake verifies with its public half. */
  secret: string;
  permissions?: FakeKeyPermissions;
  /** Caller IPs the key accepts; undefined = unrestricted. The caller is always 127.0.0.1, so ['10.1.2.3'] means "IP not allowed". */
  allowedIps?: readonly string[];
  /**
   * Expiry in ms since the epoch. Bybit: the whole key stops working (retCode 33004).
   * Binance: the spot trading authority expires (`tradingAuthorityExpirationTime`); reading keeps working.
   */
  expiresAt?: number;
  /** Bybit "Read-Only" key: trading is refused with 10005. */
  readOnly?: boolean;
  /** Starting balances (asset → free amount) for this key's account; defaults to the server's `balances`. */
  balances?: Readonly<Record<string, number>>;
}

/** A spot market the fake lists. Amounts are plain numbers; the dialects format them the way each exchange does. */
export interface FakeMarketSpec {
  base: string;
  quote: string;
  tickSize: number;
  stepSize: number;
  minQty: number;
  maxQty: number;
  /** Minimum order value in quote units (Binance NOTIONAL filter, Bybit minOrderAmt). */
  minNotional: number;
  lastPrice: number;
}

/**
 * '5xx': answer 503 without handling; 'drop': close the connection without handling; 'timeout': never answer;
 * 'lost-response': handle the request (an order IS placed) and then close the connection, so the client
 * never learns the outcome (the case client order ids and reconciliation exist for).
 */
export type FaultKind = '5xx' | 'drop' | 'timeout' | 'lost-response';

export interface FakeFaultOptions {
  /** Share of requests (0..1) answered with an HTTP 503 from the "load balancer". */
  errorRate?: number;
  /** Share of requests (0..1) whose socket is destroyed without an answer. */
  dropRate?: number;
  /** Seed of the fault dice, so a failing run can be replayed exactly. */
  seed?: number;
}

export type FakeLatency = number | { min: number; max: number };

export interface FakeExchangeOptions {
  exchange: FakeExchangeId;
  keys?: readonly FakeKeySpec[];
  latencyMs?: FakeLatency;
  faults?: FakeFaultOptions;
  /** Server clock minus real clock, in ms: a positive skew makes the client's timestamps look stale. */
  clockOffsetMs?: number;
  /** Requests per second (all callers together) before the fake answers like the exchange's rate limiter. */
  rateLimitPerSecond?: number;
  /** Markets by unified symbol ('BTC/USDT'); replaces the defaults. */
  markets?: Readonly<Record<string, FakeMarketSpec>>;
  /** Last prices by unified symbol, applied over the markets' own `lastPrice`. */
  prices?: Readonly<Record<string, number>>;
  /** Default starting balances of every key (asset → free amount). */
  balances?: Readonly<Record<string, number>>;
  /** The server stops itself after this long (default 10 minutes), so a forgotten fake never outlives a test run. */
  maxLifetimeMs?: number;
}

/** One request as the fake saw it. `params` never holds the signature; nothing secret is recorded. */
export interface RecordedRequest {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** Query and body parameters together (signature removed). */
  readonly params: Readonly<Record<string, string>>;
  readonly apiKey: string | undefined;
  /** True for endpoints that need a signed request. */
  readonly private: boolean;
  /** True only when the key was known and the signature and timestamp checked out. */
  readonly authenticated: boolean;
  /** HTTP status answered; 0 when an injected 'drop' or 'timeout' fault sent nothing. */
  readonly status: number;
  /** Binance `code` / Bybit `retCode` of an error answer; undefined for a success or a transport fault. */
  readonly errorCode: number | undefined;
  /** Set when the answer was an injected fault or the rate limiter. */
  readonly fault: FaultKind | 'rate-limit' | undefined;
}

export type FakeOrderSide = 'buy' | 'sell';
export type FakeOrderType = 'market' | 'limit';
export type FakeOrderStatus = 'open' | 'filled' | 'canceled';

/** An order in exchange-neutral form; the dialects render it as Binance or Bybit JSON. */
export interface FakeOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly apiKey: string;
  /** Unified symbol, e.g. 'BTC/USDT'. */
  readonly symbol: string;
  readonly side: FakeOrderSide;
  readonly type: FakeOrderType;
  /** Limit price; undefined for market orders. */
  readonly price: number | undefined;
  /** Base quantity ordered (for quote-sized market orders: the quantity it bought). */
  readonly amount: number;
  /** Quote amount the order was sized in (Binance quoteOrderQty, Bybit marketUnit=quoteCoin), if any. */
  readonly quoteAmount: number | undefined;
  readonly filled: number;
  /** Quote value filled. */
  readonly cost: number;
  readonly status: FakeOrderStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface FakeExchange {
  /** Base URL, e.g. http://127.0.0.1:41234 (for KEYWARDEN_EXCHANGE_URLS). */
  readonly url: string;
  readonly exchange: FakeExchangeId;
  readonly requests: readonly RecordedRequest[];
  readonly orders: readonly FakeOrder[];
  /** Perpetual-futures orders (fapi / Bybit linear). */
  readonly futuresOrders: readonly FuturesOrder[];
  /** The futures book: position mode, leverage, positions (tests set and read them directly). */
  readonly futures: FuturesLedger;
  /** Closes the listener and every open connection; safe to call twice. */
  stop(): Promise<void>;
  addKey(spec: FakeKeySpec): void;
  updateKey(apiKey: string, patch: Partial<Omit<FakeKeySpec, 'apiKey'>>): void;
  removeKey(apiKey: string): void;
  setLatency(latency: FakeLatency): void;
  setFaults(faults: FakeFaultOptions): void;
  /** The next `count` requests fail this way, before any random fault. */
  /** The next `count` requests fail as `kind`; with `path`, only the next requests to a path ending in it (e.g. '/order'). */
  failNext(count: number, kind: FaultKind, path?: string): void;
  setClockOffset(offsetMs: number): void;
  /**
   * Called after an order is placed and before its answer is sent; the answer waits for the returned
   * promise. Lets a test kill the client at the exact moment the exchange has the order but the
   * client does not know it yet.
   */
  setOrderAcceptedHook(hook: ((order: FakeOrder) => Promise<void> | void) | undefined): void;
  setRateLimit(perSecond: number | undefined): void;
  /** Moves a market's last price; resting limit orders it crosses fill at their limit price. */
  setPrice(symbol: string, price: number): void;
  setBalance(apiKey: string, asset: string, free: number): void;
  /** Free and locked amounts of a key's account. */
  balances(apiKey: string): Readonly<Record<string, { free: number; locked: number }>>;
  /** Requests that needed a signature (whatever their outcome). */
  privateRequestCount(): number;
  resetRequests(): void;
  /** Forgets every order and puts every account back to its starting balances. */
  resetAccounts(): void;
}
