/**
 * db_bytes_per_alert: how much the database grows per alert in steady state (issue 22's goal: about
 * 600 bytes). 10,000 alerts go through the real listener (sent by a load process, to 10 accounts on a
 * fake exchange in another) after a warm-up; growth = pages in use after − before (the WAL written
 * back, free pages not counted: they are reused), divided by the alerts. Also per table and index
 * (SQLite's dbstat), so a regression names its cause. `kept_bytes_per_alert` leaves out what does not
 * stay: the webhook event and its indexes (retention deletes them, 90 days by default, and their pages
 * are reused) and the recent sent orders the per-minute count reads (ten minutes of orders: a fixed
 * size in steady state, all of this run here), so what grows the file for good is the order and the
 * audit record.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { writeLimits, GLOBAL_SCOPE, defaultGlobalLimits } from '../core/trading/risk-limits-store';
import { testScryptCost, databaseOf } from '../testing/test-core';
import { binanceKeys, createBenchCore, seedBinanceKeys } from './bench-core';
import type { Bench } from './bench-types';
import { LoadProcess } from './load-process';
import { round } from './stats';

const ALERTS = 10_000;
const WARM_UP = 200;
const ACCOUNTS = 10;
const RATE_PER_SECOND = 400;
const GOAL_BYTES = 600;
/** Tables (and their indexes) whose size does not grow with the alerts in steady state. */
const BOUNDED = ['webhook_events', 'sqlite_autoindex_recent_sent_orders', 'recent_sent_orders'];

export const dbGrowthBench: Bench = async (context) => {
  const alerts = Number(process.env.KEYWARDEN_BENCH_GROWTH_ALERTS ?? ALERTS);
  const keys = binanceKeys(ACCOUNTS);
  const entry = path.join(context.bundleDir, 'webhook-load.child.js');
  const exchange = new LoadProcess(entry);
  const sender = new LoadProcess(entry);
  try {
    const { url: exchangeUrl } = await exchange.ask({ type: 'start-exchange', keys }, 'exchange-started');
    const core = await createBenchCore(context.tempHome('keywarden-bench-growth-'), { scryptCost: testScryptCost, exchangeUrlOverrides: { binance: exchangeUrl } });
    try {
      const ids = await seedBinanceKeys(core, keys);
      for (const id of ids) if ((await core.verifier.verify(id, 'system')).outcome !== 'ok') throw new Error('db_bytes_per_alert: a bench key did not verify');
      const { sqlite } = databaseOf(core);
      writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrdersPerMinute: 1_000_000, maxDailyNotionalUsd: 1e12 }, Date.now(), core.integrity);
      await core.webhook.updateSettings({ rateLimits: { globalPerSecond: 10_000, globalBurst: 10_000, sourcePerSecond: 10_000, sourceBurst: 10_000 } }, 'system');
      const { token } = core.webhook.sources.create({ label: 'bench', scope: { accounts: ids, maxNotionalUsd: 1_000_000 } }, 'system');
      const url = `${(await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? ''}/webhook/${token}`;
      const template = { accounts: ids, symbol: 'BTCUSDT', amount: '0.0001', price: '65000' };
      const send = async (idPrefix: string, count: number) => {
        const sent = await sender.ask({ type: 'send-alerts', url, template, idPrefix, count, ratePerSecond: RATE_PER_SECOND, concurrency: 32 }, 'alerts-sent');
        await core.webhook.whenIdle();
        return sent;
      };
      await send('warm', WARM_UP);
      const before = usedBytes(sqlite);
      context.log(`  ${alerts} alerts at up to ${RATE_PER_SECOND}/s…`);
      const sent = await send('growth', alerts);
      const after = usedBytes(sqlite);
      const placed = (sqlite.prepare("SELECT COUNT(*) AS n FROM orders o JOIN webhook_events e ON o.webhook_event_id = e.id WHERE e.alert_id LIKE 'growth-%' AND o.status = 'filled'").get() as { n: number }).n;
      const perAlert = (after.total - before.total) / alerts;
      const perObject = Object.fromEntries(
        Object.entries(after.byObject)
          .map(([name, bytes]) => [name, (bytes - (before.byObject[name] ?? 0)) / alerts] as const)
          .filter(([, bytes]) => bytes >= 1)
          .sort((a, b) => b[1] - a[1])
          .map(([name, bytes]) => [`bytes_${name}`, round(bytes, 0)]),
      );
      const pruned = Object.entries(after.byObject).filter(([name]) => BOUNDED.some((prefix) => name.startsWith(prefix))).reduce((sum, [name, bytes]) => sum + bytes - (before.byObject[name] ?? 0), 0);
      const kept = (after.total - before.total - pruned) / alerts;
      return {
        bench: 'db_bytes_per_alert',
        alerts,
        placed,
        refused: sent.refused,
        db_bytes_per_alert: round(perAlert, 0),
        vs_goal: round(perAlert / GOAL_BYTES),
        kept_bytes_per_alert: round(kept, 0),
        kept_vs_goal: round(kept / GOAL_BYTES),
        // The goal is growth in steady state: what an alert leaves for good (see the top of this file).
        goal_met: kept <= GOAL_BYTES,
        audit_rows_per_alert: round((after.auditRows - before.auditRows) / alerts),
        ...perObject,
      };
    } finally {
      await core.webhook.stop();
      core.close();
    }
  } finally {
    await Promise.all([sender.stop(), exchange.stop()]);
  }
};


/** Bytes of pages in use (the WAL written back first), in total and per table or index. */
function usedBytes(sqlite: Database): { total: number; byObject: Record<string, number>; auditRows: number } {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  const free = sqlite.pragma('freelist_count', { simple: true }) as number;
  const byObject = Object.fromEntries((sqlite.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[]).map((row) => [row.name, row.bytes]));
  const auditRows = (sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  return { total: (pages - free) * pageSize, byObject, auditRows };
}
