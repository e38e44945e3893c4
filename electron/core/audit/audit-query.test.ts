import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { ManualClock, TEST_PASSPHRASE, createTestCore, databaseOf, makeTempHome } from '../../testing/test-core';
import { makeBinanceHmacKey } from '../../testing/fake-exchange/keys';
import { recordAudit } from './audit-log';
import { auditRowsQuery } from './audit-query';
import { verifyAuditChain } from './audit-verify';
import { csvCell } from './audit-csv';

describe('audit log as sentences, filtered', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let mainId: string;
  let otherId: string;
  const clock = new ManualClock();

  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home, { clock });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    clock.advance(1000);
    mainId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: makeBinanceHmacKey() }, 'ui')).id;
    clock.advance(1000);
    otherId = (await core.credentials.create({ provider: 'binance', label: '=HYPERLINK("x")', fields: makeBinanceHmacKey() }, 'ui')).id;
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const db = () => databaseOf(core).db;
  const plan = (filter: Parameters<typeof auditRowsQuery>[1]) => {
    const { sql, params } = auditRowsQuery(db(), filter, 1000, 50).toSQL();
    return (databaseOf(core).sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
  };

  it('names the key by its label now, and a deleted key by the label it had', async () => {
    core.credentials.update({ ref: mainId, label: 'Binance renamed' }, 'ui');
    const page = core.audit.reader.page({ limit: 10 });
    expect(page.lines.map((l) => l.sentence)).toContain('Key “Binance renamed” added.');
    await core.credentials.delete(otherId, 'ui');
    const after = core.audit.reader.page({ key: otherId, limit: 10 });
    expect(after.lines[0]).toMatchObject({ sentence: 'Key “=HYPERLINK("x")” deleted.', keyDeleted: true });
    // A row that never recorded a label, of a key that is gone.
    recordAudit(db(), clock, { actor: 'cli', action: 'credential.destroyOldKey', subject: 'zzzzzzzzzz', outcome: 'ok', details: { reason: 'expired' } });
    expect(core.audit.reader.page({ limit: 1 }).lines[0]?.sentence).toBe('The old key of a deleted key was destroyed.');
  });

  it('records only the limits that changed, from and to', () => {
    const before = core.limits.overview().global.limits;
    core.limits.change({ scope: 'global', ...before, maxOrderNotionalUsd: 1000, paperMode: !before.paperMode }, 'ui');
    const line = core.audit.reader.page({ kind: 'trading', limit: 1 }).lines[0];
    expect(line?.sentence).toContain('Risk limits of all keys changed: ');
    expect(before.maxOrderNotionalUsd).toBe(100);
    expect(line?.sentence).toContain('Max order value: 100 → 1,000 USD');
    expect(line?.sentence).toContain(`Paper trading: ${before.paperMode ? 'on' : 'off'} → ${before.paperMode ? 'off' : 'on'}`);
    expect(line?.sentence).not.toMatch(/Trading:|Max value per day|Allowed markets/);
    const row = core.audit.list({ actionPrefix: 'limits.set', limit: 1 })[0];
    expect(String(row?.details.changed).split(',').sort()).toEqual(['maxOrderNotionalUsd', 'paperMode']);
    expect(Object.keys(row?.details ?? {}).filter((k) => k.endsWith('.to')).sort()).toEqual(['maxOrderNotionalUsd.to', 'paperMode.to']);
    core.limits.change({ scope: mainId, maxOrderNotionalUsd: 50 }, 'ui');
    expect(core.audit.reader.page({ key: 'Binance main', kind: 'trading', limit: 1 }).lines[0]?.sentence).toBe('Risk limits of “Binance main” changed: Max order value: no limit → 50 USD.');
  });

  it('filters by key, kind, time and words; each filter reads an index', () => {
    clock.advance(60_000);
    const since = clock.now();
    core.limits.change({ scope: mainId, maxOrdersPerMinute: 3 }, 'ui');
    expect(core.audit.reader.page({ key: 'Binance main', limit: 10 }).lines.map((l) => l.sentence)).toEqual([
      'Risk limits of “Binance main” changed: Max orders per minute: no limit → 3.',
      'Key “Binance main” added.',
    ]);
    expect(core.audit.reader.page({ since, limit: 10 }).lines).toHaveLength(1);
    expect(core.audit.reader.page({ until: since, kind: 'keys', limit: 10 }).lines).toHaveLength(2);
    expect(core.audit.reader.page({ kind: 'vault', limit: 10 }).lines.map((l) => l.sentence)).toEqual(['Vault created.']);
    expect(core.audit.reader.page({ search: 'HYPERLINK', limit: 10 }).lines).toHaveLength(1);
    expect(core.audit.reader.page({ search: 'no such words', limit: 10 })).toEqual({ lines: [], nextBeforeSeq: null });
    expect(() => core.audit.reader.page({ key: 'nobody', limit: 10 })).toThrow(/No credential has the id or label/);

    expect(plan({ keyId: mainId })).toContain('audit_log_key_idx');
    expect(plan({ kind: 'keys' })).toContain('audit_log_kind_idx');
    expect(plan({ keyId: mainId, kind: 'trading', since: 0, until: 5 })).toMatch(/audit_log_(key|kind)_idx/);
    expect(plan({ since: 0, until: 5 })).toMatch(/audit_log_at_idx|INTEGER PRIMARY KEY/);
    for (const filter of [{ keyId: mainId }, { kind: 'keys' as const }]) expect(plan(filter)).not.toMatch(/SCAN audit_log(?! USING)/);
  });

  it('pages by seq without repeating or skipping a row', () => {
    for (let i = 0; i < 25; i += 1) recordAudit(db(), clock, { actor: 'cli', action: 'vault.lock', outcome: 'ok', details: { reason: 'user' } });
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = core.audit.reader.page({ kind: 'vault', limit: 7, ...(beforeSeq ? { beforeSeq } : {}) });
      seen.push(...page.lines.map((l) => l.seq));
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
  });

  it('exports CSV with quoting and no formulas, and the chain still verifies with the new columns', () => {
    const file = path.join(temp.home, 'audit.csv');
    expect(core.audit.reader.exportCsv({ kind: 'keys' }, file, false)).toEqual({ rows: 2 });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFTime (UTC),What happened,Key,Kind,Result\r\n')).toBe(true);
    expect(text).toContain(`,"Key “=HYPERLINK(""x"")” added.","'=HYPERLINK(""x"")",Keys,Done\r\n`);
    expect(() => core.audit.reader.exportCsv({}, file, false)).toThrow(/already exists/);
    expect(verifyAuditChain(databaseOf(core), undefined)).toMatchObject({ ok: true });
  });

  it('quotes cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).startsWith(`'${start}`) || csvCell(`${start}1+1`).startsWith(`"'${start}`)).toBe(true);
    expect(csvCell('=1,2')).toBe('"\'=1,2"');
  });
});
