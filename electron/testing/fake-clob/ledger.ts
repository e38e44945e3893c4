/**
 * The fake's money: each funder's pUSD, shares, allowances and approvals, the order books of other traders,
 * and the user's orders; matching an incoming order against the book. All amounts are bigint base units.
 */
import { getAddress } from 'viem';
import { costOf, fromUnits, maxUint256, ratioAtMost, ratioOfDecimal, ratioToDecimal, toUnits, type Ratio } from './amounts';
import { allSpenders, type ChainContracts } from './contracts';
import type { FakeClobAccountSpec, FakeClobLevel, FakeClobMarketSpec, FakeClobOrder, FakeClobTokenSpec } from './types';

interface Level {
  readonly price: Ratio;
  size: bigint;
}

interface Wallet {
  pusd: bigint;
  readonly shares: Map<string, bigint>;
  readonly allowances: Map<string, bigint>;
  readonly shareApprovals: Set<string>;
}

export interface Fill {
  readonly shares: bigint;
  readonly pusd: bigint;
}

export interface TokenInfo {
  readonly market: FakeClobMarketSpec;
  readonly token: FakeClobTokenSpec;
}

const lower = (address: string): string => address.toLowerCase();

export class Ledger {
  readonly orders = new Map<string, FakeClobOrder>();
  private readonly wallets = new Map<string, Wallet>();
  private readonly books = new Map<string, { bids: Level[]; asks: Level[] }>();
  private readonly tokens = new Map<string, TokenInfo>();

  constructor(markets: readonly FakeClobMarketSpec[], accounts: readonly FakeClobAccountSpec[], contracts: ChainContracts) {
    for (const market of markets) {
      for (const token of market.tokens) {
        this.tokens.set(token.tokenId, { market, token });
        this.books.set(token.tokenId, { bids: (token.bids ?? []).map(toLevel), asks: (token.asks ?? []).map(toLevel) });
      }
    }
    for (const account of accounts) {
      const funder = account.funder ?? account.address;
      const allowances = account.allowances ?? Object.fromEntries(allSpenders(contracts).map((spender) => [spender, 'max']));
      this.wallets.set(lower(funder), {
        pusd: toUnits(account.pusd ?? '0'),
        shares: new Map(Object.entries(account.shares ?? {}).map(([tokenId, size]) => [tokenId, toUnits(size)])),
        allowances: new Map(Object.entries(allowances).map(([spender, amount]) => [lower(spender), amount === 'max' ? maxUint256 : toUnits(amount)])),
        shareApprovals: new Set((account.shareApprovals ?? allSpenders(contracts)).map(lower)),
      });
    }
  }

  token(tokenId: string): TokenInfo | undefined {
    return this.tokens.get(tokenId);
  }

  market(conditionId: string): FakeClobMarketSpec | undefined {
    return [...this.tokens.values()].find((info) => info.market.conditionId.toLowerCase() === conditionId.toLowerCase())?.market;
  }

  marketBySlug(slug: string): FakeClobMarketSpec | undefined {
    return [...this.tokens.values()].find((info) => info.market.slug === slug)?.market;
  }

  private wallet(funder: string): Wallet {
    let wallet = this.wallets.get(lower(funder));
    if (!wallet) {
      wallet = { pusd: 0n, shares: new Map(), allowances: new Map(), shareApprovals: new Set() };
      this.wallets.set(lower(funder), wallet);
    }
    return wallet;
  }

  pusdOf(funder: string): bigint {
    return this.wallets.get(lower(funder))?.pusd ?? 0n;
  }

  setPusd(funder: string, units: bigint): void {
    this.wallet(funder).pusd = units;
  }

  sharesOf(funder: string, tokenId: string): bigint {
    return this.wallets.get(lower(funder))?.shares.get(tokenId) ?? 0n;
  }

  heldTokens(funder: string): [string, bigint][] {
    return [...(this.wallets.get(lower(funder))?.shares ?? new Map<string, bigint>())].filter(([, size]) => size > 0n);
  }

  /** Allowances by checksummed spender, for GET /balance-allowance. */
  allowancesOf(funder: string, asset: 'COLLATERAL' | 'CONDITIONAL', spenders: readonly string[]): Record<string, string> {
    const wallet = this.wallets.get(lower(funder));
    const answer: Record<string, string> = {};
    for (const spender of spenders) {
      const amount = asset === 'COLLATERAL' ? wallet?.allowances.get(lower(spender)) ?? 0n : wallet?.shareApprovals.has(lower(spender)) ? maxUint256 : 0n;
      answer[getAddress(spender)] = amount.toString();
    }
    return answer;
  }

  /** What the funder's live orders already hold: pUSD for buys, shares of `tokenId` for sells. */
  private reserved(funder: string, side: 'BUY' | 'SELL', tokenId: string): bigint {
    let total = 0n;
    for (const order of this.orders.values()) {
      if (order.status !== 'LIVE' || lower(order.maker) !== lower(funder) || order.side !== side) continue;
      const remaining = order.originalShares - order.matchedShares;
      if (side === 'SELL' && order.tokenId === tokenId) total += remaining;
      if (side === 'BUY') total += costOf(remaining, ratioOfDecimal(order.price), true);
    }
    return total;
  }

  /** Balance and allowance for spending `amount` (pUSD for a buy, shares for a sell) through `exchange`. */
  canSpend(funder: string, side: 'BUY' | 'SELL', tokenId: string, amount: bigint, exchange: string): boolean {
    const wallet = this.wallets.get(lower(funder));
    if (!wallet) return false;
    if (side === 'BUY') {
      const free = wallet.pusd - this.reserved(funder, 'BUY', tokenId);
      return free >= amount && (wallet.allowances.get(lower(exchange)) ?? 0n) >= amount;
    }
    const free = (wallet.shares.get(tokenId) ?? 0n) - this.reserved(funder, 'SELL', tokenId);
    return free >= amount && wallet.shareApprovals.has(lower(exchange));
  }

  /** Shares the book can give a taker at `limit` or better, without touching it. */
  available(tokenId: string, side: 'BUY' | 'SELL', limit: Ratio): bigint {
    return this.crossing(tokenId, side, limit).reduce((sum, level) => sum + level.size, 0n);
  }

  /** True when an order at `limit` would match at once (a post-only order must not). */
  crosses(tokenId: string, side: 'BUY' | 'SELL', limit: Ratio): boolean {
    return this.crossing(tokenId, side, limit).length > 0;
  }

  private crossing(tokenId: string, side: 'BUY' | 'SELL', limit: Ratio): Level[] {
    const book = this.books.get(tokenId);
    if (!book) return [];
    // A buyer takes asks at or under its limit, cheapest first; a seller takes bids at or over it, dearest first.
    return side === 'BUY'
      ? book.asks.filter((level) => level.size > 0n && ratioAtMost(level.price, limit)).sort((a, b) => (ratioAtMost(a.price, b.price) ? -1 : 1))
      : book.bids.filter((level) => level.size > 0n && ratioAtMost(limit, level.price)).sort((a, b) => (ratioAtMost(b.price, a.price) ? -1 : 1));
  }

  /** Takes up to `shares` from the book at `limit` or better and settles them into the funder's wallet. */
  fill(funder: string, tokenId: string, side: 'BUY' | 'SELL', limit: Ratio, shares: bigint, budget: bigint): Fill {
    const wallet = this.wallet(funder);
    let remaining = shares;
    let pusd = 0n;
    for (const level of this.crossing(tokenId, side, limit)) {
      if (remaining === 0n) break;
      const taken = level.size < remaining ? level.size : remaining;
      level.size -= taken;
      remaining -= taken;
      pusd += costOf(taken, level.price, side === 'BUY');
    }
    const filled = shares - remaining;
    // Rounding up per level must never charge a buyer more than it signed for.
    if (side === 'BUY' && pusd > budget) pusd = budget;
    const held = wallet.shares.get(tokenId) ?? 0n;
    if (side === 'BUY') {
      wallet.pusd -= pusd;
      wallet.shares.set(tokenId, held + filled);
    } else {
      wallet.pusd += pusd;
      wallet.shares.set(tokenId, held - filled);
    }
    return { shares: filled, pusd };
  }

  /** The book a client reads: other traders' levels plus the user's resting orders, aggregated by price. */
  bookOf(tokenId: string): { bids: FakeClobLevel[]; asks: FakeClobLevel[] } | undefined {
    const book = this.books.get(tokenId);
    if (!book) return undefined;
    const merge = (levels: Level[], side: 'BUY' | 'SELL'): Map<string, { price: Ratio; size: bigint }> => {
      const byPrice = new Map<string, { price: Ratio; size: bigint }>();
      const add = (price: Ratio, size: bigint): void => {
        const key = ratioToDecimal(price);
        const entry = byPrice.get(key) ?? { price, size: 0n };
        entry.size += size;
        byPrice.set(key, entry);
      };
      for (const level of levels) if (level.size > 0n) add(level.price, level.size);
      for (const order of this.orders.values()) {
        if (order.status === 'LIVE' && order.tokenId === tokenId && order.side === side) add(ratioOfDecimal(order.price), order.originalShares - order.matchedShares);
      }
      return byPrice;
    };
    const list = (levels: Map<string, { price: Ratio; size: bigint }>): FakeClobLevel[] =>
      [...levels.entries()].map(([price, entry]) => ({ price, size: fromUnits(entry.size), ratio: entry.price })).sort((a, b) => (ratioAtMost(a.ratio, b.ratio) ? -1 : 1)).map(({ price, size }) => ({ price, size }));
    return { bids: list(merge(book.bids, 'BUY')), asks: list(merge(book.asks, 'SELL')) };
  }
}

function toLevel(level: FakeClobLevel): Level {
  return { price: ratioOfDecimal(level.price), size: toUnits(level.size) };
}
