/** Typed access to the `settings` table: every value is read back through a zod schema. */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from './database';
import { preparedPerHandle } from './prepared-query';
import { settings } from './schema';

type Reader = Pick<Db, 'select'>;
type Writer = Pick<Db, 'insert' | 'delete'>;

/**
 * Reading a setting sits on hot paths (the idle check runs on every use of the key): the query is
 * prepared once per database handle. Transactions pass their own handle and build it each time.
 */
const preparedReads = new WeakMap<object, { get(values: { key: string }): { value: unknown } | undefined }>();

function readRow(db: Reader, key: string): { value: unknown } | undefined {
  let prepared = preparedReads.get(db);
  if (!prepared) {
    const statement = db.select({ value: settings.value }).from(settings).where(eq(settings.key, sql.placeholder('key')));
    if (!('prepare' in statement)) return db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
    prepared = (statement as unknown as { prepare(): { get(values: { key: string }): { value: unknown } | undefined } }).prepare();
    preparedReads.set(db, prepared);
  }
  return prepared.get({ key });
}

/** Reads a setting; a missing or malformed value gives `fallback` (a damaged setting must not brick the app). */
export function readSetting<T>(db: Reader, key: string, schema: z.ZodType<T>, fallback: T): T {
  const row = readRow(db, key);
  if (!row) return fallback;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : fallback;
}

export function writeSetting(db: Pick<Db, 'insert'>, key: string, value: unknown, now: number): void {
  db.insert(settings).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } }).run();
}

/**
 * A setting protected by a MAC (the kill switch, the listener's settings): the stored value and
 * its MAC as they are, for the owner to check (row-integrity.ts). Undefined when the row is absent.
 */
export function readSettingWithMac(db: Reader, key: string): { value: unknown; integrityMac: string | null } | undefined {
  return settingWithMac(db).get({ key });
}

// Read for every order (the kill switch) and once a second by the listener (see prepared-query.ts).
const settingWithMac = preparedPerHandle((db: Reader) => db.select({ value: settings.value, integrityMac: settings.integrityMac }).from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare());

/** Writes a protected setting with its MAC (null only where the owner allows it, e.g. a pause while locked). */
export function writeSettingWithMac(db: Pick<Db, 'insert'>, key: string, value: unknown, integrityMac: string | null, now: number): void {
  db.insert(settings).values({ key, value, updatedAt: now, integrityMac }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now, integrityMac } }).run();
}

/**
 * How an owner that cannot import the integrity guard (the vault) reads and stores a protected
 * setting, given the integrity root it holds. The plain version, used until the guard is attached
 * (integrity/protected-setting.ts), ignores the root.
 */
export interface SettingAccess {
  read<T>(db: Reader, key: string, schema: z.ZodType<T>, fallback: T, integrityRoot: Buffer | undefined): T;
  write(db: Pick<Db, 'insert'>, key: string, value: unknown, now: number, integrityRoot: Buffer): void;
}

export const plainSettingAccess: SettingAccess = {
  read: (db, key, schema, fallback) => readSetting(db, key, schema, fallback),
  write: (db, key, value, now) => writeSetting(db, key, value, now),
};

export function deleteSetting(db: Writer, key: string): void {
  db.delete(settings).where(eq(settings.key, key)).run();
}

/**
 * A setting read at most once a second. For values read on every use of a key (auto-lock time,
 * rotation reminder): another process (the CLI beside the app) changing them is seen within a
 * second, and this process's own changes at once through `set`.
 */
export class CachedSetting<T> {
  #value: T | undefined;
  #readAt = -Infinity;

  constructor(private readonly read: () => T, private readonly clock: { now(): number }, private readonly ttlMs = 1000) {}

  get(): T {
    const now = this.clock.now();
    if (this.#value === undefined || now - this.#readAt >= this.ttlMs || now < this.#readAt) {
      this.#value = this.read();
      this.#readAt = now;
    }
    return this.#value;
  }

  set(value: T): void {
    this.#value = value;
    this.#readAt = this.clock.now();
  }

  /** The next get() reads the database (after a write that did not go through set()). */
  invalidate(): void {
    this.#value = undefined;
  }
}
