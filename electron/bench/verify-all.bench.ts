/**
 * verify_all: core.verifier.verifyAll with 20 Binance keys against the fake exchange on loopback at
 * 100 ms per request, against verifying the same keys one after another. Measured warm (ccxt loaded,
 * markets and clients cached, as in an app that has been running); the first, cold run is reported too.
 */
import { startFakeExchange } from '../testing/fake-exchange';
import { testScryptCost } from '../testing/test-core';
import { binanceKeys, createBenchCore, seedBinanceKeys } from './bench-core';
import type { Bench } from './bench-types';
import { median, round, timeMillis } from './stats';

const ACCOUNTS = 20;
const LATENCY_MS = 100;
const WARM_RUNS = 3;

export const verifyAllBench: Bench = async (context) => {
  const keys = binanceKeys(ACCOUNTS);
  const fake = await startFakeExchange({ exchange: 'binance', latencyMs: LATENCY_MS, keys, maxLifetimeMs: 5 * 60_000 });
  const core = await createBenchCore(context.tempHome('keywarden-bench-verify-'), { scryptCost: testScryptCost, exchangeUrlOverrides: { binance: fake.url } });
  try {
    const ids = await seedBinanceKeys(core, keys);
    let results: readonly { outcome: string }[] = [];
    const coldMs = await timeMillis(async () => {
      results = await core.verifier.verifyAll('system');
    });
    const failed = results.filter((r) => r.outcome !== 'ok');
    if (results.length !== ACCOUNTS || failed.length > 0) throw new Error(`verify_all: ${failed.length} of ${results.length} keys did not verify (${failed[0]?.outcome ?? 'none'})`);
    context.log(`  cold verifyAll (ccxt import, markets): ${round(coldMs)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i += 1) warm.push(await timeMillis(() => core.verifier.verifyAll('system')));
    const sequentialMs = await timeMillis(async () => {
      for (const id of ids) await core.verifier.verify(id, 'system');
    });
    // Issue 22's goal: the first run after start costs at most twice a warm one.
    const coldVsWarm = coldMs / median(warm);
    return { bench: 'verify_all', accounts: ACCOUNTS, latency_ms: LATENCY_MS, wall_ms: round(median(warm)), sequential_ms: round(sequentialMs), cold_ms: round(coldMs), cold_vs_warm: round(coldVsWarm), goal_cold_vs_warm: 2, goal_met: coldVsWarm <= 2 };
  } finally {
    core.close();
    await fake.stop();
  }
};
