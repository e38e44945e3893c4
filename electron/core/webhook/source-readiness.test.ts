/**
 * Alert sources saved before accounts and a per-order cap were required: a database an earlier
 * version left behind, with its rows written as that version wrote them. Their alerts are refused
 * and place nothing until both are set; a backup restores them disabled.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { openDatabase } from '../store/database';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange, type TestKey } from '../../testing/fake-exchange';
import { migrationsBefore } from '../../testing/older-migrations';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, migrationsFolder } from '../../testing/test-core';
import { alertBody, sendRaw } from '../../testing/webhook-test-kit';
import { generateToken, hashToken } from './webhook-token';
import { asBeforeRowMacs } from '../../testing/older-integrity';

const NO_SCOPE = JSON.stringify({ accounts: null, symbols: null, sides: null, maxNotionalUsd: null });

/** A source row as Keywarden wrote it before the rule: enabled, limited by nothing or by accounts only. */
function writeOldSource(sqlite: ReturnType<typeof openDatabase>['sqlite'], row: { id: string; label: string; scope: string; createdAt: number }): string {
  const token = generateToken();
  sqlite.prepare('INSERT INTO webhook_sources (id, label, token_hash, scope, enabled, created_at) VALUES (?, ?, ?, ?, 1, ?)').run(row.id, row.label, hashToken(token), row.scope, row.createdAt);
  return token;
}

describe('alert sources without an account or a per-order cap', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let key: TestKey;
  let accountId: string;
  /** Tokens of the two old sources: "Everything" (no limit at all) and "Uncapped" (an account, no cap). */
  let everything: string;
  let uncapped: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(async () => {
    await binance.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome();
    // The real time: the fake exchange checks request timestamps against it.
    clock = new ManualClock(Date.now());
    // A database from a version that had alert sources (0002) but none of the later migrations.
    const old = openDatabase({ home: temp.home, migrationsFolder: migrationsBefore(3, path.join(temp.home, 'drizzle-0002')) });
    everything = writeOldSource(old.sqlite, { id: 'oldsrc0001', label: 'Everything', scope: NO_SCOPE, createdAt: clock.now() - 86_400_000 });
    old.close();

    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    accountId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui')).id;
    expect((await core.verifier.verify(accountId, 'ui')).outcome).toBe('ok');
    // Written by another process (an older CLI beside the app), as that version wrote it: without
    // row MACs, so the next unlock adopts it (a vault that adopted already would raise an alarm).
    core.vault.lock('user', 'ui');
    const beside = openDatabase({ home: temp.home, migrationsFolder });
    uncapped = writeOldSource(beside.sqlite, { id: 'oldsrc0002', label: 'Uncapped', scope: JSON.stringify({ accounts: [accountId], symbols: null, sides: null, maxNotionalUsd: null }), createdAt: clock.now() - 3_600_000 });
    asBeforeRowMacs(beside.sqlite);
    beside.close();
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    binance.resetRequests();
  });
  afterEach(async () => {
    await core.webhook.stop();
    core.close();
    temp.cleanup();
  });

  const ordersAtExchange = () => binance.orders.filter((o) => o.apiKey === key.apiKey);

  it('refuses their alerts with what to do, records each, places nothing, and lists them as needing attention', async () => {
    const baseUrl = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    expect(core.webhook.sources.list()).toMatchObject([
      { label: 'Everything', enabled: true, scope: { accounts: null, maxNotionalUsd: null }, missingScope: ['accounts', 'maxNotionalUsd'] },
      { label: 'Uncapped', enabled: true, scope: { accounts: [accountId], maxNotionalUsd: null }, missingScope: ['maxNotionalUsd'] },
    ]);

    for (const [label, token] of [['Everything', everything], ['Uncapped', uncapped]] as const) {
      const answer = await sendRaw(baseUrl, `/webhook/${token}`, { body: alertBody({ account: accountId, symbol: 'BTCUSDT', id: `via-${label}` }, clock.now()) });
      expect(answer.status, label).toBe(403);
      expect(answer.json.error).toEqual({
        code: 'WEBHOOK_SOURCE_INCOMPLETE',
        message: `The alert source "${label}" needs at least one account and a per-order cap before it can trade: nothing was placed. Set them on the Webhook page, or with keywarden webhook update-source "${label}" --account <id or label> --max-notional <usd>.`,
      });
    }
    await core.webhook.whenIdle();
    expect(core.webhook.events({ limit: 10 }).map((e) => [e.sourceLabel, e.outcome, e.httpStatus, e.orderId])).toEqual([
      ['Uncapped', 'source-incomplete', 403, null],
      ['Everything', 'source-incomplete', 403, null],
    ]);
    expect(ordersAtExchange()).toEqual([]);
    expect(binance.requests.filter((r) => r.private)).toEqual([]);
    expect(core.trading.listOrders({ limit: 10 })).toEqual([]);

    // The simulator says the same thing as the listener.
    const template = core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'indicator', side: 'buy', amount: 0.001 }).message;
    expect(await core.webhook.simulate({ template, source: 'Everything' })).toMatchObject({ httpStatus: 403, outcome: 'source-incomplete', decision: null });

    // It cannot be renamed while enabled without them, only disabled, or given them.
    expect(() => core.webhook.sources.update({ ref: 'Uncapped', label: 'Still uncapped' }, 'ui')).toThrow(expect.objectContaining({ code: 'WEBHOOK_SOURCE_INCOMPLETE', message: expect.stringContaining('missing: a per-order cap') }));
    expect(core.webhook.sources.update({ ref: 'Everything', enabled: false }, 'ui')).toMatchObject({ enabled: false, missingScope: ['accounts', 'maxNotionalUsd'] });
    expect(core.webhook.sources.update({ ref: 'Uncapped', scope: { maxNotionalUsd: 100 } }, 'ui')).toMatchObject({ enabled: true, missingScope: [] });

    // Given a cap, the same token trades again, within it.
    const placed = await sendRaw(baseUrl, `/webhook/${uncapped}`, { body: alertBody({ account: accountId, symbol: 'BTCUSDT', id: 'after-the-cap' }, clock.now()) });
    expect(placed.json).toMatchObject({ ok: true, status: 'accepted' });
    await core.webhook.whenIdle();
    expect(core.webhook.events({ limit: 1 })[0]).toMatchObject({ sourceLabel: 'Uncapped', outcome: 'placed' });
    expect(ordersAtExchange()).toHaveLength(1);
  });

  it('comes back disabled from a backup, and the restore report says why', async () => {
    core.webhook.sources.create({ label: 'Complete', scope: { accounts: [accountId], maxNotionalUsd: 100 } }, 'ui');
    const files = makeTempHome('keywarden-readiness-backup-');
    const targetTemp = makeTempHome('keywarden-readiness-target-');
    const target = createTestCore(targetTemp.home, { clock });
    try {
      const file = path.join(files.home, 'old-sources.kwbackup');
      await core.backups.export({ file, vaultPassphrase: TEST_PASSPHRASE, passphrase: 'a separate backup passphrase', overwrite: false }, 'cli');
      await target.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
      const report = await target.backups.restore({ file, passphrase: 'a separate backup passphrase', dryRun: false }, 'cli');
      // Every restored source comes back disabled (issue 14); the report says what each needs.
      expect(report.settings).toEqual(expect.arrayContaining([
        { name: 'alert source "Everything"', result: 'restored', review: 'disabled: it needs an account and a per-order cap; check its accounts, symbols and cap, then enable it.' },
        { name: 'alert source "Uncapped"', result: 'restored', review: 'disabled: it needs an account and a per-order cap; check its accounts, symbols and cap, then enable it.' },
        { name: 'alert source "Complete"', result: 'restored', review: 'disabled: check its accounts, symbols and cap, then enable it.' },
      ]));
      expect(target.webhook.sources.list().map((s) => [s.label, s.enabled, s.missingScope])).toEqual([
        ['Everything', false, ['accounts', 'maxNotionalUsd']],
        ['Uncapped', false, ['maxNotionalUsd']],
        ['Complete', false, []],
      ]);
      expect(target.webhook.sources.authenticate(everything).source).toMatchObject({ label: 'Everything', enabled: false });
      expect(target.audit.list({ actionPrefix: 'webhook.source.restore', limit: 5 }).map((row) => row.details['enabled'])).toEqual([false, false, false]);
    } finally {
      target.close();
      targetTemp.cleanup();
      files.cleanup();
    }
  });
});
