/** Timing helpers for the benchmarks: per-call timings in microseconds, percentiles, rounding. */

/** The p-th percentile (0-100) of `samples`, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Microseconds taken by each of `count` synchronous calls of `body`. */
export function timeEachMicros(count: number, body: () => unknown): number[] {
  const samples = new Array<number>(count);
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    body();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return samples;
}

/** Milliseconds taken by one asynchronous call. */
export async function timeMillis(body: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await body();
  return performance.now() - start;
}

/** Rounds for the JSON lines: enough digits to compare runs, no noise. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
