/** `keywarden audit --verify` against attacks the plain hash chain let through: exit code 3 for each. */
import Database from 'better-sqlite3';
import { cpSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS, chainHash, storedDigest } from '../core/audit/audit-chain';
import { contentOf } from '../core/audit/audit-endorsement';
import type { AuditRow } from '../core/store/schema';
import { makeBybitKey } from '../testing/fake-exchange/keys';
import { keywardenCli } from '../testing/cli-runner';
import { makeTempHome } from '../testing/test-core';

type Stored = Omit<AuditRow, 'details'> & { details: string; prev_hash: string };

/** What someone with write access but no key does: edit with SQL, then recompute every plain hash and the plain head. */
function tamper(home: string, edit: (db: Database.Database) => void): void {
  const db = new Database(`${home}/keywarden.db`);
  edit(db);
  let prev = GENESIS;
  let last = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Stored[]) {
    const hash = storedDigest(chainHash(prev, contentOf({ ...row, details: JSON.parse(row.details) as AuditRow['details'] })));
    db.prepare('UPDATE audit_log SET hash = unhex(?) WHERE seq = ?').run(hash, row.seq);
    prev = hash;
    last = row.seq;
  }
  db.prepare("UPDATE settings SET value = json_set(value, '$.seq', ?, '$.hash', ?) WHERE key = 'audit.head'").run(last, prev);
  db.close();
}

describe('keywarden audit --verify', () => {
  const original = makeTempHome('keywarden-cli-audit-');
  const copies: ReturnType<typeof makeTempHome>[] = [];
  const copy = () => {
    const temp = makeTempHome('keywarden-cli-audit-');
    copies.push(temp);
    cpSync(original.home, temp.home, { recursive: true });
    return temp.home;
  };

  beforeAll(async () => {
    expect((await keywardenCli(original.home, ['init'])).code).toBe(0);
    expect((await keywardenCli(original.home, ['add', 'bybit', '--label', 'b'], { stdin: JSON.stringify(makeBybitKey()) })).code).toBe(0);
  }, 60_000);
  afterAll(() => {
    for (const temp of [original, ...copies]) temp.cleanup();
  });

  it('says intact, MACs included, for an untouched log', async () => {
    const verify = await keywardenCli(copy(), ['audit', '--verify']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Audit log intact: \d+ records, hash chain and MACs verified\./);
  });

  it.each([
    ['an edit with recomputed hashes', (db: Database.Database) => db.prepare("UPDATE audit_log SET outcome = 'denied' WHERE action = 'credential.create'").run(), 'its MAC does not match'],
    ['a deleted tail with a rewritten head', (db: Database.Database) => db.prepare('DELETE FROM audit_log WHERE seq > 2').run(), 'Signed audit rows from 3'],
    ['a deleted log', (db: Database.Database) => db.prepare('DELETE FROM audit_log').run(), 'Audit log damaged'],
  ])('fails with exit code 3 on %s', async (_name, edit, message) => {
    const home = copy();
    tamper(home, edit);
    const verify = await keywardenCli(home, ['audit', '--verify']);
    expect(verify.code, verify.stderr).toBe(3);
    expect(verify.stdout).toContain(message);
  });
});
