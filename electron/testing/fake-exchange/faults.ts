/**
 * Injected latency and failures. Random faults come from a seeded generator, so a flaky-looking run can be
 * replayed with the same seed; `failNext` queues exact failures for tests that need one specific outcome.
 */
import type { FakeFaultOptions, FakeLatency, FaultKind } from './types';

/** mulberry32: a tiny, well-mixed 32-bit PRNG; plenty for dice rolls, and deterministic per seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private errorRate = 0;
  private dropRate = 0;
  private random: () => number = seededRandom(Date.now());
  private latency: FakeLatency = 0;
  private readonly queued: { kind: FaultKind; path: string | undefined }[] = [];

  constructor(faults: FakeFaultOptions | undefined, latency: FakeLatency | undefined) {
    this.setFaults(faults ?? {});
    this.setLatency(latency ?? 0);
  }

  setFaults(faults: FakeFaultOptions): void {
    this.errorRate = clampRate(faults.errorRate);
    this.dropRate = clampRate(faults.dropRate);
    if (faults.seed !== undefined) this.random = seededRandom(faults.seed);
  }

  setLatency(latency: FakeLatency): void {
    if (typeof latency === 'number') {
      if (!(latency >= 0)) throw new Error('latencyMs must be zero or more');
    } else if (!(latency.min >= 0) || !(latency.max >= latency.min)) {
      throw new Error('latencyMs needs 0 <= min <= max');
    }
    this.latency = latency;
  }

  /** Queues `count` failures for the next requests, or only for the next requests to a path ending in `path`. */
  failNext(count: number, kind: FaultKind, path?: string): void {
    for (let i = 0; i < count; i++) this.queued.push({ kind, path });
  }

  /** The fault for the next request, if any: queued ones first, then one roll of the dice. */
  nextFault(path = ''): FaultKind | undefined {
    const index = this.queued.findIndex((queued) => queued.path === undefined || path.endsWith(queued.path));
    if (index >= 0) return this.queued.splice(index, 1)[0]?.kind;
    if (this.errorRate === 0 && this.dropRate === 0) return undefined;
    const roll = this.random();
    if (roll < this.dropRate) return 'drop';
    if (roll < this.dropRate + this.errorRate) return '5xx';
    return undefined;
  }

  nextLatencyMs(): number {
    if (typeof this.latency === 'number') return this.latency;
    return this.latency.min + Math.round(this.random() * (this.latency.max - this.latency.min));
  }
}

function clampRate(rate: number | undefined): number {
  if (rate === undefined) return 0;
  if (!(rate >= 0 && rate <= 1)) throw new Error('fault rates are shares between 0 and 1');
  return rate;
}
