/**
 * Which position an order meets. One-way: the account's one (net) position on the market. Hedge: a
 * long and a short can be held at once, and an order meets one of them: a reduce-only sell (or an
 * opening buy) the long, a reduce-only buy (or an opening sell) the short. Checking a hedge account's
 * reduce-only order against the net would refuse a valid close (long 1 and short 1 net to 0) and
 * value an opening order against the wrong side's cap.
 */
import type { PositionMode } from './position-mode';

export interface HeldSides {
  /** Base amounts, both ≥ 0. */
  readonly long: number;
  readonly short: number;
}

export function heldSides(positions: readonly { readonly side: 'long' | 'short'; readonly amount: number }[]): HeldSides {
  const sum = (side: 'long' | 'short') => positions.filter((p) => p.side === side).reduce((total, p) => total + p.amount, 0);
  return { long: sum('long'), short: sum('short') };
}

/** Paper and one-way positions are one signed number (long > 0). */
export function sidesOfNet(net: number): HeldSides {
  return { long: Math.max(net, 0), short: Math.max(-net, 0) };
}

/**
 * The signed position (long > 0, short < 0) the order acts on: what reduce-only checks, the amount
 * a close may take and the per-position limit compare against.
 */
export function positionMet(held: HeldSides, mode: PositionMode, side: 'buy' | 'sell', reduceOnly: boolean): number {
  if (mode === 'one-way') return held.long - held.short;
  const onLong = reduceOnly ? side === 'sell' : side === 'buy';
  return onLong ? held.long : -held.short;
}
