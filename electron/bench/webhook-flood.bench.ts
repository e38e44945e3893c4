/**
 * webhook_flood: how long a valid alert waits for its answer while the listener is flooded with
 * wrong-token requests (issue 14: during such a flood every valid alert used to get 429). A load
 * process (webhook-flood.child.ts) sends 40 valid alerts, one every 250 ms (under the default 5 per second per source), first alone (the
 * baseline), then while it floods the listener with 10,000 wrong-token requests, 32 at a time.
 * Reports ack p50/p99 in both runs and their ratio, the flood's rate, valid alerts not accepted
 * (must be 0; TradingView gives up after 3 s) and how much the data folder grew during the flood.
 */
import { fork } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startFakeExchange } from '../testing/fake-exchange';
import { testScryptCost, databaseOf } from '../testing/test-core';
import { binanceKeys, createBenchCore, seedBinanceKeys } from './bench-core';
import type { Bench } from './bench-types';
import { percentile, round } from './stats';
import type { FloodReply, FloodRequest } from './webhook-flood.child';

const ALERTS = 40;
const ALERT_EVERY_MS = 250;
const FLOOD = { count: 10_000, concurrency: 32 };

export const webhookFloodBench: Bench = async (context) => {
  const [key] = binanceKeys(1);
  if (!key) throw new Error('no key');
  const exchange = await startFakeExchange({ exchange: 'binance', keys: [{ ...key, balances: { USDT: 10_000_000, BTC: 1000 } }] });
  const home = context.tempHome('keywarden-bench-flood-');
  const child = fork(path.join(context.bundleDir, 'webhook-flood.child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (request: Extract<FloodRequest, { type: 'run' }>) =>
    new Promise<Extract<FloodReply, { type: 'done' }>>((resolve, reject) => {
      child.once('message', (reply: FloodReply) => (reply.type === 'done' ? resolve(reply) : reject(new Error(`webhook_flood: ${reply.message}`))));
      child.send(request);
    });
  const core = await createBenchCore(home, { scryptCost: testScryptCost, exchangeUrlOverrides: { binance: exchange.url } });
  try {
    const [id] = await seedBinanceKeys(core, [key]);
    if (!id) throw new Error('no credential');
    if ((await core.verifier.verify(id, 'system')).outcome !== 'ok') throw new Error('webhook_flood: the bench key did not verify');
    // The default rate and risk limits: what a user has when the flood comes. Alerts over the daily
    // cap are still answered "accepted" (the gate runs after the answer), which is what is timed here.
    const token = core.webhook.createSource({ label: 'bench', scope: { accounts: [id], maxNotionalUsd: 1_000_000 } }, 'system').oneTimeToken;
    const baseUrl = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    const run = { type: 'run', baseUrl, alertPath: `/webhook/${token}`, account: id, alerts: ALERTS, alertEveryMs: ALERT_EVERY_MS } as const;

    context.log(`  ${ALERTS} valid alerts alone…`);
    const alone = await ask({ ...run, flood: null });
    await core.webhook.whenIdle();
    const before = dataBytes(core, home);
    context.log(`  ${ALERTS} valid alerts during ${FLOOD.count} wrong-token requests…`);
    const flooded = await ask({ ...run, flood: FLOOD });
    await core.webhook.whenIdle();
    const grown = dataBytes(core, home) - before;
    const p99Alone = percentile(alone.ackMs, 99);
    const p99Flooded = percentile(flooded.ackMs, 99);
    return {
      bench: 'webhook_flood',
      alerts: ALERTS,
      flood_requests: flooded.flood?.sent ?? 0,
      flood_per_s: round(((flooded.flood?.sent ?? 0) * 1000) / (flooded.flood?.durationMs ?? 1), 0),
      ack_p50_ms: round(percentile(alone.ackMs, 50)),
      ack_p99_ms: round(p99Alone),
      flooded_ack_p50_ms: round(percentile(flooded.ackMs, 50)),
      flooded_ack_p99_ms: round(p99Flooded),
      flooded_ack_max_ms: round(Math.max(...flooded.ackMs)),
      ack_p99_ratio: round(p99Flooded / p99Alone),
      not_accepted: alone.notAccepted + flooded.notAccepted,
      data_growth_kib: round(grown / 1024, 0),
    };
  } finally {
    await core.webhook.stop();
    core.close();
    if (child.connected) child.send({ type: 'stop' } satisfies FloodRequest);
    await exchange.stop();
  }
};

/** The data folder's size with the WAL written back (it is reused, not grown, after that). */
function dataBytes(core: Awaited<ReturnType<typeof createBenchCore>>, folder: string): number {
  databaseOf(core).sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const size = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => sum + (entry.isDirectory() ? size(path.join(dir, entry.name)) : statSync(path.join(dir, entry.name)).size), 0);
  return size(folder);
}
