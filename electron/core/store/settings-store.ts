/**
 * The `settings` table, one setting at a time: each is named by its entry in settings-registry.ts
 * (key, schema, fallback), never by a key typed here or there, and read back through its schema.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './database';
import { settings } from './schema';
import type { SettingDefinition } from './settings-registry';
import { preparedPerHandle } from './statement-cache';

type Reader = Pick<Db, 'select'>;
type Writer = Pick<Db, 'insert'>;

/**
 * Read on hot paths: the idle check on every use of the key, the kill switch for every order, the
 * listener's settings once a second (see statement-cache.ts).
 */
const storedRow = preparedPerHandle((db: Reader) => db.select({ value: settings.value, integrityMac: settings.integrityMac }).from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare());

/** Reads a setting; a missing or malformed value gives its fallback (a damaged setting must not brick the app). */
export function readSetting<T>(db: Reader, setting: SettingDefinition<T>): T {
  const row = storedRow(db).get({ key: setting.key });
  if (!row) return setting.fallback;
  const parsed = setting.schema.safeParse(row.value);
  return parsed.success ? parsed.data : setting.fallback;
}

export function writeSetting<T>(db: Writer, setting: SettingDefinition<T>, value: T, now: number): void {
  const { key } = setting;
  db.insert(settings).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } }).run();
}

export function deleteSetting(db: Pick<Db, 'delete'>, setting: SettingDefinition<unknown>): void {
  db.delete(settings).where(eq(settings.key, setting.key)).run();
}

/** Whether the setting has a row (a value this vault set itself), whatever the value. */
export function isSettingStored(db: Reader, setting: SettingDefinition<unknown>): boolean {
  return storedRow(db).get({ key: setting.key }) !== undefined;
}

/**
 * A setting protected by a MAC (the kill switch, the listener's settings): the stored value and
 * its MAC as they are, for the owner to check (row-integrity.ts). Undefined when the row is absent.
 */
export function readSettingWithMac(db: Reader, setting: SettingDefinition<unknown>): { value: unknown; integrityMac: string | null } | undefined {
  return storedRow(db).get({ key: setting.key });
}

/**
 * Writes a protected setting with its MAC (null only where the owner allows it, e.g. a pause while
 * locked). The value is the one the MAC covers: parsed by the owner, or what is stored, MAC'd again.
 */
export function writeSettingWithMac(db: Writer, setting: SettingDefinition<unknown>, value: unknown, integrityMac: string | null, now: number): void {
  const { key } = setting;
  db.insert(settings).values({ key, value, updatedAt: now, integrityMac }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now, integrityMac } }).run();
}

/**
 * How an owner that cannot import the integrity guard (the vault) reads and stores a protected
 * setting, given the integrity root it holds. The plain version, used until the guard is attached
 * (integrity/protected-setting.ts), ignores the root.
 */
export interface SettingAccess {
  read<T>(db: Reader, setting: SettingDefinition<T>, integrityRoot: Buffer | undefined): T;
  write<T>(db: Writer, setting: SettingDefinition<T>, value: T, now: number, integrityRoot: Buffer): void;
}

export const plainSettingAccess: SettingAccess = {
  read: (db, setting) => readSetting(db, setting),
  write: (db, setting, value, now) => writeSetting(db, setting, value, now),
};

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
