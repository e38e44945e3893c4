/**
 * core_start: from a fresh Node process to a core that serves requests: load its modules, open the
 * database, migrate, unlock with the OS keychain. Run in child processes (the vault is created once
 * beforehand), so module loading counts and ccxt cannot already be loaded. `ms` is timed inside the
 * child from before the core's modules load; `process_ms` adds Node's own start-up. `vs_bare`: the
 * same against a child that only loads better-sqlite3 and checks the migrations (goal ≤ 1.2).
 */
import path from 'node:path';
import { createCore } from '../core/app';
import { FakeSafeStorage, migrationsFolder } from '../testing/test-core';
import { binanceKeys, seedBinanceKeys } from './bench-core';
import type { Bench } from './bench-types';
import { runJsonChild } from './json-child';
import { median, round } from './stats';

const RUNS = 7;
/** Issue 22: starting the core costs at most 1.2× loading the SQLite driver and checking the migrations. */
const GOAL_VS_BARE = 1.2;

interface ChildRun {
  readonly ms: number;
  /** Loading the core's modules (better-sqlite3, drizzle, zod, our code), before any work. */
  readonly loadMs: number;
  readonly processMs: number;
  readonly credentials: number;
  readonly ccxtLoaded: boolean;
}

export const coreStartBench: Bench = async (context) => {
  const home = context.tempHome('keywarden-bench-start-');
  const core = createCore({ home, migrationsFolder, osKeychain: { safeStorage: new FakeSafeStorage(), platform: 'linux' } });
  await core.vault.init({ useOsKeychain: true }, 'system');
  await seedBinanceKeys(core, binanceKeys(20));
  core.close();

  const child = path.join(context.bundleDir, 'core-start.child.js');
  const runs: ChildRun[] = [];
  // The core and the baseline alternate, so both see the machine in the same state.
  const bare: ChildRun[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    runs.push(await runChild(child, home));
    bare.push(await runChild(child, home, 'baseline'));
  }
  if ([...runs, ...bare].some((run) => run.credentials !== 20)) throw new Error('core_start: the child did not read the stored credentials');
  const ms = median(runs.map((run) => run.ms));
  const bareMs = median(bare.map((run) => run.ms));
  return {
    bench: 'core_start',
    ms: round(ms),
    bare_driver_migrations_ms: round(bareMs),
    vs_bare: round(ms / bareMs),
    goal_vs_bare: GOAL_VS_BARE,
    goal_met: ms / bareMs <= GOAL_VS_BARE,
    ccxt_loaded: runs.some((run) => run.ccxtLoaded),
    load_ms: round(median(runs.map((run) => run.loadMs))),
    // What is left once the modules are loaded: open, migrate, unlock (with its checks), first request.
    work_ms: round(median(runs.map((run) => run.ms - run.loadMs))),
    bare_load_ms: round(median(bare.map((run) => run.loadMs))),
    bare_work_ms: round(median(bare.map((run) => run.ms - run.loadMs))),
    process_ms: round(median(runs.map((run) => run.processMs))),
    runs: RUNS,
  };
};

function runChild(entry: string, home: string, target: 'core' | 'baseline' = 'core'): Promise<ChildRun> {
  return runJsonChild<ChildRun>('core_start', entry, [home, target]);
}
