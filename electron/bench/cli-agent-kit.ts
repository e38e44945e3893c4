/**
 * The bundled CLI (out/cli, rebuilt once per run) in fresh processes, as a person or a script runs it,
 * for the agent's benches: a data folder with 10 Binance keys (the real scrypt cost), the fake
 * exchange on loopback, wall times of whole commands, and a `keywarden agent` to time them through.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeExchange, type FakeExchange } from '../testing/fake-exchange';
import { cliBundle, repoRoot } from '../testing/test-core';
import { BENCH_PASSPHRASE, binanceKeys, createBenchCore, seedBinanceKeys } from './bench-core';
import type { BenchContext } from './bench-types';
import { median } from './stats';

export const CLI_RUNS = 9;
export const BENCH_KEYS = 10;
/** The first key's label (seedBinanceKeys names them `bench <n>`); allowed for programs. */
export const FIRST_KEY = 'bench 0';

let built = false;

export interface CliBench {
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  readonly exchange: FakeExchange;
  /** Median wall time (ms) of `CLI_RUNS` runs of `keywarden <args>`; throws when one fails. */
  cli(args: readonly string[]): Promise<number>;
  /** The same for any program (the baselines: `node -e 0`, `true`). */
  program(file: string, args: readonly string[]): Promise<number>;
  stop(): Promise<void>;
}

export async function cliBench(context: BenchContext, name: string): Promise<CliBench> {
  if (!built) {
    context.log('  building the CLI bundle…');
    const build = spawnSync(process.execPath, [path.join(repoRoot, 'electron/scripts/build-cli.js')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the CLI bundle did not build');
    built = true;
  }
  const keys = binanceKeys(BENCH_KEYS);
  const exchange = await startFakeExchange({ exchange: 'binance', keys, maxLifetimeMs: 10 * 60_000 });
  const home = context.tempHome(`keywarden-bench-${name}-`);
  const core = await createBenchCore(home);
  await seedBinanceKeys(core, keys);
  core.close();
  const env: NodeJS.ProcessEnv = { ...process.env, KEYWARDEN_HOME: home, KEYWARDEN_PASSPHRASE: BENCH_PASSPHRASE, KEYWARDEN_EXCHANGE_URLS: JSON.stringify({ binance: exchange.url }) };
  await runOnce(process.execPath, [cliBundle, 'update', FIRST_KEY, '--allow-programs'], env);
  const program = async (file: string, args: readonly string[]) => {
    const samples: number[] = [];
    for (let i = 0; i < CLI_RUNS; i += 1) samples.push(await runOnce(file, args, env));
    return median(samples);
  };
  return { home, env, exchange, program, cli: (args) => program(process.execPath, [cliBundle, ...args]), stop: () => exchange.stop() };
}

/** Wall time (ms) of one process, from spawn to exit. */
function runOnce(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, [...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${path.basename(file)} ${args.slice(0, 3).join(' ')} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

export interface BenchAgent {
  readonly pid: number;
  /** Resident memory now (MiB), from /proc (Linux). */
  rssMib(): number;
  stop(): Promise<void>;
}

/** `keywarden agent` on the bench's data folder, once it says it is listening. */
export function startBenchAgent(bench: CliBench): Promise<BenchAgent> {
  const child = spawn(process.execPath, [cliBundle, '--json', 'agent'], { env: bench.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let printed = '';
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      printed += chunk.toString();
      if (!printed.includes('"event":"listening"')) return;
      child.stdout.off('data', onOutput);
      resolve({
        pid: child.pid ?? -1,
        rssMib: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    void exited.then(() => reject(new Error(`the agent exited before listening: ${printed.trim()}`)));
  });
}
