/**
 * webhook: from an alert POSTed to the listener to the signed order request arriving at the fake
 * exchange, at a steady 50 alerts per second for 2,000 alerts, against a direct ccxt createOrder to
 * the same fake (the baseline: what any bridge pays), sent half-way between alerts at the same rate. The difference is what Keywarden adds:
 * parsing, authenticating, recording the alert, the risk gate, recording the order before sending.
 * Also counts alerts that never became an order (lost) and orders placed twice (duplicated).
 *
 * This process runs Keywarden only (the core with its listener, as the app does). The alert sender
 * and the fake exchange each run in a load process of their own (webhook-load.child.ts), as
 * TradingView and the exchange are other machines in real use: sharing one event loop, an order
 * arriving at the exchange waited whenever Keywarden's answer to its alert reached the sender at
 * the same moment, which no direct order ever did. All processes stamp times on the machine's
 * monotonic clock.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createExchangeClient } from '../core/exchanges/exchange-client';
import { writeLimits, GLOBAL_SCOPE, defaultGlobalLimits } from '../core/trading/risk-limits-store';
import { testScryptCost, databaseOf } from '../testing/test-core';
import { binanceKeys, createBenchCore, seedBinanceKeys } from './bench-core';
import type { Bench } from './bench-types';
import { percentile, round } from './stats';
import { monotonicMs, type LoadReply, type LoadRequest } from './webhook-load-protocol';

const ALERTS = 2000;
const RATE_PER_SECOND = 50;
const WARM_UP = 50;

export const webhookBench: Bench = async (context) => {
  const [key] = binanceKeys(1);
  if (!key) throw new Error('no key');
  const exchange = new LoadProcess(path.join(context.bundleDir, 'webhook-load.child.js'));
  const sender = new LoadProcess(path.join(context.bundleDir, 'webhook-load.child.js'));
  try {
    const { url: exchangeUrl } = await exchange.ask({ type: 'start-exchange', key }, 'exchange-started');
    const core = await createBenchCore(context.tempHome('keywarden-bench-webhook-'), { scryptCost: testScryptCost, exchangeUrlOverrides: { binance: exchangeUrl } });
    try {
      const [id] = await seedBinanceKeys(core, [key]);
      if (!id) throw new Error('no credential');
      // The risk gate trades only with a verified key.
      if ((await core.verifier.verify(id, 'system')).outcome !== 'ok') throw new Error('webhook: the bench key did not verify');
      writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrdersPerMinute: null, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null }, Date.now(), core.integrity);
      await core.webhook.updateSettings({ rateLimits: { globalPerSecond: 10_000, globalBurst: 10_000, sourcePerSecond: 10_000, sourceBurst: 10_000 } }, 'system');
      const { token } = core.webhook.sources.create({ label: 'bench', scope: { accounts: [id], maxNotionalUsd: 1_000_000 } }, 'system');
      const alertUrl = `${(await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? ''}/webhook/${token}`;
      const template = { account: id, symbol: 'BTCUSDT', amount: '0.0001', price: '65000' };

      // Warm up both paths (JIT, the cached ccxt client, prepared statements).
      await sender.ask({ type: 'send-alerts', url: alertUrl, template, idPrefix: 'warm', count: WARM_UP, ratePerSecond: RATE_PER_SECOND }, 'alerts-sent');
      await core.webhook.whenIdle();
      // The baseline's own ccxt client (the same settings as Keywarden's), so the two do not share a rate limiter.
      const { secrets } = core.credentials.getDecrypted(id);
      const client = await createExchangeClient({ exchangeId: 'binance', credentials: secrets as Record<string, string>, environment: 'live', urlOverrides: { binance: exchangeUrl } });
      await client.loadMarkets();
      for (let n = 0; n < WARM_UP; n += 1) await client.createOrder('BTC/USDT', 'market', n % 2 === 0 ? 'buy' : 'sell', 0.0001, undefined, { clientOrderId: `warm-direct-${n}` });

      // The alerts, and between them the baseline: ccxt straight to the fake from this process, half
      // a period after each alert, so both paths run at the same rate, on the machine in the same state.
      context.log(`  ${ALERTS} alerts at ${RATE_PER_SECOND}/s, each followed by a direct order…`);
      const periodMs = 1000 / RATE_PER_SECOND;
      const startAt = monotonicMs() + 100;
      const alertsSent = sender.ask({ type: 'send-alerts', url: alertUrl, template, idPrefix: 'bench', count: ALERTS, ratePerSecond: RATE_PER_SECOND, startAt }, 'alerts-sent');
      const directSentAt = new Map<string, number>();
      for (let n = 0; n < ALERTS; n += 1) {
        const wait = startAt + (n + 0.5) * periodMs - monotonicMs();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const clientOrderId = `direct-${n}`;
        directSentAt.set(clientOrderId, monotonicMs());
        await client.createOrder('BTC/USDT', 'market', n % 2 === 0 ? 'buy' : 'sell', 0.0001, undefined, { clientOrderId });
      }
      const sent = await alertsSent;
      await core.webhook.whenIdle();
      const { arrivedAt, timesPlaced } = await exchange.ask({ type: 'orders' }, 'orders');

      const direct = [...directSentAt].flatMap(([clientOrderId, sentAt]) => (arrivedAt[clientOrderId] === undefined ? [] : [arrivedAt[clientOrderId] - sentAt]));
      // Which exchange order belongs to which alert: orders carry their alert event, events their alert id.
      const rows = databaseOf(core).sqlite.prepare(`
        SELECT e.alert_id AS alertId, o.client_order_id AS clientOrderId FROM webhook_events e
        JOIN orders o ON o.webhook_event_id = e.id WHERE e.alert_id LIKE 'bench-%'`).all() as { alertId: string; clientOrderId: string }[];
      const latencies: number[] = [];
      const ordersPerAlert = new Map<string, number>();
      for (const row of rows) {
        ordersPerAlert.set(row.alertId, (ordersPerAlert.get(row.alertId) ?? 0) + 1);
        const arrived = arrivedAt[row.clientOrderId];
        const sentAt = sent.sentAt[row.alertId];
        if (arrived !== undefined && sentAt !== undefined) latencies.push(arrived - sentAt);
      }
      const lost = ALERTS - latencies.length;
      const duplicated = [...ordersPerAlert.values()].filter((n) => n > 1).length + Object.values(timesPlaced).filter((n) => n > 1).length;
      if (sent.refused > 0) context.log(`  ${sent.refused} alerts were not answered 200`);
      const p50 = percentile(latencies, 50);
      const p99 = percentile(latencies, 99);
      const directP50 = percentile(direct, 50);
      const directP99 = percentile(direct, 99);
      return {
        bench: 'webhook',
        alerts: ALERTS,
        rate_per_s: RATE_PER_SECOND,
        p50_ms: round(p50),
        p99_ms: round(p99),
        direct_p50_ms: round(directP50),
        direct_p99_ms: round(directP99),
        overhead_p50_ms: round(p50 - directP50),
        overhead_p99_ms: round(p99 - directP99),
        lost,
        duplicated,
      };
    } finally {
      await core.webhook.stop();
      core.close();
    }
  } finally {
    await Promise.all([sender.stop(), exchange.stop()]);
  }
};

/** The load process, asked one thing at a time. */
class LoadProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;

  constructor(entry: string) {
    this.#child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
  }

  ask<T extends LoadReply['type']>(request: LoadRequest, expected: T): Promise<Extract<LoadReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('webhook: the load process exited'));
      this.#child.once('exit', onExit);
      this.#child.once('message', (message: LoadReply) => {
        this.#child.off('exit', onExit);
        if (message.type === expected) resolve(message as Extract<LoadReply, { type: T }>);
        else reject(new Error(`webhook: the load process answered ${message.type === 'failed' ? message.message : message.type}`));
      });
      this.#child.send(request);
    });
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.connected) this.#child.send({ type: 'stop' } satisfies LoadRequest);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5000);
    await this.#exited;
    clearTimeout(timer);
  }
}
