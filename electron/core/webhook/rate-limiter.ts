/**
 * Token buckets for the listener's rate limits: a steady rate per second plus a burst. Keyed buckets
 * (per source, per client address) live in a bounded map, so a flood from many addresses cannot
 * grow memory without limit.
 */

export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(burst: number, now: number) {
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  /** Refills for the time passed (at most up to `burst`), then reports the tokens left. */
  available(ratePerSecond: number, burst: number, now: number): number {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(burst, this.#tokens + elapsed * ratePerSecond);
    this.#updatedAt = now;
    return this.#tokens;
  }

  /** Takes one token if there is one. */
  take(ratePerSecond: number, burst: number, now: number): boolean {
    if (this.available(ratePerSecond, burst, now) < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Takes one token even if that leaves the bucket in debt (used to count failures). */
  charge(ratePerSecond: number, burst: number, now: number): void {
    this.#tokens = Math.max(-burst, this.available(ratePerSecond, burst, now) - 1);
  }
}

export class KeyedTokenBuckets {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #maxKeys: number;

  constructor(maxKeys = 10_000) {
    this.#maxKeys = maxKeys;
  }

  take(key: string, ratePerSecond: number, burst: number, now: number): boolean {
    return this.#bucket(key, burst, now).take(ratePerSecond, burst, now);
  }

  charge(key: string, ratePerSecond: number, burst: number, now: number): void {
    this.#bucket(key, burst, now).charge(ratePerSecond, burst, now);
  }

  /** True when the key has no token left (without taking one). */
  exhausted(key: string, ratePerSecond: number, burst: number, now: number): boolean {
    const bucket = this.#buckets.get(key);
    return bucket !== undefined && bucket.available(ratePerSecond, burst, now) < 1;
  }

  clear(): void {
    this.#buckets.clear();
  }

  #bucket(key: string, burst: number, now: number): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (bucket) {
      // Re-insert: the map's order is then least recently used first, which is what gets evicted.
      this.#buckets.delete(key);
    } else {
      bucket = new TokenBucket(burst, now);
      if (this.#buckets.size >= this.#maxKeys) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
    }
    this.#buckets.set(key, bucket);
    return bucket;
  }
}
