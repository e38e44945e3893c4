/**
 * A sliding one-second window over all callers. Both exchanges meter per IP (and per UID); every caller of
 * the fake is 127.0.0.1, so one window is the honest model.
 */
export class RateLimiter {
  private readonly hits: number[] = [];

  constructor(
    private perSecond: number | undefined,
    private readonly now: () => number,
  ) {}

  setLimit(perSecond: number | undefined): void {
    if (perSecond !== undefined && !(perSecond > 0)) throw new Error('rateLimitPerSecond must be positive');
    this.perSecond = perSecond;
  }

  get limit(): number | undefined {
    return this.perSecond;
  }

  /** Counts one request; false when it goes over the limit (rejected requests count too, as on Binance). */
  admit(): boolean {
    const time = this.now();
    while (this.hits.length > 0 && (this.hits[0] ?? 0) <= time - 1000) this.hits.shift();
    this.hits.push(time);
    return this.perSecond === undefined || this.hits.length <= this.perSecond;
  }
}
