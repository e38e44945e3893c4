/**
 * Issue 22's growth per alert: the audit log keeps its hashes and MACs as 32 bytes each and no
 * previous hash (drizzle/0020), and an alert's record names its order instead of copying the
 * order's fixed facts, which its hash still covers. A log written before keeps verifying, MACs
 * included; an edit of a referenced order's facts breaks the chain at the record that names it.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { migrationsBefore } from '../../testing/older-migrations';
import { ManualClock, makeTempHome, migrationsFolder } from '../../testing/test-core';
import { GENESIS, HEAD_KEY, chainHash, headMac, rowMac, type AuditContent } from './audit-chain';
import { appendAudit } from './audit-log';
import { registerAuditSigner, AuditSigner } from './audit-signer';
import { verifyAuditChain } from './audit-verify';
import { deriveIntegrityKey } from '../vault/integrity-key';

const NOW = Date.UTC(2026, 11, 1, 12);

function content(seq: number, action: string, details: AuditContent['details']): AuditContent {
  return { at: NOW + seq, actor: 'system', action, subject: null, outcome: 'ok', details };
}

describe('compact audit storage', () => {
  let temp: ReturnType<typeof makeTempHome>;
  beforeEach(() => {
    temp = makeTempHome();
  });
  afterEach(() => temp.cleanup());

  it('a log written with hex hashes and previous hashes verifies after the upgrade, MACs included, and is stored as bytes', () => {
    const home = path.join(temp.home, 'data');
    const root = randomBytes(32);
    const key = deriveIntegrityKey(root, 'audit');
    const before = openDatabase({ home, migrationsFolder: migrationsBefore(20, path.join(temp.home, 'drizzle-0019')) });
    // As the version before wrote it: hex text, the previous hash repeated, an alert's order facts copied.
    const rows = [
      content(1, 'test.one', { n: 1 }),
      content(2, 'webhook.alert', { sourceId: 's1', outcome: 'placed', orderId: 'o1', credentialId: 'abcdefghij', symbol: 'BTC/USDT', side: 'buy', type: 'market', notionalUsd: 6.5, status: 'filled' }),
      content(3, 'test.three', { n: 3 }),
    ];
    let prevHash = GENESIS;
    let prevMac = GENESIS;
    const insert = before.sqlite.prepare('INSERT INTO audit_log (seq, at, actor, action, subject, outcome, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    rows.forEach((row, index) => {
      const seq = index + 1;
      const hash = chainHash(prevHash, row);
      const mac = rowMac(key, seq, prevMac, hash);
      insert.run(seq, row.at, row.actor, row.action, row.subject, row.outcome, JSON.stringify(row.details), prevHash, hash, mac);
      prevHash = hash;
      prevMac = mac;
    });
    before.sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(HEAD_KEY, JSON.stringify({ seq: 3, hash: prevHash, keyedSeq: 3, keyedMac: headMac(key, 3, prevMac) }), NOW);
    expect(verifyAuditChain(before, key)).toEqual({ ok: true, rows: 3, keyed: true, pending: 0 });
    before.close();

    const after = openDatabase({ home, migrationsFolder });
    try {
      expect(verifyAuditChain(after, key)).toEqual({ ok: true, rows: 3, keyed: true, pending: 0 });
      expect(after.sqlite.prepare('SELECT typeof(hash) AS h, length(hash) AS hl, typeof(mac) AS m, length(mac) AS ml FROM audit_log').all()).toEqual(Array(3).fill({ h: 'blob', hl: 32, m: 'blob', ml: 32 }));
      // Rows written from now on keep 16 bytes of each, chained on the full rows before them.
      const signer = new AuditSigner();
      registerAuditSigner(after.db, signer);
      signer.unlock(root, { mayAdopt: false });
      appendAudit(after.db, new ManualClock(NOW + 10), { actor: 'system', action: 'test.four', outcome: 'ok' });
      expect(after.sqlite.prepare('SELECT length(hash) AS hl, length(mac) AS ml FROM audit_log WHERE seq = 4').get()).toEqual({ hl: 16, ml: 16 });
      expect(verifyAuditChain(after, key)).toEqual({ ok: true, rows: 4, keyed: true, pending: 0 });
      const columns = (after.sqlite.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).not.toContain('prev_hash');
      // The record from before kept its copied facts: it is hashed as stored, not through an order.
      expect(verifyAuditChain(after, randomBytes(32))).toMatchObject({ ok: false, firstBadSeq: 1, message: expect.stringContaining('MAC does not match') });
      // A 32-byte hash cut to 16 bytes is not the row as written: its MAC and the next row cover all 32.
      const { hash } = after.sqlite.prepare('SELECT hash FROM audit_log WHERE seq = 3').get() as { hash: Buffer };
      after.sqlite.prepare('UPDATE audit_log SET hash = substr(hash, 1, 16) WHERE seq = 3').run();
      expect(verifyAuditChain(after, undefined)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'edited' });
      expect(verifyAuditChain(after, key)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'edited' });
      after.sqlite.prepare('UPDATE audit_log SET hash = ? WHERE seq = 3').run(hash);
      expect(verifyAuditChain(after, key)).toMatchObject({ ok: true });
      after.sqlite.prepare("UPDATE audit_log SET details = json_set(details, '$.notionalUsd', 650) WHERE seq = 2").run();
      expect(verifyAuditChain(after, key)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'edited' });
    } finally {
      after.close();
    }
  });

  describe('an alert record that names its order', () => {
    let database: OpenedDatabase;
    const clock = new ManualClock(NOW);
    let key: Buffer;
    const sql = (statement: string, ...params: unknown[]) => database.sqlite.prepare(statement).run(...params);

    beforeEach(() => {
      database = openDatabase({ home: temp.home, migrationsFolder });
      const signer = new AuditSigner();
      signer.unlock(randomBytes(32), { mayAdopt: true });
      registerAuditSigner(database.db, signer);
      key = Buffer.from(signer.key ?? Buffer.alloc(0));
      sql('PRAGMA foreign_keys = OFF');
      sql(`INSERT INTO orders (id, credential_id, source, idempotency_key, client_order_id, symbol, side, type, amount, requested_amount, requested_unit, notional_usd, paper, status, message, created_at, updated_at)
           VALUES ('o1', 'abcdefghij', 'webhook', 'webhook:s1:a1', 'kw-x', 'BTC/USDT', 'buy', 'market', 0.0001, 0.0001, 'base', 6.5, 0, 'open', 'Open.', ?, ?)`, NOW, NOW);
      appendAudit(database.db, clock, { actor: 'system', action: 'test.first', outcome: 'ok' });
      appendAudit(database.db, clock, { actor: 'webhook', action: 'webhook.alert', subject: '1', outcome: 'ok', details: { sourceId: 's1', outcome: 'placed', orderId: 'o1', credentialId: 'abcdefghij', status: 'open' } });
      appendAudit(database.db, clock, { actor: 'system', action: 'test.last', outcome: 'ok' });
    });
    afterEach(() => database.close());

    it('verifies while the order is as it was made, and after its status moves on (not a fixed fact)', () => {
      expect(verifyAuditChain(database, key)).toEqual({ ok: true, rows: 3, keyed: true, pending: 0 });
      sql("UPDATE orders SET status = 'filled', filled_amount = 0.0001, exchange_order_id = '42' WHERE id = 'o1'");
      expect(verifyAuditChain(database, key)).toEqual({ ok: true, rows: 3, keyed: true, pending: 0 });
    });

    it.each([
      ['its market', "UPDATE orders SET symbol = 'ETH/USDT' WHERE id = 'o1'"],
      ['its side', "UPDATE orders SET side = 'sell' WHERE id = 'o1'"],
      ['its value', "UPDATE orders SET notional_usd = 6500 WHERE id = 'o1'"],
      ['paper or live', "UPDATE orders SET paper = 1 WHERE id = 'o1'"],
      ['the rule that blocked it', "UPDATE orders SET blocked_by = 'maxOrderNotionalUsd' WHERE id = 'o1'"],
      ['the order itself (deleted)', "DELETE FROM orders WHERE id = 'o1'"],
    ])('an edit of %s in the file breaks the chain at the record that names it, with and without the key', (_what, edit) => {
      sql(edit);
      expect(verifyAuditChain(database, key)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'edited' });
      expect(verifyAuditChain(database, undefined)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'edited' });
    });

    it('stores the reference, not the facts', () => {
      const stored = database.sqlite.prepare('SELECT details FROM audit_log WHERE seq = 2').get() as { details: string };
      expect(JSON.parse(stored.details)).toEqual({ sourceId: 's1', outcome: 'placed', orderId: 'o1', credentialId: 'abcdefghij', status: 'open' });
    });
  });
});
