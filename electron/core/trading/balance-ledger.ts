/**
 * The free balance an order is checked against: the exchange's latest answer (at most
 * BALANCE_POLICY.maxAgeMs old, see recent-reading.ts) less what this key's own orders have taken
 * since, which that answer cannot show yet. Each order allowed to go out reserves what it needs until
 * a balance asked after it settled takes over; so two orders decided a moment apart cannot both spend
 * the same coins, which a fresh read per order did not prevent (both read before either was sent).
 * When what is left does not cover an order, the balance is asked afresh before the order is refused:
 * a deposit, or orders that came to nothing, may have freed it. The exchange remains the last word:
 * whatever changed there in the last moment (another app trading on the key) it refuses itself.
 */
import type { Exchange } from 'ccxt';
import type { Clock } from '../clock';
import { fetchAllFree } from './free-balance';
import { moment, PerClient, RecentReading, type Reading, type ReadingPolicy } from './recent-reading';

/** A balance is used for 1.5 s after it was asked, and asked again in the background after 0.5 s. */
export const BALANCE_POLICY: ReadingPolicy = { maxAgeMs: 1500, refreshAfterMs: 500 };

interface Reservation {
  readonly asset: string;
  readonly amount: number;
  /** When (`moment()`) its order was answered by the exchange or came to nothing; null while under way. */
  settledAt: number | null;
}

/** A key's balances: one reading of every asset (one account request), and its orders' reservations. */
interface KeyLedger {
  readonly reading: RecentReading<ReadonlyMap<string, number>>;
  readonly reservations: Set<Reservation>;
}

/** What an order is decided on; `free()` is read in the deciding transaction, `reserve` in the same turn. */
export interface BalanceView {
  readonly asset: string;
  /** The latest answer less what this key's orders took since. */
  free(): number;
  /** Holds `amount` for an order that is about to be sent; call `settled` once the exchange answered. */
  reserve(amount: number): { settled(): void };
}

export class BalanceLedger {
  readonly #clock: Clock;
  readonly #policy: ReadingPolicy;
  readonly #ledgers = new PerClient<KeyLedger>();

  constructor(clock: Clock, policy: ReadingPolicy = BALANCE_POLICY) {
    this.#clock = clock;
    this.#policy = policy;
  }

  /** The key's balance of `asset` for an order needing `needed`: asked afresh when too old, or when what is left falls short. */
  async view(client: Exchange, asset: string, needed: number): Promise<BalanceView> {
    const ledger = this.#ledgerOf(client);
    const view = viewOf(ledger, asset);
    forgetReflected(ledger, await ledger.reading.current());
    if (view.free() < needed) forgetReflected(ledger, await ledger.reading.fresh());
    return view;
  }

  /** The balance asked at this moment (less this key's orders still under way): for an amount that is a share of it. */
  async freshView(client: Exchange, asset: string): Promise<BalanceView> {
    const ledger = this.#ledgerOf(client);
    forgetReflected(ledger, await ledger.reading.fresh());
    return viewOf(ledger, asset);
  }

  #ledgerOf(client: Exchange): KeyLedger {
    return this.#ledgers.of(client, 'balances', () => ({
      reading: new RecentReading(() => fetchAllFree(client), this.#clock, this.#policy),
      reservations: new Set(),
    }));
  }
}

function viewOf(ledger: KeyLedger, asset: string): BalanceView {
  return {
    asset,
    free: () => {
      const latest = ledger.reading.latest();
      if (!latest) return 0;
      let taken = 0;
      for (const reservation of ledger.reservations) if (reservation.asset === asset && !reflectedIn(reservation, latest)) taken += reservation.amount;
      return Math.max(0, (latest.value.get(asset) ?? 0) - taken);
    },
    reserve: (amount) => {
      const reservation: Reservation = { asset, amount, settledAt: null };
      ledger.reservations.add(reservation);
      return { settled: () => { reservation.settledAt ??= moment(); } };
    },
  };
}

/** Reservations that a reading asked after their order settled already shows: the reading has them. */
function forgetReflected(ledger: KeyLedger, reading: Reading<unknown>): void {
  const latest = ledger.reading.latest() ?? reading;
  for (const reservation of ledger.reservations) if (reflectedIn(reservation, latest)) ledger.reservations.delete(reservation);
}

function reflectedIn(reservation: Reservation, reading: Reading<unknown>): boolean {
  return reservation.settledAt !== null && reservation.settledAt < reading.askedMoment;
}
