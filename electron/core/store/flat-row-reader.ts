/**
 * Rows of a prepared drizzle select, mapped without drizzle's general walk. drizzle maps every row
 * with `mapResultRow`, written for any selection (nested objects, joined tables that may be null):
 * per column it asks which kind of field it is (a prototype walk), iterates the field's path and
 * keeps a map for joins. On the alert-to-order path that was the largest source of garbage (about a
 * fifth of the bytes allocated an alert, profiled) for queries whose rows are simple: `select()` of one
 * table, `select({ name: column, … })`, or a table's row with columns of an inner-joined one.
 *
 * For such a query the mapping is fixed: column i goes to key i (or to key i of a table's object, as in
 * `select({ order: orders, label: credentials.label })`) through its decoder, and a NULL stays null
 * without asking the decoder (as drizzle does). This works that out once, when the query is prepared,
 * and replaces the query's `get`/`all` with a loop over it. A query it cannot map the same way keeps
 * drizzle's own methods: a deeper selection, a custom mapper, or a table of an outer join (drizzle
 * turns its object into null when its columns all are). flat-row-reader.test.ts checks both give the
 * same rows.
 */
import { Column, fillPlaceholders, is, SQL } from 'drizzle-orm';

/** What drizzle's better-sqlite3 prepared query carries (drizzle-orm/better-sqlite3/session.js). */
interface DrizzlePreparedSelect {
  readonly stmt: { raw(toggle?: boolean): { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] } };
  readonly query: { readonly params: unknown[] };
  readonly fields?: readonly { readonly path: readonly string[]; readonly field: unknown }[];
  readonly customResultMapper?: unknown;
  readonly joinsNotNullableMap?: Readonly<Record<string, boolean>>;
  get(values?: Record<string, unknown>): unknown;
  all(values?: Record<string, unknown>): unknown[];
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** Gives `query` (drizzle's prepared select) the flat mapping when its rows are flat; returns it either way. */
export function withFlatRows<Q>(query: Q): Q {
  const prepared = query as unknown as DrizzlePreparedSelect;
  const mapping = flatMapping(prepared);
  if (!mapping) return query;
  const { names, groups, decoders } = mapping;
  const mapRow = (row: readonly unknown[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i += 1) {
      const value = row[i];
      const decoded = value === null ? null : (decoders[i] as Decoder).mapFromDriverValue(value);
      const group = groups[i];
      if (group === undefined) out[names[i] as string] = decoded;
      else ((out[group] ??= {}) as Record<string, unknown>)[names[i] as string] = decoded;
    }
    return out;
  };
  const params = prepared.query.params;
  const statement = prepared.stmt;
  Object.defineProperties(prepared, {
    get: {
      value: (values?: Record<string, unknown>) => {
        const row = statement.raw(true).get(...fillPlaceholders(params, values ?? {})) as unknown[] | undefined;
        return row === undefined ? undefined : mapRow(row);
      },
    },
    all: {
      value: (values?: Record<string, unknown>) => (statement.raw(true).all(...fillPlaceholders(params, values ?? {})) as unknown[][]).map(mapRow),
    },
  });
  return query;
}

function flatMapping(prepared: DrizzlePreparedSelect): { names: string[]; groups: (string | undefined)[]; decoders: Decoder[] } | undefined {
  const { fields, stmt, query, joinsNotNullableMap } = prepared;
  if (!fields || prepared.customResultMapper || typeof stmt?.raw !== 'function' || !Array.isArray(query?.params)) return undefined;
  // A table that may be missing from a row (an outer join) is set to null when all its columns are: drizzle's to do.
  const everyTableThere = !joinsNotNullableMap || Object.values(joinsNotNullableMap).every(Boolean);
  const names: string[] = [];
  const groups: (string | undefined)[] = [];
  const decoders: Decoder[] = [];
  for (const { path, field } of fields) {
    if (path.length > 2 || (path.length === 2 && !everyTableThere)) return undefined;
    // drizzle's choice of decoder (mapResultRow), for the two kinds our selections use.
    const decoder = is(field, Column) ? field : is(field, SQL) ? (field as unknown as { readonly decoder: Decoder }).decoder : undefined;
    if (!decoder) return undefined;
    names.push(path[path.length - 1] as string);
    groups.push(path.length === 2 ? path[0] : undefined);
    decoders.push(decoder);
  }
  return { names, groups, decoders };
}
