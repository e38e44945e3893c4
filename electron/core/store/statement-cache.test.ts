/**
 * Prepared queries on the root handle are used inside transactions on the order path: they must see
 * and roll back with the transaction, and prepared inserts and updates must store values exactly as
 * drizzle's own insert and update do (booleans, JSON, defaults). A statement reused by its SQL text
 * must come back as a fresh caller expects it (objects, not raw rows).
 */
import BetterSqlite3 from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempHome, migrationsFolder } from '../../testing/test-core';
import { openDatabase, type OpenedDatabase } from './database';
import { cacheStatements, preparedInsert, preparedPerHandle, preparedUpdate } from './statement-cache';
import { riskLimits, settings } from './schema';

const limitsByScope = preparedPerHandle((db: OpenedDatabase['db']) => db.select().from(riskLimits).where(eq(riskLimits.scope, sql.placeholder('scope'))).prepare());
const insertLimits = preparedInsert(riskLimits);
const updateLimits = preparedUpdate(riskLimits, riskLimits.scope);
const insertSetting = preparedInsert(settings);

describe('prepared queries', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let database: OpenedDatabase;

  beforeEach(() => {
    temp = makeTempHome('keywarden-prepared-');
    database = openDatabase({ home: temp.home, migrationsFolder });
  });
  afterEach(() => {
    database.close();
    temp.cleanup();
  });

  const limits = { tradingEnabled: true, paperMode: false, symbolAllowList: ['BTC/USDT'], maxOrderNotionalUsd: 100, maxDailyNotionalUsd: null, maxOpenExposureUsd: null, maxOrdersPerMinute: 5, maxPriceDeviationPct: null, updatedAt: 1, integrityMac: null };

  it('are prepared once per root handle and run inside its transactions, rolling back with them', () => {
    const { db } = database;
    expect(limitsByScope(db)).toBe(limitsByScope(db));
    expect(() =>
      db.transaction(() => {
        insertLimits(db, { scope: 'global', ...limits });
        // The uncommitted row is visible to the prepared query inside the transaction.
        expect(limitsByScope(db).get({ scope: 'global' })).toMatchObject({ maxOrdersPerMinute: 5 });
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(limitsByScope(db).get({ scope: 'global' })).toBeUndefined();
  });

  it('build a transaction handle\'s query for that call only', () => {
    database.db.transaction((tx) => {
      const first = limitsByScope(tx as unknown as OpenedDatabase['db']);
      expect(limitsByScope(tx as unknown as OpenedDatabase['db'])).not.toBe(first);
    });
  });

  it('store booleans, JSON and defaults as drizzle does, per set of columns given', () => {
    const { db } = database;
    insertLimits(db, { scope: 'global', ...limits });
    expect(db.select().from(riskLimits).where(eq(riskLimits.scope, 'global')).get()).toEqual({ scope: 'global', maxLeverage: null, maxPositionNotionalUsd: null, ...limits });
    const raw = database.sqlite.prepare("SELECT trading_enabled, symbol_allow_list FROM risk_limits WHERE scope = 'global'").get();
    expect(raw).toEqual({ trading_enabled: 1, symbol_allow_list: '["BTC/USDT"]' });

    updateLimits(db, 'global', { paperMode: true, symbolAllowList: null });
    updateLimits(db, 'global', { maxOrdersPerMinute: 9 });
    expect(db.select().from(riskLimits).where(eq(riskLimits.scope, 'global')).get()).toEqual({ scope: 'global', maxLeverage: null, maxPositionNotionalUsd: null, ...limits, paperMode: true, symbolAllowList: null, maxOrdersPerMinute: 9 });

    // A null is stored as NULL, not as the JSON text "null".
    expect(database.sqlite.prepare("SELECT symbol_allow_list IS NULL AS missing FROM risk_limits WHERE scope = 'global'").get()).toEqual({ missing: 1 });

    const inserted = insertSetting(db, { key: 'test.value', value: { nested: [1, 'two'] }, updatedAt: 2 });
    expect(inserted.changes).toBe(1);
    expect(db.select().from(settings).where(eq(settings.key, 'test.value')).get()).toEqual({ key: 'test.value', value: { nested: [1, 'two'] }, updatedAt: 2, integrityMac: null });
  });
});

describe('statements by SQL text', () => {
  it('are reused, reset to object rows, and the least recently used is dropped past the limit', () => {
    const sqlite = new BetterSqlite3(':memory:');
    try {
      cacheStatements(sqlite, 2);
      sqlite.exec("CREATE TABLE t (k TEXT); INSERT INTO t VALUES ('a')");
      const first = sqlite.prepare('SELECT k FROM t');
      first.raw(true);
      const again = sqlite.prepare('SELECT k FROM t');
      expect(again).toBe(first);
      expect(again.get()).toEqual({ k: 'a' });

      sqlite.prepare('SELECT 1');
      sqlite.prepare('SELECT 2');
      expect(sqlite.prepare('SELECT k FROM t')).not.toBe(first);
    } finally {
      sqlite.close();
    }
  });
});
