/**
 * What a test tells the fake Polymarket CLOB (markets, books, accounts, faults) and what it can read back.
 * Amounts a test writes are human decimal strings ("12.5" pUSD, "10" shares); the fake keeps them as exact
 * bigint base units (6 decimals), as the real API reports them.
 */

/** 0 EOA, 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE (the official client's SignatureTypeV2). 3 (POLY_1271) is not modelled. */
export type FakeClobSignatureType = 0 | 1 | 2;

/** The exchange generation a market trades on: "2" = CTF Exchange V2 (or its neg-risk twin), "3" = ExchangeV3. */
export type FakeClobMarketVersion = 2 | 3;

export interface FakeClobLevel {
  /** Price per share in pUSD, e.g. "0.52". */
  readonly price: string;
  /** Shares, e.g. "100". */
  readonly size: string;
}

export interface FakeClobTokenSpec {
  readonly tokenId: string;
  readonly outcome: string;
  /** Resting orders of other traders; the book the client reads and the orders it can match. */
  readonly bids?: readonly FakeClobLevel[];
  readonly asks?: readonly FakeClobLevel[];
}

export interface FakeClobMarketSpec {
  readonly slug: string;
  /** 0x + 64 hex. */
  readonly conditionId: string;
  readonly question?: string;
  readonly tokens: readonly [FakeClobTokenSpec, FakeClobTokenSpec];
  readonly tickSize?: '0.1' | '0.01' | '0.001' | '0.0001';
  /** Minimum order size in shares (default "5"). */
  readonly minOrderSize?: string;
  readonly negRisk?: boolean;
  /** Default 2. */
  readonly version?: FakeClobMarketVersion;
  /** False: the market takes no orders ("the market is not yet ready to process new orders"). */
  readonly acceptingOrders?: boolean;
}

export interface FakeClobAccountSpec {
  /** The signing wallet (EOA) that owns the API credentials. */
  readonly address: string;
  /** Where the funds are: the proxy / Safe for types 1 and 2; defaults to `address` (type 0). */
  readonly funder?: string;
  readonly signatureType?: FakeClobSignatureType;
  /** pUSD held by the funder, e.g. "100". */
  readonly pusd?: string;
  /**
   * pUSD allowances by spender (exchange or adapter address) in pUSD, "max" for an unlimited approval.
   * Default: every exchange of the chain and the neg-risk adapter approved without limit.
   */
  readonly allowances?: Readonly<Record<string, string>>;
  /** Outcome shares held by the funder, by token id. */
  readonly shares?: Readonly<Record<string, string>>;
  /** Conditional-token approvals (setApprovalForAll) by operator; default: every exchange approved. */
  readonly shareApprovals?: readonly string[];
}

export interface FakeClobPosition {
  readonly asset: string;
  readonly conditionId: string;
  readonly size: string;
  readonly avgPrice: string;
  readonly outcome: string;
  readonly slug: string;
}

/** Injected failures. `geoblock` refuses order placement with the real 403; the others hit every path. */
/** `lose-order-answer`: an order post is carried out, then the connection drops before the answer. */
export type FakeClobFault = 'geoblock' | 'down' | 'http-500' | 'slow' | 'lose-order-answer';

export interface FakeClobSpec {
  /** 137 (Polygon, default) or 80002 (Amoy): picks the exchange addresses and the EIP-712 chain id. */
  readonly chainId?: 137 | 80002;
  readonly markets?: readonly FakeClobMarketSpec[];
  readonly accounts?: readonly FakeClobAccountSpec[];
  /** Positions the data-api reports per funder address (lower-case or checksummed). */
  readonly positions?: Readonly<Record<string, readonly FakeClobPosition[]>>;
  readonly faults?: readonly FakeClobFault[];
  /** Delay of the `slow` fault (default 2000 ms); stop() cuts it short. */
  readonly slowMs?: number;
  /** The fake's clock (ms since epoch); default Date.now. Settable later through setClock. */
  readonly now?: () => number;
  /** What GET /version answers (default 2). */
  readonly apiVersion?: number;
  /** How far an L1/L2 timestamp may be from the fake's clock, in seconds (default 300). */
  readonly timestampWindowSeconds?: number;
  /** Page size of GET /data/orders (default 100). */
  readonly pageSize?: number;
  readonly maxLifetimeMs?: number;
}

export interface RecordedClobRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Header names only: values may carry the passphrase. */
  readonly headerNames: readonly string[];
  /** The whole request as received (headers, query, body), for asserting that no secret was sent. */
  readonly raw: string;
  readonly status: number;
  readonly error?: string;
}

export type FakeOrderStatus = 'LIVE' | 'MATCHED' | 'CANCELED';

export interface FakeClobOrder {
  /** The EIP-712 order hash, also the order id. */
  readonly id: string;
  readonly owner: string;
  readonly apiKey: string;
  readonly maker: string;
  readonly signer: string;
  readonly tokenId: string;
  readonly conditionId: string;
  readonly outcome: string;
  readonly side: 'BUY' | 'SELL';
  readonly orderType: 'GTC' | 'GTD' | 'FOK' | 'FAK';
  /** Price as a decimal string, shares in base units. */
  readonly price: string;
  readonly originalShares: bigint;
  matchedShares: bigint;
  status: FakeOrderStatus;
  readonly expiration: string;
  readonly createdAt: number;
  readonly exchange: string;
}

export interface FakeClobState {
  /** Orders by id (hash), every status. */
  readonly orders: ReadonlyMap<string, FakeClobOrder>;
  /** pUSD base units by funder (lower-case). */
  pusdOf(funder: string): bigint;
  /** Share base units of `tokenId` held by funder. */
  sharesOf(funder: string, tokenId: string): bigint;
  /** The current book of a token (spec levels and resting orders), best first. */
  book(tokenId: string): { bids: FakeClobLevel[]; asks: FakeClobLevel[] };
}

export interface FakeClob {
  /** http://127.0.0.1:<port>: the CLOB, gamma and data-api paths all answer here. */
  readonly url: string;
  readonly requests: readonly RecordedClobRequest[];
  readonly state: FakeClobState;
  setFaults(faults: readonly FakeClobFault[]): void;
  setClock(now: () => number): void;
  setPusd(funder: string, pusd: string): void;
  stop(): Promise<void>;
}
