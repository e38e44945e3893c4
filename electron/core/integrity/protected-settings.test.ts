/**
 * Issue 14, "settings that weaken protection" and deleted account limits. Each attack is SQL on the
 * data file while Keywarden is locked, then the person unlocks: the value falls back to the safe
 * default (or the account to "trading off") and the alarm names what was changed.
 *
 * Why the attacks would succeed without the protection: each control stores the very same weak
 * value (auto-lock 0, checks off, an account without its own limits) through Keywarden and shows
 * it is honoured; the tampered rows differ from those only in their MAC (or the list of scopes).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { readCredentialSettings } from '../credentials/credential-settings';
import { keywardenCli } from '../../testing/cli-runner';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { tamperWhileLocked as tamper, type TamperStatement } from '../../testing/tamper-while-locked';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { readAccountLimits } from '../trading/risk-limits-store';
import type { PlacementContext } from '../trading/trading-schema';
import { rowMac, settingMacFields } from './row-integrity';

const manual: PlacementContext = { source: 'manual', actor: 'ui' };
const HOUR = 3600_000;

describe('integrity of the settings that weaken protection, and of deleted account limits', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let accountId: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(async () => {
    await binance.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome();
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    // Stays unlocked while the tests move the clock by days (the auto-lock test sets its own).
    core.vault.setAutoLockMinutes(0, 'ui');
    const key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    accountId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui')).id;
    expect((await core.verifier.verify(accountId, 'ui')).outcome).toBe('ok');
  });
  afterEach(async () => {
    core.close();
    temp.cleanup();
  });

  const tamperWhileLocked = (...statements: readonly TamperStatement[]) => tamper(core, temp.home, statements);
  async function relock(): Promise<void> {
    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    await settled();
  }
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  const alarms = () => core.integrity.alarms().map((row) => row.label);
  const alarmAudit = () => core.audit.list({ actionPrefix: 'integrity.alarm', limit: 20 }).map((r) => ({ subject: r.subject, row: r.details['row'] }));

  it('auto-lock set to "never" through Keywarden is honoured (the control); set in SQL it falls back to 15 minutes, locks, and raises the alarm', async () => {
    core.vault.setAutoLockMinutes(0, 'ui');
    await relock();
    expect(core.vault.autoLockMinutes()).toBe(0);
    clock.advance(10 * HOUR);
    expect(core.vault.isUnlocked()).toBe(true);
    expect(alarms()).toEqual([]);

    core.vault.setAutoLockMinutes(30, 'ui');
    await tamperWhileLocked(["UPDATE settings SET value = '0' WHERE key = 'vault.autoLockMinutes'"]);
    expect(core.vault.autoLockMinutes()).toBe(15);
    expect((await core.vault.status()).autoLockMinutes).toBe(15);
    expect(alarms()).toEqual(['the auto-lock time']);
    expect(alarmAudit()).toContainEqual({ subject: 'vault.autoLockMinutes', row: 'the auto-lock time' });
    expect(core.trading.isPaused()).toBe(true);
    clock.advance(16 * 60_000);
    expect(core.vault.isUnlocked()).toBe(false);
  });

  it('key checks turned off through Keywarden stay off (the control); turned off in SQL they fall back to daily checks and raise the alarm', async () => {
    expect(await invokeChannel(core, 'credentials.setSettings', { verifyIntervalHours: 0, rotationReminderDays: 0 }, { actor: 'ui' })).toMatchObject({ ok: true });
    await relock();
    clock.advance(48 * HOUR);
    expect(core.scheduler.dueCredentialIds()).toEqual([]);
    expect(alarms()).toEqual([]);

    expect(await invokeChannel(core, 'credentials.setSettings', { verifyIntervalHours: 12, rotationReminderDays: 30 }, { actor: 'ui' })).toMatchObject({ ok: true });
    await tamperWhileLocked(["UPDATE settings SET value = json_object('verifyIntervalHours', 0, 'rotationReminderDays', 0) WHERE key = 'credentials.settings'"]);
    expect(readCredentialSettings(databaseOf(core).db, core.integrity)).toEqual({ verifyIntervalHours: 24, rotationReminderDays: 90 });
    expect(core.scheduler.dueCredentialIds()).toEqual([accountId]);
    expect(alarms()).toEqual(['the key check and rotation reminder settings']);
    expect(alarmAudit()).toContainEqual({ subject: 'credentials.settings', row: 'the key check and rotation reminder settings' });

    // Saving them again in Keywarden clears the alarm.
    expect(await invokeChannel(core, 'credentials.setSettings', { verifyIntervalHours: 12 }, { actor: 'ui' })).toMatchObject({ ok: true });
    expect(core.integrity.checkAll()).toEqual([]);
  });

  it('an account\'s own limits cleared in Keywarden leave it on the global limits (the control); deleted in SQL, the account reads as trading off and the alarm names it', async () => {
    expect(await invokeChannel(core, 'limits.set', { scope: accountId, maxOrderNotionalUsd: 20 }, { actor: 'ui' })).toMatchObject({ ok: true });
    expect(await invokeChannel(core, 'limits.set', { scope: accountId, clear: true }, { actor: 'ui' })).toMatchObject({ ok: true });
    await relock();
    expect(alarms()).toEqual([]);
    expect(readAccountLimits(databaseOf(core).db, accountId, core.integrity)).toBeNull();
    expect((await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.0005 }, manual)).order.status).toBe('filled');

    // $20 per order for this account; an order of ~$35 is refused by it.
    expect(await invokeChannel(core, 'limits.set', { scope: accountId, maxOrderNotionalUsd: 20 }, { actor: 'ui' })).toMatchObject({ ok: true });
    const refused = await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.0005 }, manual);
    expect(refused.order.blockedBy).toBe('max-order-notional');
    await tamperWhileLocked(['DELETE FROM risk_limits WHERE scope = ?', accountId]);
    const label = `risk limits of account ${accountId}`;
    expect(alarms()).toEqual([label]);
    expect(alarmAudit()).toContainEqual({ subject: accountId, row: label });
    expect(readAccountLimits(databaseOf(core).db, accountId, core.integrity)).toMatchObject({ tradingEnabled: false });
    expect((await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.0005 }, manual)).order.status).toBe('blocked');
    expect((await invokeChannel(core, 'trading.resume', {}, { actor: 'ui' })).ok).toBe(false);

    // The person reviews it: keeping the account on the global limits only clears the alarm.
    expect(await invokeChannel(core, 'integrity.acknowledge', { table: 'risk_limits', key: accountId }, { actor: 'ui' })).toMatchObject({ ok: true, value: { alarms: [] } });
    expect(readAccountLimits(databaseOf(core).db, accountId, core.integrity)).toBeNull();
    expect((await invokeChannel(core, 'trading.resume', {}, { actor: 'ui' })).ok).toBe(true);
    await relock();
    expect(alarms()).toEqual([]);
  });

  it('the list of scopes with their own limits deleted in SQL is an alarm, and limits cannot be saved until it is reviewed', async () => {
    expect(await invokeChannel(core, 'limits.set', { scope: accountId, maxOrderNotionalUsd: 20 }, { actor: 'ui' })).toMatchObject({ ok: true });
    await tamperWhileLocked(["DELETE FROM settings WHERE key = 'limits.scopes'"], ['DELETE FROM risk_limits WHERE scope = ?', accountId]);
    expect(alarms()).toEqual(['the list of accounts with their own risk limits']);
    expect(await invokeChannel(core, 'limits.set', { scope: 'global', maxOrderNotionalUsd: 50 }, { actor: 'ui' })).toMatchObject({ ok: false, error: { code: 'INTEGRITY_ALARM' } });
    expect(await invokeChannel(core, 'integrity.acknowledge', { table: 'settings', key: 'limits.scopes' }, { actor: 'ui' })).toMatchObject({ ok: true, value: { alarms: [] } });
    expect(await invokeChannel(core, 'limits.set', { scope: 'global', maxOrderNotionalUsd: 50 }, { actor: 'ui' })).toMatchObject({ ok: true });
  });

  it('global limits the person made stricter and that were deleted in SQL are an alarm, not a silent return to the defaults', async () => {
    expect(await invokeChannel(core, 'limits.set', { scope: 'global', maxOrderNotionalUsd: 20 }, { actor: 'ui' })).toMatchObject({ ok: true });
    await tamperWhileLocked(["DELETE FROM risk_limits WHERE scope = 'global'"]);
    expect(alarms()).toEqual(['global risk limits']);
    expect((await core.trading.place({ account: accountId, symbol: 'BTC/USDT', side: 'buy', amount: 0.0005 }, manual)).order.status).toBe('blocked');
  });

  it('a vault adopted before these protections keeps its settings and limits as they are, once; afterwards the same edits are alarms', async () => {
    expect(await invokeChannel(core, 'limits.set', { scope: accountId, maxOrderNotionalUsd: 20 }, { actor: 'ui' })).toMatchObject({ ok: true });
    // What the first integrity version left: a marker without a version, these settings without MACs, no list.
    const marker = { at: 1 };
    const markerMac = rowMac(core.integrity.rowsKey(), 'settings', 'integrity.adopted', settingMacFields(marker));
    await tamperWhileLocked(
      ['UPDATE settings SET value = ?, integrity_mac = ? WHERE key = ?', JSON.stringify(marker), markerMac, 'integrity.adopted'],
      ["INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('vault.autoLockMinutes', '45', 0)"],
      ["INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('credentials.settings', json_object('verifyIntervalHours', 6, 'rotationReminderDays', 30), 0)"],
      ["DELETE FROM settings WHERE key = 'limits.scopes'"],
    );
    expect(alarms()).toEqual([]);
    expect(core.vault.autoLockMinutes()).toBe(45);
    expect(readCredentialSettings(databaseOf(core).db, core.integrity)).toEqual({ verifyIntervalHours: 6, rotationReminderDays: 30 });
    expect(core.audit.list({ actionPrefix: 'integrity.adopt', limit: 5 }).map((r) => r.details)).toEqual([expect.objectContaining({ settings: 2 })]);

    // Adopted once: the same kind of edit now is an alarm.
    await tamperWhileLocked(["UPDATE settings SET value = '0', integrity_mac = NULL WHERE key = 'vault.autoLockMinutes'"], ['DELETE FROM risk_limits WHERE scope = ?', accountId]);
    expect(alarms().sort()).toEqual(['the auto-lock time', `risk limits of account ${accountId}`].sort());
    expect(core.audit.list({ actionPrefix: 'integrity.adopt', limit: 5 })).toHaveLength(1);
  });

  it('`keywarden status` names a changed auto-lock time', async () => {
    await tamperWhileLocked(["INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('vault.autoLockMinutes', '0', 0)"]);
    core.close();
    const cli = await keywardenCli(temp.home, ['status']);
    expect(cli.stdout).toContain('INTEGRITY ALARM');
    expect(cli.stdout).toContain('the auto-lock time');
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url } });
  });
});
