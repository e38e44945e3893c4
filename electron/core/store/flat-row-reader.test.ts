/**
 * A prepared flat select maps its rows with its own loop (flat-row-reader.ts): the rows must be
 * exactly drizzle's, for every kind of column the schema uses (text, enums, integers, booleans,
 * reals, JSON, buffers) and NULL in each; a selection it does not handle keeps drizzle's mapping.
 */
import BetterSqlite3 from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { blob, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFlatRows } from './flat-row-reader';

const sample = sqliteTable('sample', {
  id: text('id').primaryKey(),
  side: text('side', { enum: ['buy', 'sell'] }),
  count: integer('count'),
  enabled: integer('enabled', { mode: 'boolean' }),
  price: real('price'),
  notes: text('notes', { mode: 'json' }).$type<{ list: string[]; nested: { n: number } }>(),
  blob: blob('blob', { mode: 'buffer' }),
});

const owner = sqliteTable('owner', {
  id: text('id').primaryKey(),
  label: text('label'),
  active: integer('active', { mode: 'boolean' }),
});

const rows = [
  { id: 'a', side: 'buy' as const, count: 3, enabled: true, price: 0.1 + 0.2, notes: { list: ['x', 'y'], nested: { n: 1e-12 } }, blob: Buffer.from([0, 1, 255]) },
  { id: 'b', side: 'sell' as const, count: 0, enabled: false, price: -1.5, notes: { list: [], nested: { n: 0 } }, blob: Buffer.alloc(0) },
  { id: 'c', side: null, count: null, enabled: null, price: null, notes: null, blob: null },
];

describe('flat rows of a prepared select', () => {
  let sqlite: BetterSqlite3.Database;
  let db: ReturnType<typeof drizzle>;

  beforeEach(() => {
    sqlite = new BetterSqlite3(':memory:');
    sqlite.exec('CREATE TABLE sample (id TEXT PRIMARY KEY, side TEXT, count INTEGER, enabled INTEGER, price REAL, notes TEXT, blob BLOB)');
    db = drizzle(sqlite);
    db.insert(sample).values(rows).run();
  });
  afterEach(() => sqlite.close());

  /** drizzle's own result for the same prepared query (its class's methods, before ours replaced them). */
  function drizzles<Q extends object>(query: Q, method: 'get' | 'all', values?: Record<string, unknown>): unknown {
    const own = Object.getPrototypeOf(query) as Record<string, (values?: Record<string, unknown>) => unknown>;
    return own[method]?.call(query, values);
  }

  it('are drizzle rows, column kind by column kind, NULLs included', () => {
    const byId = db.select().from(sample).where(eq(sample.id, sql.placeholder('id'))).prepare();
    const expected = rows.map((row) => drizzles(byId, 'get', { id: row.id }));
    const flat = withFlatRows(byId);
    expect(Object.hasOwn(flat, 'get') && Object.hasOwn(flat, 'all')).toBe(true);
    for (const [i, row] of rows.entries()) {
      const got = flat.get({ id: row.id });
      expect(got).toStrictEqual(expected[i]);
      expect(got).toStrictEqual(row);
      expect(Object.keys(got ?? {})).toEqual(Object.keys(sample).filter((key) => key in row));
    }
    expect(flat.get({ id: 'none' })).toBeUndefined();
  });

  it('maps every row of all(), in order, and a named selection with a computed column', () => {
    const all = db.select({ key: sample.id, on: sample.enabled, doubled: sql<number>`${sample.count} * 2`.mapWith(Number) }).from(sample).orderBy(sample.id).prepare();
    const expected = drizzles(all, 'all');
    expect(withFlatRows(all).all()).toStrictEqual(expected);
    expect(expected).toEqual([{ key: 'a', on: true, doubled: 6 }, { key: 'b', on: false, doubled: 0 }, { key: 'c', on: null, doubled: null }]);
  });

  it('binds fixed values and placeholders as drizzle does, and refuses a missing placeholder the same way', () => {
    const query = withFlatRows(db.select({ id: sample.id }).from(sample).where(sql`${sample.side} = ${'buy'} AND ${sample.count} >= ${sql.placeholder('min')}`).prepare());
    expect(query.all({ min: 1 })).toEqual([{ id: 'a' }]);
    expect(query.all({ min: 4 })).toEqual([]);
    expect(() => query.get({})).toThrow('No value for placeholder "min" was provided');
  });

  it('maps a row of one table with columns of an inner-joined one, and a group one level deep', () => {
    sqlite.exec("CREATE TABLE owner (id TEXT PRIMARY KEY, label TEXT, active INTEGER); INSERT INTO owner VALUES ('a', 'Main', 1), ('c', NULL, 0)");
    const joined = db.select({ row: sample, label: owner.label, active: owner.active }).from(sample).innerJoin(owner, eq(owner.id, sample.id)).orderBy(sample.id).prepare();
    const expected = drizzles(joined, 'all');
    const patched = withFlatRows(joined);
    expect(Object.hasOwn(patched, 'all')).toBe(true);
    expect(patched.all()).toStrictEqual(expected);
    expect(patched.all()).toStrictEqual([{ row: rows[0], label: 'Main', active: true }, { row: rows[2], label: null, active: false }]);
    const grouped = withFlatRows(db.select({ id: sample.id, detail: { side: sample.side, enabled: sample.enabled } }).from(sample).where(eq(sample.id, 'a')).prepare());
    expect(grouped.get()).toStrictEqual({ id: 'a', detail: { side: 'buy', enabled: true } });
  });

  it('leaves to drizzle a left-joined table (null when missing) and deeper nesting', () => {
    sqlite.exec('CREATE TABLE owner (id TEXT PRIMARY KEY, label TEXT, active INTEGER)');
    const left = db.select({ row: sample, owner }).from(sample).leftJoin(owner, eq(owner.id, sample.id)).where(eq(sample.id, 'b')).prepare();
    const deep = db.select({ id: sample.id, a: { b: { side: sample.side } } } as never).from(sample).where(eq(sample.id, 'a')).prepare();
    for (const query of [left, deep]) expect(Object.hasOwn(withFlatRows(query), 'get')).toBe(false);
    expect(left.get()).toEqual({ row: rows[1], owner: null });
    expect(deep.get()).toEqual({ id: 'a', a: { b: { side: 'buy' } } });
  });

  it('reads raw rows only for itself: the statement answers objects again when prepared by its text', () => {
    const flat = withFlatRows(db.select().from(sample).where(eq(sample.id, 'b')).prepare());
    expect(flat.get()).toStrictEqual(rows[1]);
    const statement = sqlite.prepare('SELECT id FROM sample WHERE id = ?');
    expect(statement.get('a')).toEqual({ id: 'a' });
  });
});
