/**
 * The migrations as an earlier version of Keywarden shipped them, for tests that upgrade a database
 * that version left behind.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder } from './test-core';

/** Copies the migrations into `folder`, without the one numbered `firstLeftOut` and any after it; returns the copy. */
export function migrationsBefore(firstLeftOut: number, folder: string): string {
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
  for (const entry of journal.entries.filter((e) => e.idx >= firstLeftOut)) rmSync(path.join(folder, `${entry.tag}.sql`));
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx < firstLeftOut) }));
  return folder;
}
