/**
 * The attacker of issue 14's tests: SQL on the data file while Keywarden is locked (malware that can
 * write the folder, or a copy edited elsewhere); then the person unlocks, and alarms are recorded
 * (a microtask after the statement that found them).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Core } from '../core/app';
import { DATABASE_FILE } from '../core/store/database';
import { TEST_PASSPHRASE } from './test-core';

export type TamperStatement = readonly [string, ...unknown[]];

export async function tamperWhileLocked(core: Core, home: string, statements: readonly TamperStatement[]): Promise<void> {
  core.vault.lock('user', 'ui');
  const db = new Database(path.join(home, DATABASE_FILE));
  for (const [sql, ...params] of statements) db.prepare(sql).run(...params);
  db.close();
  await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
  await new Promise((resolve) => setImmediate(resolve));
}
