/**
 * One value read from an exchange (a market's price, a key's free balance), reused while it is young
 * instead of asked again for every order. During a burst of alerts this turns one round trip an order
 * into a few a second, and keeps a key within the exchange's request weights; an order after a quiet
 * spell still reads afresh, because nothing is read in the background unless an order just used the
 * value. Rules:
 * - a reading is used only while it is at most `maxAgeMs` old, counted from when it was asked (the
 *   exchange's answer is of that moment or later); older, the order waits for a new one;
 * - once it is older than `refreshAfterMs`, the next use also starts a new reading in the background,
 *   so that a steady stream of orders never waits;
 * - at most one reading is under way at a time, and every caller that needs one shares it;
 * - the clock stepping back makes every reading stale (its age is unknown).
 */
import type { Clock } from '../clock';

export interface ReadingPolicy {
  readonly maxAgeMs: number;
  readonly refreshAfterMs: number;
}

export interface Reading<T> {
  readonly value: T;
  /** When it was asked for (the clock's time). */
  readonly askedAt: number;
  /** Where its asking falls among the process's moments (`moment()`): orders what a clock's tick cannot. */
  readonly askedMoment: number;
}

let moments = 0;

/** A number larger than any given before: tells "before" from "after" within one clock tick. */
export function moment(): number {
  moments += 1;
  return moments;
}

export class RecentReading<T> {
  readonly #read: () => Promise<T>;
  readonly #clock: Clock;
  readonly #policy: ReadingPolicy;
  #latest: Reading<T> | undefined;
  #underWay: { readonly promise: Promise<Reading<T>>; readonly askedAt: number } | undefined;

  constructor(read: () => Promise<T>, clock: Clock, policy: ReadingPolicy) {
    this.#read = read;
    this.#clock = clock;
    this.#policy = policy;
  }

  /** The latest reading if still young enough; otherwise a new one (shared with any already asked). */
  current(): Promise<Reading<T>> {
    const now = this.#clock.now();
    const latest = this.#latest;
    if (latest && this.#isYoung(latest.askedAt, now, this.#policy.maxAgeMs)) {
      if (!this.#underWay && !this.#isYoung(latest.askedAt, now, this.#policy.refreshAfterMs)) void this.#ask(now).catch(() => undefined);
      return Promise.resolve(latest);
    }
    const underWay = this.#underWay;
    if (underWay && this.#isYoung(underWay.askedAt, now, this.#policy.maxAgeMs)) return underWay.promise;
    return this.#ask(now);
  }

  /** A reading asked now: for a value that must not be one asked before (a read already under way included). */
  fresh(): Promise<Reading<T>> {
    return this.#ask(this.#clock.now());
  }

  /** The latest reading, whatever its age (undefined before the first). */
  latest(): Reading<T> | undefined {
    return this.#latest;
  }

  #ask(now: number): Promise<Reading<T>> {
    const askedMoment = moment();
    const promise = this.#read().then((value) => {
      const reading = { value, askedAt: now, askedMoment };
      // A slower, older reading never replaces a newer one.
      if (!this.#latest || this.#latest.askedMoment < askedMoment) this.#latest = reading;
      return reading;
    }).finally(() => {
      if (this.#underWay?.promise === promise) this.#underWay = undefined;
    });
    this.#underWay = { promise, askedAt: now };
    return promise;
  }

  #isYoung(askedAt: number, now: number, limitMs: number): boolean {
    const age = now - askedAt;
    return age >= 0 && age <= limitMs;
  }
}

/** One thing per exchange client and name (a market's price, an asset's balance), forgotten with the client. */
export class PerClient<V> {
  readonly #byClient = new WeakMap<object, Map<string, V>>();

  of(client: object, name: string, create: () => V): V {
    let readings = this.#byClient.get(client);
    if (!readings) this.#byClient.set(client, (readings = new Map()));
    let reading = readings.get(name);
    if (!reading) readings.set(name, (reading = create()));
    return reading;
  }
}
