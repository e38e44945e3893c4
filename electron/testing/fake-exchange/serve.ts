/**
 * Runs a fake Binance and a fake Bybit side by side for manual runs and end-to-end tests. Prints one JSON line:
 * their URLs, a ready KEYWARDEN_EXCHANGE_URLS value and demo keys (made up on the spot; they open nothing but
 * these fakes). Stops on SIGINT / SIGTERM, or by itself after --lifetime-ms (default 10 minutes).
 *
 *   options: --lifetime-ms=<ms>  --latency-ms=<ms>
 */
import { fileURLToPath } from 'node:url';
import { makeBinanceEd25519Key, makeBinanceHmacKey, makeBybitKey } from './keys';
import { startFakeExchange } from './server';
import type { FakeExchange, FakeKeySpec } from './types';

export interface DemoKey {
  label: string;
  apiKey: string;
  secret: string;
}

export interface ServeSummary {
  exchangeUrls: string;
  binance: { url: string; keys: DemoKey[] };
  bybit: { url: string; keys: DemoKey[] };
}

export interface RunningFakes {
  readonly summary: ServeSummary;
  /** Resolves once both fakes have stopped (signal, lifetime or stop()). */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

const defaultLifetimeMs = 10 * 60 * 1000;

export async function main(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<RunningFakes> {
  const lifetimeMs = numberOption(argv, 'lifetime-ms') ?? defaultLifetimeMs;
  const latencyMs = numberOption(argv, 'latency-ms') ?? 0;

  const binanceKeys: Array<{ label: string; spec: FakeKeySpec }> = [
    { label: 'binance-hmac-trade', spec: makeBinanceHmacKey() },
    { label: 'binance-ed25519-trade', spec: makeBinanceEd25519Key() },
    { label: 'binance-hmac-read-only', spec: { ...makeBinanceHmacKey(), permissions: { spotTrade: false } } },
    { label: 'binance-hmac-can-withdraw', spec: { ...makeBinanceHmacKey(), permissions: { withdraw: true } } },
    { label: 'binance-hmac-wrong-ip', spec: { ...makeBinanceHmacKey(), allowedIps: ['10.1.2.3'] } },
  ];
  const bybitKeys: Array<{ label: string; spec: FakeKeySpec }> = [
    { label: 'bybit-hmac-trade', spec: makeBybitKey() },
    { label: 'bybit-hmac-read-only', spec: { ...makeBybitKey(), readOnly: true } },
    { label: 'bybit-hmac-expired', spec: { ...makeBybitKey(), expiresAt: Date.now() - 1000 } },
  ];

  const fakes: FakeExchange[] = [];
  try {
    fakes.push(await startFakeExchange({ exchange: 'binance', keys: binanceKeys.map((key) => key.spec), latencyMs, maxLifetimeMs: lifetimeMs }));
    fakes.push(await startFakeExchange({ exchange: 'bybit', keys: bybitKeys.map((key) => key.spec), latencyMs, maxLifetimeMs: lifetimeMs }));
  } catch (error) {
    await Promise.all(fakes.map((fake) => fake.stop()));
    throw error;
  }
  const [binance, bybit] = fakes as [FakeExchange, FakeExchange];

  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearTimeout(lifetime);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await Promise.all(fakes.map((fake) => fake.stop()));
      resolveStopped();
    })();
    return stopping;
  };
  const onSignal = (): void => void stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // The fakes stop themselves at the same moment; this only settles `stopped` and removes the handlers.
  const lifetime = setTimeout(onSignal, lifetimeMs);
  lifetime.unref();

  const toDemo = (keys: Array<{ label: string; spec: FakeKeySpec }>): DemoKey[] =>
    keys.map(({ label, spec }) => ({ label, apiKey: spec.apiKey, secret: spec.secret }));
  const summary: ServeSummary = {
    exchangeUrls: JSON.stringify({ binance: binance.url, bybit: bybit.url }),
    binance: { url: binance.url, keys: toDemo(binanceKeys) },
    bybit: { url: bybit.url, keys: toDemo(bybitKeys) },
  };
  write(`${JSON.stringify(summary)}\n`);
  return { summary, stopped, stop };
}

function numberOption(argv: readonly string[], name: string): number | undefined {
  const prefix = `--${name}=`;
  const raw = argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number of milliseconds`);
  return value;
}

// Run directly (e.g. after bundling): node serve.js --lifetime-ms=60000
if (process.argv[1] !== undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
