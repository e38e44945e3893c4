/**
 * webhook: from an alert POSTed to the listener to the signed order request arriving at the fake
 * exchange, at a steady 50 alerts per second for 2,000 alerts, against a direct ccxt createOrder to
 * the same fake (the baseline: what any bridge pays). The difference is what Keywarden adds:
 * parsing, authenticating, recording the alert, the risk gate, recording the order before sending.
 * Also counts alerts that never became an order (lost) and orders placed twice (duplicated).
 * Everything runs in this process, so the fake's order hook and the sender share one clock.
 */
import { writeLimits, GLOBAL_SCOPE, defaultGlobalLimits } from '../core/trading/risk-limits-store';
import { alertBody, sendRaw } from '../core/webhook/webhook-test-kit';
import { startFakeExchange } from '../testing/fake-exchange';
import { testScryptCost } from '../testing/test-core';
import { binanceKeys, createBenchCore, seedBinanceKeys } from './bench-core';
import type { Bench } from './bench-types';
import { percentile, round } from './stats';

const ALERTS = 2000;
const RATE_PER_SECOND = 50;
const DIRECT_ORDERS = 200;
const WARM_UP = 50;

export const webhookBench: Bench = async (context) => {
  const [key] = binanceKeys(1);
  if (!key) throw new Error('no key');
  const fake = await startFakeExchange({ exchange: 'binance', keys: [{ ...key, allowedIps: ['127.0.0.1'], balances: { USDT: 10_000_000, BTC: 1000 } }], maxLifetimeMs: 10 * 60_000 });
  const core = await createBenchCore(context.tempHome('keywarden-bench-webhook-'), { scryptCost: testScryptCost, exchangeUrlOverrides: { binance: fake.url } });
  const arrivals = new Map<string, number>();
  fake.setOrderAcceptedHook((order) => {
    arrivals.set(order.clientOrderId, performance.now());
  });
  try {
    const [id] = await seedBinanceKeys(core, [key]);
    if (!id) throw new Error('no credential');
    // The risk gate trades only with a verified key.
    if ((await core.verifier.verify(id, 'system')).outcome !== 'ok') throw new Error('webhook: the bench key did not verify');
    writeLimits(core.database.db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrdersPerMinute: null }, Date.now());
    await core.webhook.updateSettings({ rateLimits: { globalPerSecond: 10_000, globalBurst: 10_000, sourcePerSecond: 10_000, sourceBurst: 10_000 } }, 'system');
    const { token } = core.webhook.sources.create({ label: 'bench' }, 'system');
    const base = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    const alert = (n: number, prefix: string) => alertBody({ account: id, symbol: 'BTCUSDT', side: n % 2 === 0 ? 'buy' : 'sell', amount: '0.0001', price: '65000', id: `${prefix}-${n}` }, Date.now());

    // Warm up both paths (JIT, the cached ccxt client, prepared statements).
    for (let n = 0; n < WARM_UP; n += 1) await sendRaw(base, `/webhook/${token}`, { body: alert(n, 'warm') });
    await core.webhook.whenIdle();
    const { secrets } = core.credentials.getDecrypted(id);
    const client = await core.exchangeClients.client({ credentialId: id, provider: 'binance', environment: 'live', secrets: secrets as Record<string, string> });

    // Baseline: ccxt straight to the fake.
    const direct: number[] = [];
    for (let n = 0; n < DIRECT_ORDERS; n += 1) {
      const clientOrderId = `direct-${n}`;
      const sent = performance.now();
      await client.createOrder('BTC/USDT', 'market', n % 2 === 0 ? 'buy' : 'sell', 0.0001, undefined, { clientOrderId });
      const arrived = arrivals.get(clientOrderId);
      if (arrived !== undefined) direct.push(arrived - sent);
    }

    // Alerts at a steady rate, each timed from just before its POST.
    context.log(`  ${ALERTS} alerts at ${RATE_PER_SECOND}/s…`);
    const sentAt = new Map<string, number>();
    const answers: Promise<unknown>[] = [];
    const started = performance.now();
    for (let n = 0; n < ALERTS; n += 1) {
      const wait = started + (n * 1000) / RATE_PER_SECOND - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sentAt.set(`bench-${n}`, performance.now());
      answers.push(sendRaw(base, `/webhook/${token}`, { body: alert(n, 'bench') }));
    }
    await Promise.all(answers);
    await core.webhook.whenIdle();

    // Which exchange order belongs to which alert: orders carry their alert event, events their alert id.
    const rows = core.database.sqlite.prepare(`
      SELECT e.alert_id AS alertId, o.client_order_id AS clientOrderId FROM webhook_events e
      JOIN orders o ON o.webhook_event_id = e.id WHERE e.alert_id LIKE 'bench-%'`).all() as { alertId: string; clientOrderId: string }[];
    const latencies: number[] = [];
    const ordersPerAlert = new Map<string, number>();
    for (const row of rows) {
      ordersPerAlert.set(row.alertId, (ordersPerAlert.get(row.alertId) ?? 0) + 1);
      const arrived = arrivals.get(row.clientOrderId);
      const sent = sentAt.get(row.alertId);
      if (arrived !== undefined && sent !== undefined) latencies.push(arrived - sent);
    }
    const atExchange = fake.orders.filter((order) => order.clientOrderId.startsWith('kw-'));
    const perClientId = new Map<string, number>();
    for (const order of atExchange) perClientId.set(order.clientOrderId, (perClientId.get(order.clientOrderId) ?? 0) + 1);
    const lost = ALERTS - latencies.length;
    const duplicated = [...ordersPerAlert.values()].filter((n) => n > 1).length + [...perClientId.values()].filter((n) => n > 1).length;
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
      overhead_p50_ms: round(p50 - directP50),
      overhead_p99_ms: round(p99 - directP99),
      lost,
      duplicated,
    };
  } finally {
    fake.setOrderAcceptedHook(undefined);
    await core.webhook.stop();
    core.close();
    await fake.stop();
  }
};
