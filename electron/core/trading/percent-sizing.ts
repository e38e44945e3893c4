/**
 * `"unit": "percent"`: a share of the free balance of what the order spends (the quote coin for a
 * buy, the coin itself for a sell), turned into a quote or base amount right before the order is
 * sized and gated. The balance is read fresh for this order (free-balance.ts), never cached: the
 * order that just filled changed it.
 */
import { KeywardenError } from '../errors';
import type { ParsedOrderIntent } from './trading-schema';

export interface ResolvedPercent {
  /** The same intent, sized in quote units (buy) or base units (sell). */
  readonly intent: ParsedOrderIntent;
  /** How the percentage was read, for the order's notes. */
  readonly note: string;
}

/** The asset a percentage is a share of: what the order spends. */
export function percentAsset(side: 'buy' | 'sell', market: { readonly base: string; readonly quote: string }): string {
  return side === 'buy' ? market.quote : market.base;
}

export function resolvePercent(intent: ParsedOrderIntent, asset: string, free: number): ResolvedPercent {
  const percent = intent.amount;
  // The schema refuses these already; an intent built elsewhere must not size past the balance either.
  if (!(percent > 0 && percent <= 100)) throw new KeywardenError('INVALID_INPUT', 'A percentage of the free balance must be more than 0 and at most 100.', { field: 'amount' });
  if (!(free > 0)) throw new KeywardenError('ORDER_TOO_SMALL', `${percent}% of the free ${asset} is nothing: the account has no free ${asset}. Nothing was sent.`);
  const amount = (free * percent) / 100;
  return {
    intent: { ...intent, amount, amountUnit: intent.side === 'buy' ? 'quote' : 'base' },
    note: `${percent}% of the free ${free} ${asset} is ${amount} ${asset}.`,
  };
}
