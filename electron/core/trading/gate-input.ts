/**
 * An order as the risk gate sees it, from what was read before it is decided (trading.ts #assess):
 * its value, the price it names against the market, the balance it needs against the free balance,
 * a futures order's position before and after, and the notes on how it was read.
 */
import type { Exchange } from 'ccxt';
import type { BalanceView } from './balance-ledger';
import type { FreeBalance } from './free-balance';
import type { FuturesPlan } from './futures/futures-assess';
import type { MarketQuote, SizedOrder } from './order-sizing';
import type { PolymarketPlan } from './polymarket-sizing';
import type { ParsedOrderIntent, RiskDecision } from './trading-schema';

/** What an order needs from the exchange's answer before the gate decides it. */
export interface AssessedOrder {
  readonly sized: SizedOrder;
  readonly quote: MarketQuote;
  readonly balance: FreeBalance | null;
  /** A spot order's balance (balance-ledger.ts): read when it is decided, and reserved if it is sent. */
  readonly ledger?: BalanceView | null;
  /** The key's client, when the balance was asked with it (reused to send). */
  readonly client: Exchange | null;
  /** A percentage resolved to the quote or base amount it came to; absent when the intent was not in percent. */
  readonly intent?: ParsedOrderIntent;
  /** A Polymarket order: the outcome, order type and signed price and quantity it will be sent with. */
  readonly polymarket?: PolymarketPlan;
  /** A perpetual-futures order: its market, reduce-only, and the position before and after it. */
  readonly futures?: FuturesPlan;
}

/** What the risk gate sees of a futures order (risk-gate.ts `futures`). */
export function futuresGate(plan: FuturesPlan | undefined) {
  return plan ? { reduceOnly: plan.reduceOnly, notionalBefore: plan.notionalBefore, notionalAfter: plan.notionalAfter, leverage: plan.leverage } : undefined;
}

/** The order as the risk gate sees it: its value, the price it names against the market, and the balance it needs. */
export function gateOrder(intent: ParsedOrderIntent, sized: SizedOrder, balance: FreeBalance | null) {
  const price = sized.limitPrice !== null
    ? { named: sized.limitPrice, market: sized.marketPrice, kind: 'limit' as const }
    : sized.quotedMarketPrice !== null ? { named: sized.quotedMarketPrice, market: sized.marketPrice, kind: 'quoted' as const }
      : sized.sweepPrice !== undefined ? { named: sized.sweepPrice, market: sized.marketPrice, kind: 'depth' as const } : null;
  return {
    symbol: sized.symbol,
    side: intent.side,
    notionalUsd: sized.notionalUsd,
    price,
    balance: balance ? { asset: balance.asset, needed: sized.needs.amount, free: balance.free } : null,
  };
}

/** The free balance an order is decided on: a spot order's ledger as of now, else what was read. */
export function balanceOf(assessed: AssessedOrder): FreeBalance | null {
  return assessed.ledger ? { asset: assessed.ledger.asset, free: assessed.ledger.free() } : assessed.balance;
}

/** An allowed decision also says how the order was read (a price that was not used, for one). */
export function withNotes(decision: RiskDecision, sized: SizedOrder): RiskDecision {
  return decision.allowed && sized.notes.length > 0 ? { ...decision, message: `${decision.message} ${sized.notes.join(' ')}` } : decision;
}
