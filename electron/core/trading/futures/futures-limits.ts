/**
 * The futures rules that turn input into leverage and refuse what is too much: how a typed or sent
 * leverage is read, the most leverage a person allows, and the largest position they allow per
 * symbol. A position is valued at its full size (price × amount): leverage changes the margin it
 * ties up, never what it can lose, so it never shrinks the value the limits count.
 */
import { KeywardenError } from '../../errors';
import { readLeverageInput } from '../../../shared/leverage-input';

/** The shared reading rule (shared/leverage-input.ts), as the window applies it while typing; refused as INVALID_INPUT. */
export function readLeverage(input: string | number): number {
  const read = readLeverageInput(typeof input === 'number' ? String(input) : input);
  if (!read.ok) throw new KeywardenError('INVALID_INPUT', read.message, { field: 'leverage' });
  return read.value;
}

/** Setting leverage above the person's own limit is refused before the exchange is asked. */
export function assertLeverageAllowed(leverage: number, maxLeverage: number | null, scope: string): void {
  if (maxLeverage !== null && leverage > maxLeverage) {
    throw new KeywardenError('LEVERAGE_REFUSED', `Leverage ${leverage}x is above the limit of ${maxLeverage}x (${scope}). Raise the limit on Risk limits first if you mean it.`, { field: 'leverage' });
  }
}

/**
 * The position's value after the order, at full size: what the per-symbol position limit compares.
 * `held` is signed (long > 0, short < 0); a reduce-only order can only bring it toward 0.
 */
export function positionNotionalAfter(held: number, side: 'buy' | 'sell', amount: number, price: number, reduceOnly: boolean): number {
  const delta = side === 'buy' ? amount : -amount;
  const next = reduceOnly && Math.abs(held + delta) > Math.abs(held) ? held : held + delta;
  return Math.abs(next) * price;
}

/** Null when allowed, otherwise why not (the risk gate's wording). */
export function positionLimitRefusal(notionalAfter: number, notionalBefore: number, maxPositionNotionalUsd: number | null, symbol: string, scope: string): string | null {
  // An order that shrinks the position is always allowed: refusing it would keep the risk on.
  if (maxPositionNotionalUsd === null || notionalAfter <= notionalBefore || notionalAfter <= maxPositionNotionalUsd) return null;
  return `This order would bring the ${symbol} position to $${notionalAfter.toLocaleString('en-US', { maximumFractionDigits: 2 })}; the limit per position (${scope}) is $${maxPositionNotionalUsd.toLocaleString('en-US', { maximumFractionDigits: 2 })}.`;
}
