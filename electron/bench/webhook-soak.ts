/**
 * The soak run (issue 7): alerts at a steady rate through the real webhook listener and the real
 * core, while the fake exchange fails 5% of requests, drops 1% of connections and answers with
 * random latency. Afterwards every alert must have exactly one recorded outcome, no order may exist
 * twice, the audit chain must verify, and resident memory must not have grown by more than 20 MB
 * after the warm-up (issue 22; the whole run's growth is reported too, and the short test bounds it).
 * Loopback only; bounded in count and time. Used by a short test in `npm test` and by `npm run soak`.
 */
import { writeLimits, GLOBAL_SCOPE, defaultGlobalLimits } from '../core/trading/risk-limits-store';
import { alertBody, sendRaw, type RawResponse } from '../testing/webhook-test-kit';
import { makeBinanceHmacKey } from '../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../testing/test-core';
import { startSoakExchange } from './soak-exchange';
import { clientOrderIdOf } from '../core/trading/order-store';

/**
 * Alerts go round the accounts, then the markets: alerts for one account and market are handled in
 * order (a reversal waits for the order before it), so one queue would cap the run at what one
 * exchange round trip allows. 10 accounts: at 50 alerts/s that is 5 orders a second per account,
 * Binance's own limit (50 per 10 s), which ccxt's throttle (a price, a balance and the order, 50 ms
 * apart) can keep up with; 3 markets each. Amounts are just over each market's minimum order value.
 */
const SOAK_ACCOUNTS = 10;
const SOAK_MARKETS = [
  { symbol: 'BTCUSDT', amount: '0.0001', price: '65000' },
  { symbol: 'ETHUSDT', amount: '0.002', price: '3200' },
  { symbol: 'SOLUSDT', amount: '0.04', price: '150' },
] as const;

/** Alert n's account, market and side: each account's alerts on a market alternate buy and sell. */
export function soakRoute(n: number): { readonly account: number; readonly market: (typeof SOAK_MARKETS)[number]; readonly side: 'buy' | 'sell' } {
  const account = n % SOAK_ACCOUNTS;
  const marketIndex = Math.floor(n / SOAK_ACCOUNTS) % SOAK_MARKETS.length;
  const round = Math.floor(n / (SOAK_ACCOUNTS * SOAK_MARKETS.length));
  return { account, market: SOAK_MARKETS[marketIndex] ?? SOAK_MARKETS[0], side: round % 2 === 0 ? 'buy' : 'sell' };
}

export interface SoakOptions {
  readonly alerts: number;
  readonly ratePerSecond: number;
  readonly seed?: number;
  readonly log?: (line: string) => void;
  /** The bundled load process (webhook-load.child.js) to run the fake exchange in; in the soak's own process when absent. */
  readonly exchangeProcess?: string;
}

export interface SoakReport {
  readonly alerts: number;
  readonly rate_per_s: number;
  /** Final answer per alert, after any resend of a 503 (TradingView resends those; not a reset or a timeout). */
  readonly answered: Readonly<Record<string, number>>;
  /** 503 answers the listener gave when over its connection caps, each followed by a resend. */
  readonly retried_busy: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly orders_at_exchange: number;
  readonly alerts_without_one_outcome: number;
  readonly doubled_orders: number;
  readonly orders_without_row: number;
  readonly audit_ok: boolean;
  readonly rss_growth_mb: number;
  /** Resident memory (MB) before the first alert, at the warm-up mark (10,000 alerts, or half a shorter run) and at the end. */
  readonly rss_start_mb: number;
  readonly rss_warm_mb: number;
  readonly rss_end_mb: number;
  readonly warm_mark: number;
  /** Growth after warm-up (end − warm mark); issue 22's goal is at most 20 MB over 100,000 alerts. */
  readonly rss_growth_after_warm_mb: number;
  readonly wall_s: number;
  readonly ok: boolean;
}

/** Issue 22's goal for resident memory over the run once warm. */
const MAX_GROWTH_AFTER_WARM_MB = 20;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const temp = makeTempHome('keywarden-soak-');
  const keys = Array.from({ length: SOAK_ACCOUNTS }, () => makeBinanceHmacKey());
  const accounts = keys.map((_, index) => `soak-${index}`);
  // Bounded: the schedule, plus time for the backlog and the final reconcile.
  const lifetimeMs = 30 * 60_000 + (options.alerts / options.ratePerSecond) * 3000;
  const binance = await startSoakExchange(keys, options.exchangeProcess, lifetimeMs);
  const core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
  try {
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'system');
    core.vault.setAutoLockMinutes(0, 'system');
    const accountIds: string[] = [];
    for (const [index, key] of keys.entries()) {
      const created = await core.credentials.create({ provider: 'binance', label: accounts[index] ?? '', fields: key }, 'system');
      if ((await core.verifier.verify(created.id, 'system')).outcome !== 'ok') throw new Error(`soak: key ${index} did not verify`);
      accountIds.push(created.id);
    }
    // The soak measures the pipeline, not the rate limits: lift them out of the way.
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrdersPerMinute: null, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null }, Date.now(), core.integrity);
    await core.webhook.updateSettings({ port: 0, rateLimits: { globalPerSecond: 10_000, globalBurst: 10_000, sourcePerSecond: 10_000, sourceBurst: 10_000 } }, 'system');
    const { token } = core.webhook.sources.create({ label: 'soak', scope: { accounts: accountIds, maxNotionalUsd: 1_000_000 } }, 'system');
    const status = await core.webhook.start({ host: '127.0.0.1', port: 0 });
    const base = status.localUrl ?? '';
    await binance.setConditions({ errorRate: 0.05, dropRate: 0.01, seed: options.seed ?? 20261122 }, { min: 2, max: 40 });

    const rssBefore = process.memoryUsage().rss;
    const warmMark = Math.min(10_000, Math.floor(options.alerts / 2));
    let rssWarm = rssBefore;
    let paused = 0;
    const started = Date.now();
    const answered: Record<string, number> = {};
    let retriedBusy = 0;
    // A set that forgets answered requests: a list of 100,000 settled promises would be the soak's own growth.
    const inFlight = new Set<Promise<void>>();
    const interval = 1000 / options.ratePerSecond;
    for (let n = 0; n < options.alerts; n += 1) {
      const due = started + paused + n * interval;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const route = soakRoute(n);
      const body = alertBody({ account: accounts[route.account], ...route.market, side: route.side, id: `soak-${n}` }, Date.now());
      if (n === warmMark) {
        // Measured with nothing in flight; the schedule then resumes from now (no burst to catch up).
        const pauseStarted = Date.now();
        await Promise.all(inFlight);
        await core.webhook.whenIdle();
        rssWarm = process.memoryUsage().rss;
        paused += Date.now() - pauseStarted;
        log(`  warm-up mark ${n}: RSS ${mb(rssWarm)} MB (start ${mb(rssBefore)} MB)`);
      }
      const sending = sendLikeTradingView(base, `/webhook/${token}`, body, () => (retriedBusy += 1)).then(
        (response) => {
          const word = `${response.status} ${response.json.status ?? response.json.error?.code ?? ''}`.trim();
          answered[word] = (answered[word] ?? 0) + 1;
        },
        (error: NodeJS.ErrnoException) => {
          // Kept apart by cause: a reset (closed unanswered) is not a timeout (answered too late).
          const word = `no answer (${error.code ?? error.message})`;
          answered[word] = (answered[word] ?? 0) + 1;
        },
      );
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
      if (n > 0 && n % 1000 === 0) log(`  ${n} alerts sent`);
    }
    await Promise.all(inFlight);
    await core.webhook.whenIdle();
    // Orders the exchange did not confirm are looked up by client order id, never re-sent blindly.
    await binance.setConditions({});
    await core.trading.reconcile('system');
    const wall = (Date.now() - started) / 1000;
    const rssEnd = process.memoryUsage().rss;
    const rssGrowth = (rssEnd - rssBefore) / 1024 / 1024;

    const sqlite = databaseOf(core).sqlite;
    const perAlert = sqlite.prepare("SELECT alert_id AS id, count(*) AS n, sum(outcome = 'accepted') AS unsettled FROM webhook_events WHERE alert_id LIKE 'soak-%' GROUP BY alert_id").all() as { id: string; n: number; unsettled: number }[];
    const outcomes = Object.fromEntries((sqlite.prepare('SELECT outcome, count(*) AS n FROM webhook_events GROUP BY outcome').all() as { outcome: string; n: number }[]).map((row) => [row.outcome, row.n]));
    // What refused or failed alerts were told, most common first: a soak that refuses for its own set-up's sake measures nothing.
    for (const row of sqlite.prepare("SELECT outcome, message, count(*) AS n FROM webhook_events WHERE outcome NOT IN ('placed', 'accepted') GROUP BY outcome, message ORDER BY n DESC LIMIT 5").all() as { outcome: string; message: string; n: number }[]) log(`  ${row.n} × ${row.outcome}: ${row.message}`);
    const alertsWithoutOneOutcome = options.alerts - perAlert.filter((row) => row.n === 1 && row.unsettled === 0).length;
    const bad = perAlert.filter((row) => !(row.n === 1 && row.unsettled === 0));
    if (bad.length > 0 || perAlert.length < options.alerts) {
      const seen = new Set(perAlert.map((row) => row.id));
      const missing = Array.from({ length: options.alerts }, (_, n) => `soak-${n}`).filter((id) => !seen.has(id));
      log(`  alerts without one outcome: ${JSON.stringify(bad.slice(0, 5))}; without any event: ${missing.slice(0, 10).join(', ')}`);
      for (const row of sqlite.prepare("SELECT alert_id, outcome, message, http_status FROM webhook_events WHERE alert_id IN (SELECT value FROM json_each(?))").all(JSON.stringify(bad.slice(0, 3).map((r) => r.id))) as unknown[]) log(`    ${JSON.stringify(row)}`);
    }
    const byClientId = new Map(Object.entries(await binance.timesPlaced()));
    const placedAtExchange = [...byClientId.values()].reduce((sum, times) => sum + times, 0);
    const doubled = [...byClientId.values()].filter((count) => count > 1).length;
    // An order's client id is stored only when it is not derived from its key (issue 22).
    const rowsByClientId = new Map<string, number>();
    for (const row of sqlite.prepare("SELECT idempotency_key AS idempotencyKey, client_order_id AS clientOrderId FROM orders WHERE exchange_order_id IS NOT NULL AND status IN ('open','filled','canceled')").all() as { idempotencyKey: string; clientOrderId: string | null }[]) {
      const clientId = clientOrderIdOf(row);
      rowsByClientId.set(clientId, (rowsByClientId.get(clientId) ?? 0) + 1);
    }
    const withoutRow = [...byClientId.keys()].filter((clientId) => rowsByClientId.get(clientId) !== 1).length;
    const auditOk = core.audit.verify().ok;
    const report: SoakReport = {
      alerts: options.alerts,
      rate_per_s: options.ratePerSecond,
      answered,
      retried_busy: retriedBusy,
      outcomes,
      orders_at_exchange: placedAtExchange,
      alerts_without_one_outcome: alertsWithoutOneOutcome,
      doubled_orders: doubled,
      orders_without_row: withoutRow,
      audit_ok: auditOk,
      rss_growth_mb: Math.round(rssGrowth * 10) / 10,
      rss_start_mb: mb(rssBefore),
      rss_warm_mb: mb(rssWarm),
      rss_end_mb: mb(rssEnd),
      warm_mark: warmMark,
      rss_growth_after_warm_mb: mb(rssEnd - rssWarm),
      wall_s: Math.round(wall * 10) / 10,
      // Growth after the warm-up, not since the start: code and caches loaded on first use (ccxt's
      // exchange module, lazily split chunks, SQLite's page cache) are a one-time cost, not a leak.
      ok: alertsWithoutOneOutcome === 0 && doubled === 0 && withoutRow === 0 && auditOk && (rssEnd - rssWarm) / 1024 / 1024 <= MAX_GROWTH_AFTER_WARM_MB,
    };
    return report;
  } finally {
    await core.webhook.stop();
    core.close();
    await binance.stop();
    temp.cleanup();
  }
}

/** Sends as TradingView is taken to: a 503 again after its Retry-After; a reset or a timeout never (TradingView gives up). */
async function sendLikeTradingView(base: string, path: string, body: string, onBusy: () => void): Promise<RawResponse> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await sendRaw(base, path, { body });
    if (response.status !== 503 || attempt === MAX_SENDS) return response;
    onBusy();
    const seconds = Number(response.headers['retry-after'] ?? 1);
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
  }
}
const MAX_SENDS = 10;

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
