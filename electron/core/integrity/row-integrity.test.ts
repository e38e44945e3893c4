/**
 * Issue 14, point 1: what decides whether money moves is authenticated. Each attack is the one
 * measured on main, done with SQL on the data file while the vault is locked (malware that can write
 * the folder, or a copy edited elsewhere), then Keywarden is unlocked and used. Each is refused,
 * sends nothing, raises the alarm naming the row, and is in the audit log. The same flows work when
 * Keywarden writes the rows itself (each attack's control), rows from before the upgrade are
 * adopted once, and the alarm reaches the contract and the CLI.
 *
 * Why the attacks would succeed without the protection: each tampered row is exactly what
 * Keywarden itself would have written (the controls below show those rows trade), except for its MAC.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { keywardenCli } from '../../testing/cli-runner';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange, type TestKey } from '../../testing/fake-exchange';
import { tamperWhileLocked as tamper, type TamperStatement } from '../../testing/tamper-while-locked';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../trading/risk-limits-store';
import type { PlacementContext } from '../trading/trading-schema';
import { open, seal } from '../vault/sealed-box';
import { credentialSecretContext, legacyCredentialSecretContext } from '../vault/secret-context';
import { alertBody, sendRaw } from '../../testing/webhook-test-kit';
import { generateToken, hashToken } from '../webhook/webhook-token';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };

describe('integrity of what decides whether money moves', () => {
  let binance: FakeExchange;
  let bybit: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let key: TestKey;
  let accountId: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    bybit = await startFakeExchange({ exchange: 'bybit' });
  });
  afterAll(async () => {
    await binance.stop();
    await bybit.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome();
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url, bybit: bybit.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    accountId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui')).id;
    expect((await core.verifier.verify(accountId, 'ui')).outcome).toBe('ok');
    binance.resetRequests();
    bybit.resetRequests();
  });
  afterEach(async () => {
    await core.webhook.stop();
    core.close();
    temp.cleanup();
  });

  /** The attacker: SQL on the data file while Keywarden is locked; then the person unlocks. */
  const tamperWhileLocked = (...statements: readonly TamperStatement[]) => tamper(core, temp.home, statements);

  /** Alarms are recorded once the statement that found them is done (a microtask later). */
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  const ordersAtExchange = () => binance.orders.filter((o) => o.apiKey === key.apiKey);
  const alarmAudit = () => core.audit.list({ actionPrefix: 'integrity.alarm', limit: 20 }).map((r) => ({ subject: r.subject, table: r.details['table'], row: r.details['row'] }));

  function expectAlarm(table: string, rowKey: string, label: string): void {
    expect(core.integrity.alarms()).toContainEqual({ table, key: rowKey, label });
    expect(alarmAudit()).toContainEqual({ subject: rowKey, table, row: label });
    expect(core.trading.pauseState()).toMatchObject({ paused: true, reason: expect.stringContaining(`changed outside Keywarden: ${label}`) });
  }

  it('a $650 order fills under limits Keywarden wrote (the control), and not after the limits were lifted in SQL', async () => {
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrderNotionalUsd: 1000, maxDailyNotionalUsd: 5000 }, clock.now(), core.integrity);
    const control = await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }, manual);
    expect(control.order.status).toBe('filled');
    expect(ordersAtExchange()).toHaveLength(1);

    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits }, clock.now(), core.integrity);
    await tamperWhileLocked(['UPDATE risk_limits SET max_order_notional_usd = NULL, max_daily_notional_usd = NULL WHERE scope = ?', GLOBAL_SCOPE]);
    const attack = await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }, manual);
    expect(attack.order.status).toBe('blocked');
    expect(ordersAtExchange()).toHaveLength(1);
    expectAlarm('risk_limits', GLOBAL_SCOPE, 'global risk limits');
  });

  it('a limits row planted without caps is treated as absent (the $100 defaults apply) and raises the alarm', async () => {
    await tamperWhileLocked([`INSERT INTO risk_limits (scope, trading_enabled, paper_mode, updated_at) VALUES (?, 1, 0, ?)`, accountId, clock.now()]);
    const attack = await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.01 }, manual);
    expect(attack.order.status).toBe('blocked');
    expect(ordersAtExchange()).toEqual([]);
    expectAlarm('risk_limits', accountId, `risk limits of account ${accountId}`);
  });

  it('an alert source planted with an attacker\'s token is never accepted; one Keywarden created trades (the control)', async () => {
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrderNotionalUsd: 1000, maxDailyNotionalUsd: 5000 }, clock.now(), core.integrity);
    const baseUrl = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    const scope = { accounts: [accountId], symbols: null, sides: null, maxNotionalUsd: 1000 };
    const legit = core.webhook.createSource({ label: 'Mine', scope }, 'ui').oneTimeToken;
    const control = await sendRaw(baseUrl, `/webhook/${legit}`, { body: alertBody({ account: accountId, symbol: 'BTCUSDT', id: 'control' }, clock.now()) });
    expect(control.json).toMatchObject({ ok: true, status: 'accepted' });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toHaveLength(1);

    const attackerToken = generateToken();
    await tamperWhileLocked(['INSERT INTO webhook_sources (id, label, token_hash, scope, enabled, created_at) VALUES (?, ?, ?, ?, 1, ?)', 'planted001', 'Planted', hashToken(attackerToken), JSON.stringify(scope), clock.now()]);
    const attack = await sendRaw(baseUrl, `/webhook/${attackerToken}`, { body: alertBody({ account: accountId, symbol: 'BTCUSDT', id: 'attack' }, clock.now()) });
    await core.webhook.whenIdle();
    await settled();
    expect(attack.status).toBe(401);
    expect(ordersAtExchange()).toHaveLength(1);
    expectAlarm('webhook_sources', 'planted001', 'alert source "Planted"');
    // Its scope or token cannot be laundered by editing it in Keywarden; deleting it is allowed.
    expect(() => core.webhook.sources.update({ ref: 'Planted', enabled: false }, 'ui')).toThrow(expect.objectContaining({ code: 'INTEGRITY_ALARM' }));
    core.webhook.sources.delete('Planted', 'ui');
    expect(core.integrity.checkAll()).toEqual([]);
  });

  it('a withdraw-capable key whose trading block was cleared in SQL does not trade; accepting the risk in Keywarden is the way (the control)', async () => {
    const risky = makeBinanceHmacKey();
    binance.addKey({ ...risky, permissions: { withdraw: true }, allowedIps: ['127.0.0.1'] });
    const id = (await core.credentials.create({ provider: 'binance', label: 'Withdraw', fields: risky }, 'ui')).id;
    await core.verifier.verify(id, 'ui');
    expect(core.credentials.get(id).tradingBlock).toBe('withdraw-enabled');

    await tamperWhileLocked(["UPDATE credentials SET trading_block = NULL WHERE id = ?", id]);
    expect(core.credentials.get(id)).toMatchObject({ status: 'disabled' });
    const attack = await core.trading.place({ account: id, symbol: 'BTC/USDT', side: 'buy', amount: 0.001 }, manual);
    expect(attack.order.status).toBe('blocked');
    expect(binance.orders.filter((o) => o.apiKey === risky.apiKey)).toEqual([]);
    expect(() => core.credentials.getDecrypted(id)).toThrow(expect.objectContaining({ code: 'INTEGRITY_ALARM' }));
    expectAlarm('credentials', id, 'key "Withdraw"');
  });

  it('a key whose provider was changed to bybit in SQL is never sent to Bybit, and its secret no longer decrypts', async () => {
    await tamperWhileLocked(["UPDATE credentials SET provider = 'bybit' WHERE id = ?", accountId]);
    const attack = await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.001 }, manual);
    expect(attack.order.status).not.toBe('filled');
    expect(bybit.requests.filter((r) => r.private)).toEqual([]);
    expect(ordersAtExchange()).toEqual([]);
    expectAlarm('credentials', accountId, 'key "Binance main"');
    // Even once a person keeps the row as it is, the key was sealed for Binance: it cannot be opened for Bybit.
    expect(() => core.trading.setPaused(false, null, 'ui')).toThrow(expect.objectContaining({ code: 'INTEGRITY_ALARM' }));
    core.integrity.acknowledge('credentials', accountId, 'ui');
    expect(core.audit.list({ actionPrefix: 'integrity.acknowledge', limit: 5 })).toHaveLength(1);
    expect(() => core.credentials.getDecrypted(accountId)).toThrow(expect.objectContaining({ code: 'DECRYPT_FAILED' }));
    expect(bybit.requests.filter((r) => r.private)).toEqual([]);
  });

  it('a kill switch turned off in SQL stays on; trading resumes only when a person resumes it', async () => {
    core.trading.setPaused(true, 'going to bed', 'ui');
    await tamperWhileLocked(['UPDATE settings SET value = ? WHERE key = ?', JSON.stringify({ paused: false, reason: null, since: null }), 'trading.pause']);
    expect(core.trading.isPaused()).toBe(true);
    expectAlarm('settings', 'trading.pause', 'the kill switch');
    const attack = await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.001 }, manual);
    expect(attack.order.status).toBe('blocked');
    expect(ordersAtExchange()).toEqual([]);
    // The alarm stored the switch on again (with a MAC): that row is sound now; resuming is the person's act.
    expect(core.integrity.checkAll()).toEqual([]);
    expect(core.trading.setPaused(false, null, 'ui').paused).toBe(false);
    // Deleting the switch is no way around it either.
    await tamperWhileLocked(["DELETE FROM settings WHERE key = 'trading.pause'"]);
    expect(core.trading.isPaused()).toBe(true);
  });

  it('listener settings widened in SQL fall back to the safe defaults', async () => {
    await core.webhook.updateSettings({ maxAlertAgeSeconds: 30 }, 'ui');
    expect(core.webhook.settings()).toMatchObject({ host: '127.0.0.1', maxAlertAgeSeconds: 30 });
    await tamperWhileLocked(["UPDATE settings SET value = json_set(value, '$.host', '0.0.0.0', '$.trustedProxy', '0.0.0.0', '$.maxAlertAgeSeconds', 0) WHERE key = 'webhook.settings'"]);
    expect(core.webhook.settings()).toMatchObject({ host: '127.0.0.1', trustedProxy: null, maxAlertAgeSeconds: 60 });
    await settled();
    expectAlarm('settings', 'webhook.settings', 'the webhook listener settings');
  });

  it('rows from before the upgrade are adopted once (audited); a row without a MAC afterwards is an alarm', async () => {
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrderNotionalUsd: 1000, maxDailyNotionalUsd: 5000 }, clock.now(), core.integrity);
    core.webhook.createSource({ label: 'Old', scope: { accounts: [accountId], maxNotionalUsd: 50 } }, 'ui');
    // What an earlier version left: no MACs, no marker, secrets sealed without provider and environment.
    const keyring = core.vault.requireKeyring();
    const blobs = databaseOf(core).sqlite.prepare('SELECT field, ciphertext FROM credential_secrets WHERE credential_id = ?').all(accountId) as { field: string; ciphertext: Buffer }[];
    const owner = { id: accountId, provider: 'binance', environment: 'live' };
    const legacy = blobs.map((blob) => [blob.field, seal(keyring.key, keyring.version, legacyCredentialSecretContext(accountId, blob.field, keyring.version), open(keyring.key, credentialSecretContext(owner, blob.field, keyring.version), blob.ciphertext, blob.field))] as const);
    await tamperWhileLocked(
      ...legacy.map(([field, ciphertext]) => ['UPDATE credential_secrets SET ciphertext = ? WHERE credential_id = ? AND field = ?', ciphertext, accountId, field] as [string, ...unknown[]]),
      ['UPDATE credentials SET integrity_mac = NULL'], ['UPDATE risk_limits SET integrity_mac = NULL'], ['UPDATE webhook_sources SET integrity_mac = NULL'],
      ['UPDATE settings SET integrity_mac = NULL'], ["DELETE FROM settings WHERE key IN ('integrity.adopted', 'vault.secretContextVersion', 'vault.integrityKey')"],
      // Nor did that version have audit MACs or a keyed audit head.
      ['UPDATE audit_log SET mac = NULL'], ["UPDATE settings SET value = json_remove(value, '$.keyedSeq', '$.keyedMac') WHERE key = 'audit.head'"],
    );
    expect(core.integrity.alarms()).toEqual([]);
    expect(core.audit.list({ actionPrefix: 'integrity.adopt', limit: 5 }).map((r) => r.details)).toEqual([expect.objectContaining({ credentials: 1, riskLimits: 1, webhookSources: 1 })]);
    const placed = await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.001 }, manual);
    expect(placed.order.status).toBe('filled');
    // The secrets now open only with provider and environment bound.
    const resealed = databaseOf(core).sqlite.prepare('SELECT field, ciphertext FROM credential_secrets WHERE credential_id = ?').all(accountId) as { field: string; ciphertext: Buffer }[];
    for (const blob of resealed) expect(() => open(core.vault.requireKeyring().key, legacyCredentialSecretContext(accountId, blob.field, keyring.version), blob.ciphertext, blob.field)).toThrow();

    // Adopted once: a MAC removed later is not a new adoption.
    await tamperWhileLocked(['UPDATE risk_limits SET integrity_mac = NULL']);
    expectAlarm('risk_limits', GLOBAL_SCOPE, 'global risk limits');
    expect(core.audit.list({ actionPrefix: 'integrity.adopt', limit: 5 })).toHaveLength(1);
    expect(core.audit.verify()).toMatchObject({ ok: true });
  });

  it('stripping every MAC and the adoption marker does not pass for an older version: the planted rows are alarms', async () => {
    // The attacker's rows, and every MAC and the marker gone, so they would look never adopted.
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits }, clock.now(), core.integrity);
    await tamperWhileLocked(
      ['UPDATE risk_limits SET max_order_notional_usd = NULL, max_daily_notional_usd = NULL'],
      ['UPDATE credentials SET integrity_mac = NULL'], ['UPDATE risk_limits SET integrity_mac = NULL'], ['UPDATE webhook_sources SET integrity_mac = NULL'],
      ['UPDATE settings SET integrity_mac = NULL'], ["DELETE FROM settings WHERE key = 'integrity.adopted'"],
    );
    expect(core.audit.list({ actionPrefix: 'integrity.adopt', limit: 5 })).toHaveLength(0);
    expect(core.integrity.alarms().map((row) => row.table)).toEqual(expect.arrayContaining(['credentials', 'risk_limits']));
    expect(core.trading.isPaused()).toBe(true);
  });

  it('keys keep working across a vault-key rotation (the new context is used) and Keywarden\'s own edits keep the MACs valid', async () => {
    await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui');
    core.credentials.update({ ref: accountId, environment: 'testnet' }, 'ui');
    core.credentials.update({ ref: accountId, environment: 'live' }, 'ui');
    await core.verifier.verify(accountId, 'ui');
    core.trading.setPaused(true, null, 'ui');
    core.trading.setPaused(false, null, 'ui');
    const placed = await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.001 }, manual);
    expect(placed.order.status).toBe('filled');
    expect(core.integrity.checkAll()).toEqual([]);
  });

  it('the alarm reaches the contract and `keywarden status`, and is cleared by saving the row again in Keywarden', async () => {
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits }, clock.now(), core.integrity);
    await tamperWhileLocked(['UPDATE risk_limits SET max_order_notional_usd = 100000 WHERE scope = ?', GLOBAL_SCOPE]);
    const status = await invokeChannel(core, 'integrity.status', {}, { actor: 'ui' });
    expect(status).toEqual({ ok: true, value: { alarms: [{ table: 'risk_limits', key: GLOBAL_SCOPE, label: 'global risk limits' }] } });

    core.close();
    const cli = await keywardenCli(temp.home, ['status']);
    expect(cli.stdout).toContain('INTEGRITY ALARM');
    expect(cli.stdout).toContain('global risk limits');
    const json = await keywardenCli(temp.home, ['integrity', '--json']);
    expect(json.code).toBe(3);

    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    const cleared = new Promise((resolve) => {
      const stop = core.events.on('integrity.cleared', (payload) => {
        stop();
        resolve(payload);
      });
    });
    expect(await invokeChannel(core, 'limits.set', { scope: 'global', maxOrderNotionalUsd: 100 }, { actor: 'ui' })).toMatchObject({ ok: true });
    // Saving the row again clears its alarm at once, and says so (the banner and the tray listen).
    await expect(cleared).resolves.toEqual({ remaining: 0 });
    expect(core.integrity.alarms()).toEqual([]);
    expect(await invokeChannel(core, 'integrity.status', {}, { actor: 'ui' })).toEqual({ ok: true, value: { alarms: [] } });
    expect((await invokeChannel(core, 'trading.resume', {}, { actor: 'ui' })).ok).toBe(true);
  });
});
