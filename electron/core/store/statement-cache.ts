/**
 * The one statement cache: what a connection has prepared, kept for reuse, at two levels.
 *
 * - Statements by their SQL text (`cacheStatements`, installed by openDatabase). Preparing costs
 *   more than running most of our queries (profiled on the alert-to-order path: a third of the
 *   CPU), and drizzle prepares a fresh statement for every query it runs. drizzle produces the same
 *   SQL text for the same query shape and binds values separately, so a statement can be reused.
 * - drizzle queries built once (`preparedPerHandle`, `preparedInsert`, `preparedUpdate`). drizzle
 *   builds a query's SQL text every time it runs: about 25 µs a query (measured), against about
 *   2 µs for a query prepared once with placeholders. The order path runs some thirty queries.
 *
 * Both live in one cache per connection and go with it. A query prepared on the root handle also
 * runs inside that handle's transactions (better-sqlite3 has one connection, and a transaction is a
 * state of the connection), so hot paths pass the root handle even inside a transaction. A
 * transaction handle still works: its query is built for that call only, never cached (a
 * transaction's handle is new every time and caching it would only leak).
 *
 * A reused statement is reset first: drizzle switches statements to raw (array) rows, and the next
 * caller may want objects. Statements run synchronously, so one is never in use by two callers; and
 * nothing iterates (the audit check reads in pages), so a statement is never left half read.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { RunResult } from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './database';
import { withFlatRows } from './flat-row-reader';

interface ConnectionCache {
  /** Statements by SQL text, the least recently used first. */
  readonly statements: Map<string, BetterSqlite3.Statement>;
  /** drizzle queries by the call site that builds them, then by the set of columns given. */
  readonly queries: Map<object, Map<string, unknown>>;
}

const caches = new WeakMap<BetterSqlite3.Database, ConnectionCache>();

function cacheOf(connection: BetterSqlite3.Database): ConnectionCache {
  let cache = caches.get(connection);
  if (!cache) caches.set(connection, (cache = { statements: new Map(), queries: new Map() }));
  return cache;
}

/** Makes `sqlite.prepare` hand out the statement it prepared before for the same SQL text. */
export function cacheStatements(sqlite: BetterSqlite3.Database, limit = 512): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const { statements } = cacheOf(sqlite);
  sqlite.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached) {
      // Most recently used last, so the oldest is evicted first.
      statements.delete(source);
      statements.set(source, cached);
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    statements.set(source, statement);
    if (statements.size > limit) statements.delete(statements.keys().next().value as string);
    return statement;
  }) as typeof sqlite.prepare;
}

/** The connection of a root handle made by drizzle(); transaction handles have none. */
function connectionOf(handle: object): BetterSqlite3.Database | undefined {
  return '$client' in handle ? (handle.$client as BetterSqlite3.Database) : undefined;
}

/** The query `site` built for this shape on the handle's connection, built now if there is none. */
function cachedQuery<Q>(handle: object, site: object, shape: string, build: () => Q): Q {
  const connection = connectionOf(handle);
  if (!connection) return build();
  const { queries } = cacheOf(connection);
  let byShape = queries.get(site);
  if (!byShape) queries.set(site, (byShape = new Map()));
  if (!byShape.has(shape)) byShape.set(shape, build());
  return byShape.get(shape) as Q;
}

/**
 * A drizzle query built once per connection (by `prepare`, which ends in drizzle's `.prepare()`). A
 * select whose rows are flat maps them with a loop worked out once (flat-row-reader.ts).
 */
export function preparedPerHandle<H extends object, Q>(prepare: (handle: H) => Q): (handle: H) => Q {
  const site = {};
  return (handle) => cachedQuery(handle, site, '', () => withFlatRows(prepare(handle)));
}

type Row = Record<string, unknown>;
interface PreparedRun {
  run(values: Row): RunResult;
}
type Writer = Pick<Db, 'insert' | 'update'>;

/**
 * `insert(db, row)`: inserts `row` into `table`, with a statement prepared once for each set of
 * columns given (a call site always gives the same set). Values go through the columns' encoders
 * (booleans, JSON) as with a plain drizzle insert; a column left out gets its default.
 */
export function preparedInsert<TTable extends SQLiteTable>(table: TTable): (db: Writer, row: TTable['$inferInsert']) => RunResult {
  const site = {};
  const prepare = (db: Writer, values: Row): PreparedRun =>
    db.insert(table).values(placeholders(values) as never).prepare() as unknown as PreparedRun;
  return (db, row) => cachedQuery(db, site, shapeOf(row as Row), () => prepare(db, row as Row)).run(row as Row);
}

/** `update(db, id, changes)`: sets `changes` on the row whose `idColumn` is `id`, prepared per set of columns changed. */
export function preparedUpdate<TTable extends SQLiteTable>(table: TTable, idColumn: SQLiteColumn): (db: Writer, id: string | number, changes: Partial<TTable['$inferInsert']>) => RunResult {
  const site = {};
  const prepare = (db: Writer, values: Row): PreparedRun =>
    db.update(table).set(placeholders(values) as never).where(eq(idColumn, sql.placeholder(ID_PLACEHOLDER))).prepare() as unknown as PreparedRun;
  return (db, id, changes) => cachedQuery(db, site, shapeOf(changes as Row), () => prepare(db, changes as Row)).run({ ...(changes as Row), [ID_PLACEHOLDER]: id });
}

// Cannot clash with a column key: keys are identifiers.
const ID_PLACEHOLDER = ' id';

/**
 * A placeholder per column given, except that a null is written as NULL in the statement: drizzle
 * stores a null as SQL NULL without asking the column's encoder, but fills a placeholder through
 * the encoder (a JSON column would store the text "null").
 */
function placeholders(values: Row): Row {
  return Object.fromEntries(columnsOf(values).map((column) => [column, values[column] === null ? sql`null` : sql.placeholder(column)]));
}

function columnsOf(values: Row): string[] {
  return Object.keys(values).filter((key) => values[key] !== undefined).sort();
}

/** The set of columns given, and which of them are null (a null is part of the statement). */
function shapeOf(values: Row): string {
  return columnsOf(values).map((column) => (values[column] === null ? `${column}=null` : column)).join(',');
}
