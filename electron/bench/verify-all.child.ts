/**
 * The verify_all child: a fresh Node process that opens the bench's vault (argv[2]), unlocks it, starts
 * the background preload a running app starts after an unlock (runtime/ccxt-preload.ts) and lets it
 * finish, then times its first `verifyAll` (cold) and three more (warm) against the fake exchange at
 * argv[3], wall and CPU time. Prints one JSON line. Nothing of the verification has run in this
 * process before the cold run.
 */
import { createCore } from '../core/app';
import { ccxtLoadState } from '../core/exchanges/ccxt-loader';
import { preloadStoredExchanges } from '../core/runtime/ccxt-preload';
import { migrationsFolder, testScryptCost, TEST_PASSPHRASE } from '../testing/test-core';
import { median, timeMillis } from './stats';

const WARM_RUNS = 3;
const SETTLE_MS = 500;
const PRELOAD_TIMEOUT_MS = 30_000;

const [home, exchangeUrl] = process.argv.slice(2);
if (!home || !exchangeUrl) throw new Error('usage: verify-all.child <home> <exchange url>');

const core = createCore({ home, migrationsFolder, scryptCost: testScryptCost, exchangeUrlOverrides: { binance: exchangeUrl } });
try {
  await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'system');
  // What the app's runtime starts after an unlock (keywarden-runtime.ts), whatever it preloads; the
  // person clicks "Verify all" once it is done (timed until ccxt's Binance class is in, plus a pause).
  const stopPreload = preloadStoredExchanges(core);
  const ccxtLoadMs = await timeMillis(async () => {
    const giveUp = performance.now() + PRELOAD_TIMEOUT_MS;
    while (!ccxtLoadState().exchanges.includes('binance')) {
      if (performance.now() > giveUp) throw new Error('the background preload did not load ccxt\'s Binance class');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  stopPreload();
  let results: readonly { outcome: string }[] = [];
  const coldCpu = process.cpuUsage();
  const coldMs = await timeMillis(async () => {
    results = await core.verifier.verifyAll('system');
  });
  const coldCpuMs = cpuMs(process.cpuUsage(coldCpu));
  const failed = results.filter((result) => result.outcome !== 'ok');
  if (failed.length > 0) throw new Error(`${failed.length} of ${results.length} keys did not verify (${failed[0]?.outcome ?? 'none'})`);
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < WARM_RUNS; i += 1) {
    const cpu = process.cpuUsage();
    warm.push(await timeMillis(() => core.verifier.verifyAll('system')));
    warmCpu.push(cpuMs(process.cpuUsage(cpu)));
  }
  process.stdout.write(`${JSON.stringify({ keys: results.length, coldMs, warmMs: median(warm), coldCpuMs, warmCpuMs: median(warmCpu), ccxtLoadMs })}\n`);
} finally {
  core.close();
}

/** CPU time (user and system) of a process.cpuUsage() difference, in milliseconds. */
function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
