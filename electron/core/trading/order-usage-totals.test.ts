/**
 * The risk limits read running totals kept by triggers on `orders` (drizzle/0003, counting fills since 0005). A trigger that
 * drifted from what the limits mean would let a limit be passed, so the totals are checked against a
 * full scan of the orders (the way usage was computed before the totals existed) after random
 * inserts, status changes, fills and deletes, and after upgrading a database that already has orders.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { migrationsBefore } from '../../testing/older-migrations';
import { makeTempHome, migrationsFolder } from '../../testing/test-core';
import { readUsage, utcDayNumber } from './risk-limits-store';

const DAY = 86_400_000;
const ACCOUNTS = ['acct-a', 'acct-b', 'acct-c'];
const STATUSES = ['blocked', 'rejected', 'sending', 'open', 'filled', 'canceled', 'failed', 'unknown'] as const;
// Midnight UTC, so orders fall on both sides of a day boundary.
const DAY_START = Date.UTC(2026, 10, 20);

interface ScannedRow {
  credential_id: string;
  paper: number;
  side: 'buy' | 'sell';
  status: (typeof STATUSES)[number];
  amount: number;
  filled_amount: number;
  notional_usd: number;
  average_price: number | null;
  usd_per_quote: number | null;
  created_at: number;
}

/** What filled, in US dollars: from the fill when the exchange said at what price, else the estimate's share. */
function filledUsd(row: ScannedRow): number {
  if (row.average_price !== null && row.usd_per_quote !== null) return row.filled_amount * row.average_price * row.usd_per_quote;
  return row.amount > 0 ? (row.notional_usd * row.filled_amount) / row.amount : 0;
}

function unfilledUsd(row: ScannedRow): number {
  return row.amount > 0 ? Math.max(row.notional_usd * (1 - row.filled_amount / row.amount), 0) : row.notional_usd;
}

/**
 * Usage by reading every order and adding up in TypeScript: the definition the SQL totals must match.
 * Daily: an order not yet answered counts its estimate; an open one its unfilled estimate plus what
 * filled; a finished one what filled. Exposure: buys still open plus net filled buys not yet sold.
 */
function scannedUsage(database: OpenedDatabase, credentialId: string | null, paper: boolean, now: number) {
  const rows = (database.sqlite.prepare('SELECT * FROM orders').all() as ScannedRow[])
    .filter((row) => row.paper === (paper ? 1 : 0) && (credentialId === null || row.credential_id === credentialId));
  const today = utcDayNumber(now);
  let daily = 0;
  let openBuys = 0;
  let filledBuys = 0;
  let filledSells = 0;
  for (const row of rows) {
    const answered = ['open', 'filled', 'canceled', 'failed'].includes(row.status);
    if (utcDayNumber(row.created_at) === today) {
      if (row.status === 'sending' || row.status === 'unknown') daily += row.notional_usd;
      else if (row.status === 'open') daily += unfilledUsd(row) + filledUsd(row);
      else if (answered) daily += filledUsd(row);
    }
    if (row.side === 'buy' && (row.status === 'sending' || row.status === 'unknown')) openBuys += row.notional_usd;
    if (row.side === 'buy' && row.status === 'open') openBuys += unfilledUsd(row);
    if (answered) {
      if (row.side === 'buy') filledBuys += filledUsd(row);
      else filledSells += filledUsd(row);
    }
  }
  return { daily, exposure: openBuys + Math.max(0, filledBuys - filledSells) };
}

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('order usage totals', () => {
  let temp: ReturnType<typeof makeTempHome>;

  beforeEach(() => {
    temp = makeTempHome('keywarden-usage-');
  });
  afterEach(() => temp.cleanup());

  function insertOrder(database: OpenedDatabase, random: () => number, n: number, withFillPrices = true): void {
    const amount = random() < 0.05 ? 0 : Math.round(random() * 1000) / 100;
    database.sqlite.prepare(`
      INSERT INTO orders (id, credential_id, source, idempotency_key, client_order_id, symbol, side, type, amount, requested_amount,
        requested_unit, notional_usd, paper, status, message, filled_amount, ${withFillPrices ? 'average_price, usd_per_quote, ' : ''}created_at, updated_at)
      VALUES (@id, @credentialId, 'manual', @id, @id, 'BTC/USDT', @side, 'limit', @amount, @amount, 'base', @notional, @paper, @status, '', @filled, ${withFillPrices ? '@average, @usdPerQuote, ' : ''}@createdAt, @createdAt)
    `).run({
      id: `o${n}`,
      credentialId: ACCOUNTS[Math.floor(random() * ACCOUNTS.length)],
      side: random() < 0.6 ? 'buy' : 'sell',
      amount,
      notional: Math.round(random() * 500_00) / 100,
      paper: random() < 0.3 ? 1 : 0,
      status: STATUSES[Math.floor(random() * STATUSES.length)],
      filled: Math.round(amount * random() * 100) / 100,
      createdAt: DAY_START + Math.floor((random() * 3 - 1) * DAY),
      ...(withFillPrices ? fillPrices(random) : {}),
    });
  }

  /** Half the orders know their fill price (and quote value); the others count their estimate. */
  function fillPrices(random: () => number): { average: number | null; usdPerQuote: number | null } {
    if (random() < 0.5) return { average: null, usdPerQuote: null };
    return { average: Math.round(random() * 70_000_00) / 100, usdPerQuote: random() < 0.8 ? 1 : Math.round(random() * 3000) };
  }

  function changeOrder(database: OpenedDatabase, random: () => number, n: number): void {
    const id = `o${Math.floor(random() * n)}`;
    const row = database.sqlite.prepare('SELECT amount FROM orders WHERE id = ?').get(id) as { amount: number } | undefined;
    if (!row) return;
    const roll = random();
    if (roll < 0.1) database.sqlite.prepare('DELETE FROM orders WHERE id = ?').run(id);
    else if (roll < 0.55) database.sqlite.prepare('UPDATE orders SET status = ? WHERE id = ?').run(STATUSES[Math.floor(random() * STATUSES.length)], id);
    else if (roll < 0.75) database.sqlite.prepare("UPDATE orders SET filled_amount = ?, status = CASE WHEN ? THEN 'filled' ELSE status END WHERE id = ?").run(Math.round(row.amount * random() * 100) / 100, random() < 0.5 ? 1 : 0, id);
    // The exchange's answer: what filled, at what average price.
    else if (roll < 0.9) database.sqlite.prepare('UPDATE orders SET filled_amount = ?, average_price = ?, usd_per_quote = COALESCE(usd_per_quote, 1) WHERE id = ?').run(Math.round(row.amount * random() * 100) / 100, Math.round(random() * 70_000_00) / 100, id);
    // A change the totals do not depend on must leave them alone.
    else database.sqlite.prepare("UPDATE orders SET message = 'seen', exchange_order_id = 'x' WHERE id = ?").run(id);
  }

  function expectTotalsMatchScan(database: OpenedDatabase, now: number): void {
    for (const credentialId of [null, ...ACCOUNTS]) {
      for (const paper of [false, true]) {
        for (const day of [-1, 0, 1]) {
          const at = now + day * DAY;
          const usage = readUsage(database, credentialId, paper, at);
          const scanned = scannedUsage(database, credentialId, paper, at);
          expect(usage.dailyNotionalUsd, `daily ${credentialId ?? 'all'} paper=${paper} day ${day}`).toBeCloseTo(scanned.daily, 3);
          expect(usage.openExposureUsd, `exposure ${credentialId ?? 'all'} paper=${paper}`).toBeCloseTo(scanned.exposure, 3);
          // The last minute is checked in order-sent-count.test.ts, with orders made in time order as
          // they are: these orders are made at random times over three days, in random order.
        }
      }
    }
  }

  it('match a full scan of the orders through random inserts, status changes, fills and deletes', () => {
    const database = openDatabase({ home: temp.home, migrationsFolder });
    try {
      // The orders name accounts that need not exist here: the totals do not depend on them.
      database.sqlite.pragma('foreign_keys = OFF');
      const random = seeded(7);
      let inserted = 0;
      for (let step = 1; step <= 800; step += 1) {
        if (random() < 0.55 || inserted === 0) insertOrder(database, random, inserted++);
        else changeOrder(database, random, inserted);
        if (step % 50 === 0) expectTotalsMatchScan(database, DAY_START + 3_600_000);
      }
      // The last minute is counted from the orders themselves, around "now".
      expectTotalsMatchScan(database, DAY_START + 30_000);
      const counted = database.sqlite.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number };
      expect(counted.n).toBeGreaterThan(200);
    } finally {
      database.close();
    }
  });

  it.each([
    { before: 3, what: 'before the totals existed' },
    { before: 5, what: 'before usage counted fills' },
  ])('count the orders a database already had when it is upgraded from $what', ({ before: migration }) => {
    // The migrations up to (not including) this one, to make a database as that version left it.
    const olderMigrations = migrationsBefore(migration, path.join(temp.home, `drizzle-before-${migration}`));

    const home = path.join(temp.home, 'data');
    const before = openDatabase({ home, migrationsFolder: olderMigrations });
    before.sqlite.pragma('foreign_keys = OFF');
    const random = seeded(11);
    for (let n = 0; n < 300; n += 1) insertOrder(before, random, n, false);
    before.close();

    const after = openDatabase({ home, migrationsFolder });
    try {
      expect(after.migration.applied).toBeGreaterThan(0);
      expectTotalsMatchScan(after, DAY_START + 3_600_000);
    } finally {
      after.close();
    }
  });
});
