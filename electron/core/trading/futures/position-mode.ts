/**
 * The account's position mode (one-way or hedge), read from the exchange before an order is sent,
 * because it decides the order's parameters: Binance refuses a positionSide that does not match
 * the mode (-4061), Bybit a positionIdx (10001). Kept a few seconds per account, so a burst of
 * alerts asks once; forgotten when the exchange says the mode changed.
 */
import type { Clock } from '../../clock';
import { exchangeErrorCode } from '../../exchanges/ccxt-error';

export type PositionMode = 'one-way' | 'hedge';

/** Long enough for a burst of alerts, short enough that a mode switched on the exchange's site is soon seen. */
export const POSITION_MODE_TTL_MS = 10_000;

export class PositionModes {
  readonly #known = new Map<string, { readonly mode: PositionMode; readonly at: number }>();

  constructor(private readonly clock: Clock) {}

  /** Kept per account and symbol: Bybit's mode can differ per symbol (Binance's is the account's). */
  async read(accountId: string, symbol: string | undefined, fetch: () => Promise<PositionMode>): Promise<PositionMode> {
    const key = `${accountId}|${symbol ?? ''}`;
    const known = this.#known.get(key);
    if (known && this.clock.now() - known.at < POSITION_MODE_TTL_MS) return known.mode;
    const mode = await fetch();
    this.#known.set(key, { mode, at: this.clock.now() });
    return mode;
  }

  forget(accountId: string): void {
    for (const key of [...this.#known.keys()]) if (key.startsWith(`${accountId}|`)) this.#known.delete(key);
  }
}

/** The exchange refused an order because its position side / index did not match the mode: nothing was placed. */
export function isPositionModeMismatch(error: unknown): boolean {
  const code = exchangeErrorCode(error);
  // Bybit's 10001 is a catch-all parameter error; only its "position idx not match position mode" is this one.
  return code === '-4061' || (code === '10001' && /position idx not match position mode/i.test(error instanceof Error ? error.message : ''));
}
