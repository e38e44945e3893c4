import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { ManualClock, createTestCore, makeTempHome } from '../../testing/test-core';
import { recordAudit } from './audit-log';

describe('audit log', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const clock = new ManualClock();

  beforeEach(() => {
    temp = makeTempHome();
    core = createTestCore(temp.home, { clock });
    for (let i = 1; i <= 6; i += 1) {
      clock.advance(1000);
      recordAudit(core.database.db, clock, { actor: 'cli', action: `test.step${i}`, subject: `s${i}`, outcome: 'ok', details: { n: i, note: 'ünïcödé' } });
    }
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const sql = (statement: string, ...params: unknown[]) => core.database.sqlite.prepare(statement).run(...params);

  it('verifies an untouched chain and lists newest first with filters', () => {
    expect(core.audit.verify()).toEqual({ ok: true, rows: 6 });
    expect(core.audit.list({ limit: 2 }).map((r) => r.seq)).toEqual([6, 5]);
    expect(core.audit.list({ limit: 10, actionPrefix: 'test.step3' }).map((r) => r.subject)).toEqual(['s3']);
    expect(core.audit.list({ limit: 10, beforeSeq: 3 }).map((r) => r.seq)).toEqual([2, 1]);
    expect(core.audit.list({ limit: 10, actionPrefix: 'test.%' })).toEqual([]);
  });

  it('reports an edited row', () => {
    sql("UPDATE audit_log SET details = json_set(details, '$.n', 99) WHERE seq = 3");
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'edited' });
    expect(core.audit.verify()).toMatchObject({ message: expect.stringContaining('row 3 was changed') });
  });

  it('reports an edited outcome, actor or time', () => {
    sql("UPDATE audit_log SET outcome = 'denied' WHERE seq = 2");
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'edited' });
  });

  it('reports a deleted row', () => {
    sql('DELETE FROM audit_log WHERE seq = 4');
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'deleted' });
  });

  it('reports deleted first rows', () => {
    sql('DELETE FROM audit_log WHERE seq <= 2');
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 1, problem: 'deleted' });
  });

  it('reports reordered rows', () => {
    const rows = core.database.sqlite.prepare('SELECT * FROM audit_log WHERE seq IN (2, 3) ORDER BY seq').all() as Record<string, unknown>[];
    const [two, three] = rows as [Record<string, unknown>, Record<string, unknown>];
    const put = core.database.sqlite.prepare('UPDATE audit_log SET at = ?, actor = ?, action = ?, subject = ?, outcome = ?, details = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    put.run(three['at'], three['actor'], three['action'], three['subject'], three['outcome'], three['details'], three['prev_hash'], three['hash'], 2);
    put.run(two['at'], two['actor'], two['action'], two['subject'], two['outcome'], two['details'], two['prev_hash'], two['hash'], 3);
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'reordered' });
  });

  it('reports a truncated end of the log', () => {
    sql('DELETE FROM audit_log WHERE seq >= 5');
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5, problem: 'truncated' });
  });

  it('reports a forged last row', () => {
    sql("UPDATE audit_log SET action = 'test.forged', hash = 'f' || substr(hash, 2) WHERE seq = 6");
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 6, problem: 'edited' });
  });

  it('keeps chaining after a restart', () => {
    core.close();
    core = createTestCore(temp.home, { clock });
    recordAudit(core.database.db, clock, { actor: 'system', action: 'test.after-restart', outcome: 'ok' });
    expect(core.audit.verify()).toEqual({ ok: true, rows: 7 });
  });
});
