/** Typed access to the `settings` table: every value is read back through a zod schema. */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from './database';
import { settings } from './schema';

type Reader = Pick<Db, 'select'>;
type Writer = Pick<Db, 'insert' | 'delete'>;

/** Reads a setting; a missing or malformed value gives `fallback` (a damaged setting must not brick the app). */
export function readSetting<T>(db: Reader, key: string, schema: z.ZodType<T>, fallback: T): T {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  if (!row) return fallback;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : fallback;
}

export function writeSetting(db: Pick<Db, 'insert'>, key: string, value: unknown, now: number): void {
  db.insert(settings).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } }).run();
}

export function deleteSetting(db: Writer, key: string): void {
  db.delete(settings).where(eq(settings.key, key)).run();
}
