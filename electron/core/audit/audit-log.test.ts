import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { auditLog } from '../store/schema';
import { GENESIS, chainHash, storedDigest } from './audit-chain';
import { contentOf } from './audit-endorsement';
import { appendAudit, recordAudit } from './audit-log';

/**
 * Each attack is made the way someone with write access to the data folder would: plain SQL on the
 * database file, recomputing whatever can be computed without the key.
 */
describe('audit log', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const clock = new ManualClock();

  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home, { clock });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    for (let i = 2; i <= 6; i += 1) {
      clock.advance(1000);
      recordAudit(databaseOf(core).db, clock, { actor: 'cli', action: `test.step${i}`, subject: `s${i}`, outcome: 'ok', details: { n: i, note: 'ünïcödé' } });
    }
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const sql = (statement: string, ...params: unknown[]) => databaseOf(core).sqlite.prepare(statement).run(...params);
  const lock = () => core.vault.lock('user', 'cli');
  const unlock = () => core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
  const macs = () => (databaseOf(core).sqlite.prepare('SELECT CASE WHEN mac IS NULL THEN NULL ELSE lower(hex(mac)) END AS mac FROM audit_log ORDER BY seq').all() as { mac: string | null }[]).map((r) => r.mac);
  const head = () => JSON.parse((databaseOf(core).sqlite.prepare("SELECT value FROM settings WHERE key = 'audit.head'").get() as { value: string }).value) as Record<string, unknown>;
  /** What a forger without the key does after editing: recompute every plain hash from `fromSeq` on and the plain head. */
  const recomputePlainChain = (fromSeq = 1) => {
    const rows = databaseOf(core).db.select().from(auditLog).orderBy(asc(auditLog.seq)).all();
    let prev = GENESIS;
    for (const row of rows) {
      if (row.seq >= fromSeq) {
        const hash = storedDigest(chainHash(prev, contentOf(row)));
        sql('UPDATE audit_log SET hash = unhex(?) WHERE seq = ?', hash, row.seq);
        prev = hash;
      } else {
        prev = row.hash;
      }
    }
    const last = rows.at(-1);
    sql("UPDATE settings SET value = json_set(value, '$.seq', ?, '$.hash', ?) WHERE key = 'audit.head'", last?.seq ?? 0, prev);
  };

  it('signs every record while unlocked and verifies the untouched log with its MACs', () => {
    expect(macs().every((mac) => mac !== null && /^[0-9a-f]{32}$/.test(mac))).toBe(true);
    expect(core.audit.verify()).toEqual({ ok: true, rows: 6, keyed: true, pending: 0 });
    expect(core.audit.list({ limit: 2 }).map((r) => r.seq)).toEqual([6, 5]);
    expect(core.audit.list({ limit: 10, actionPrefix: 'test.step3' }).map((r) => r.subject)).toEqual(['s3']);
    expect(core.audit.list({ limit: 10, beforeSeq: 3 }).map((r) => r.seq)).toEqual([2, 1]);
    expect(core.audit.list({ limit: 10, actionPrefix: 'test.%' })).toEqual([]);
  });

  it('signs a record appended inside the caller\'s transaction, through the transaction handle', () => {
    databaseOf(core).db.transaction((tx) => appendAudit(tx, clock, { actor: 'cli', action: 'test.inTx', outcome: 'ok' }), { behavior: 'immediate' });
    expect(macs().at(-1)).toMatch(/^[0-9a-f]{32}$/);
    expect(core.audit.verify()).toMatchObject({ ok: true, keyed: true, pending: 0 });
  });

  it('reports an edited row, outcome, actor or time', () => {
    sql("UPDATE audit_log SET details = json_set(details, '$.n', 99) WHERE seq = 3");
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'edited', message: expect.stringContaining('row 3 was changed') });
    sql("UPDATE audit_log SET details = json_set(details, '$.n', 3) WHERE seq = 3");
    sql("UPDATE audit_log SET outcome = 'denied' WHERE seq = 2");
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'edited' });
  });

  it('catches an edit whose plain hashes were recomputed: the plain chain alone cannot, the MACs do', async () => {
    sql("UPDATE audit_log SET outcome = 'denied', details = json_set(details, '$.n', 99) WHERE seq = 4");
    recomputePlainChain(4);
    // Without the key (locked) only the plain chain can be checked, and the forger recomputed it.
    lock();
    expect(core.audit.verify()).toMatchObject({ ok: true, keyed: false });
    await unlock();
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'edited', message: expect.stringContaining('its MAC does not match') });
  });

  it('reports a deleted row, and deleted first rows', () => {
    sql('DELETE FROM audit_log WHERE seq = 4');
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'deleted' });
    sql('DELETE FROM audit_log WHERE seq <= 2');
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 1, problem: 'deleted' });
  });

  it('reports a deleted and renumbered beginning (the log must start with the vault\'s creation)', () => {
    sql('DELETE FROM audit_log WHERE seq = 1');
    sql('UPDATE audit_log SET seq = seq - 1');
    recomputePlainChain();
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 1, problem: 'deleted', message: expect.stringContaining('does not begin with the creation of the vault') });
  });

  it('reports reordered rows, also when their hashes were recomputed', () => {
    const swap = () => {
      sql('UPDATE audit_log SET seq = -2 WHERE seq = 2');
      sql('UPDATE audit_log SET seq = 2 WHERE seq = 3');
      sql('UPDATE audit_log SET seq = 3 WHERE seq = -2');
    };
    swap();
    // Each hash covers the one before it, so the first moved row no longer recomputes.
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'edited', message: expect.stringContaining('reordered or inserted') });
    recomputePlainChain(2);
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'edited', message: expect.stringContaining('moved or forged') });
  });

  it('reports a deleted tail even when the plain head was rewritten to match, locked or not', async () => {
    sql('DELETE FROM audit_log WHERE seq >= 5');
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5, problem: 'truncated' });
    recomputePlainChain();
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5, problem: 'truncated', message: expect.stringContaining('Signed audit rows from 5 to 6 are missing') });
    lock();
    expect(core.audit.verify()).toMatchObject({ ok: false, problem: 'truncated' });
    // Pointing the keyed head at the new last row needs a head MAC: a row's own MAC is not one.
    const four = databaseOf(core).sqlite.prepare('SELECT lower(hex(mac)) AS mac FROM audit_log WHERE seq = 4').get() as { mac: string };
    sql("UPDATE settings SET value = json_set(value, '$.keyedSeq', 4, '$.keyedMac', ?) WHERE key = 'audit.head'", four.mac);
    await unlock();
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'edited', message: expect.stringContaining('keyed head was forged') });
  });

  it('does not sign on over a tail cut off while unlocked', () => {
    sql('DELETE FROM audit_log WHERE seq >= 5');
    recomputePlainChain();
    recordAudit(databaseOf(core).db, clock, { actor: 'cli', action: 'test.after-cut', outcome: 'ok' });
    expect(macs().slice(4)).toEqual([null, null]);
    expect(core.audit.list({ limit: 2 }).map((r) => [r.action, r.details])).toEqual([['test.after-cut', {}], ['audit.tampered', { firstBadSeq: 5, problem: 'truncated' }]]);
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5, problem: 'truncated' });
  });

  it('reports a deleted head, and a keyed head removed from it', () => {
    const stored = head();
    sql("DELETE FROM settings WHERE key = 'audit.head'");
    expect(core.audit.verify()).toMatchObject({ ok: false, problem: 'missing', message: expect.stringContaining('head') });
    sql("INSERT INTO settings (key, value, updated_at) VALUES ('audit.head', ?, 0)", JSON.stringify({ seq: stored['seq'], hash: stored['hash'] }));
    expect(core.audit.verify()).toMatchObject({ ok: false, problem: 'missing', message: expect.stringContaining('keyed head') });
  });

  it('reports a deleted log while a vault exists, with or without its head', () => {
    sql('DELETE FROM audit_log');
    expect(core.audit.verify()).toMatchObject({ ok: false, rows: 0, firstBadSeq: 1, problem: 'missing', message: expect.stringContaining('empty although a vault exists') });
    sql("DELETE FROM settings WHERE key = 'audit.head'");
    expect(core.audit.verify()).toMatchObject({ ok: false, problem: 'missing' });
    // Locking appends its own record, which cannot pass for the vault's creation.
    lock();
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 1, problem: 'deleted' });
  });

  it('refuses to adopt a log stripped of its MACs to look like one from before the upgrade', async () => {
    lock();
    sql('UPDATE audit_log SET mac = NULL');
    const stored = head();
    sql("UPDATE settings SET value = ? WHERE key = 'audit.head'", JSON.stringify({ seq: stored['seq'], hash: stored['hash'] }));
    // The plain chain is intact, so while locked nothing shows...
    expect(core.audit.verify()).toMatchObject({ ok: true, keyed: false });
    await unlock();
    // ...but this vault had its integrity key already: its log was adopted before, so this is stripping.
    expect(core.audit.verify()).toMatchObject({ ok: false, problem: 'missing', message: expect.stringContaining('signed history was removed') });
    expect(core.audit.list({ limit: 5, actionPrefix: 'audit.' })).toMatchObject([{ action: 'audit.tampered', outcome: 'error', details: { problem: 'missing' } }]);
  });

  it('endorses records appended while locked at the next unlock, and records how many', async () => {
    lock();
    recordAudit(databaseOf(core).db, clock, { actor: 'webhook', action: 'webhook.alert', outcome: 'denied', details: { reason: 'vault-locked' } });
    await expect(core.vault.unlock({ method: 'passphrase', passphrase: 'not the passphrase at all' }, 'cli')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    // vault.lock, the alert and the failed unlock: the lock record is still signed (the key is forgotten right after it).
    expect(macs().slice(-3).map((mac) => mac === null)).toEqual([false, true, true]);
    expect(core.audit.verify()).toEqual({ ok: true, rows: 9, keyed: false, pending: 2 });
    await unlock();
    expect(macs().every((mac) => mac !== null)).toBe(true);
    expect(core.audit.verify()).toEqual({ ok: true, rows: 11, keyed: true, pending: 0 });
    const [endorsed] = core.audit.list({ limit: 1 });
    // The alert, the failed unlock and the unlock itself.
    expect(endorsed).toMatchObject({ action: 'audit.endorse', outcome: 'ok', details: { endorsed: 3 } });
  });

  it('does not endorse records edited while locked, and keeps reporting the edit', async () => {
    lock();
    recordAudit(databaseOf(core).db, clock, { actor: 'webhook', action: 'webhook.alert', outcome: 'denied' });
    sql("UPDATE audit_log SET outcome = 'ok' WHERE seq = 8");
    await unlock();
    expect(macs().slice(7).every((mac) => mac === null)).toBe(true);
    expect(core.audit.list({ limit: 1 })).toMatchObject([{ action: 'audit.tampered', outcome: 'error', details: { firstBadSeq: 8, problem: 'edited' } }]);
    recordAudit(databaseOf(core).db, clock, { actor: 'cli', action: 'test.after', outcome: 'ok' });
    expect(macs().at(-1)).toBeNull();
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 8, problem: 'edited' });
  });

  it('endorses rows another, locked process appended before this unlocked one appends again', () => {
    const other = createTestCore(temp.home, { clock });
    try {
      recordAudit(databaseOf(other).db, clock, { actor: 'cli', action: 'vault.unlock', outcome: 'denied' });
    } finally {
      other.close();
    }
    expect(macs().at(-1)).toBeNull();
    recordAudit(databaseOf(core).db, clock, { actor: 'cli', action: 'test.next', outcome: 'ok' });
    expect(core.audit.list({ limit: 2 }).map((r) => [r.action, r.details])).toEqual([['test.next', {}], ['audit.endorse', { endorsed: 1 }]]);
    expect(core.audit.verify()).toEqual({ ok: true, rows: 9, keyed: true, pending: 0 });
  });

  it('adopts a log from before audit MACs existed at the first unlock after the upgrade', async () => {
    lock();
    // What an older Keywarden left: no MACs, a plain head, no integrity root (and no row MACs).
    sql('UPDATE audit_log SET mac = NULL');
    const stored = head();
    sql("UPDATE settings SET value = ? WHERE key = 'audit.head'", JSON.stringify({ seq: stored['seq'], hash: stored['hash'] }));
    sql("DELETE FROM settings WHERE key = 'vault.integrityKey'");
    for (const table of ['credentials', 'risk_limits', 'webhook_sources', 'settings']) sql(`UPDATE ${table} SET integrity_mac = NULL`);
    core.close();
    core = createTestCore(temp.home, { clock });
    expect(core.audit.verify()).toMatchObject({ ok: true, keyed: false, pending: 7 });
    await unlock();
    expect(core.audit.verify()).toMatchObject({ ok: true, keyed: true, pending: 0 });
    expect(core.audit.list({ limit: 5, actionPrefix: 'audit.' })).toMatchObject([{ action: 'audit.adopt', details: { adopted: 8 } }]);
  });

  it('does not adopt an old log whose plain chain is broken', async () => {
    lock();
    sql('UPDATE audit_log SET mac = NULL');
    sql("UPDATE settings SET value = json_remove(value, '$.keyedSeq', '$.keyedMac') WHERE key = 'audit.head'");
    sql("DELETE FROM settings WHERE key = 'vault.integrityKey'");
    sql('DELETE FROM audit_log WHERE seq = 3');
    core.close();
    core = createTestCore(temp.home, { clock });
    await unlock();
    expect(macs().every((mac) => mac === null)).toBe(true);
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'deleted' });
  });

  it('keeps chaining after a restart', async () => {
    core.close();
    core = createTestCore(temp.home, { clock });
    await unlock();
    recordAudit(databaseOf(core).db, clock, { actor: 'system', action: 'test.after-restart', outcome: 'ok' });
    expect(core.audit.verify()).toEqual({ ok: true, rows: 8, keyed: true, pending: 0 });
  });
});
