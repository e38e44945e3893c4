/**
 * Issue 17: a key's owner may set an expiry date; reminders come two weeks before, and from that day
 * the key is expired: never used for orders, never released to programs. The date is protected like
 * the switches that decide whether a key is used: moved in SQL, the key is disabled with the alarm.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { tamperWhileLocked } from '../../testing/tamper-while-locked';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { standingKeyWarnings } from '../../shared/key-warnings';

const DAY = 24 * 3600_000;
const START = Date.UTC(2026, 11, 6, 12);
const EXPIRY = Date.UTC(2027, 0, 1);

describe('an expiry date the owner sets', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let clock: ManualClock;
  let core: Core;
  let id: string;
  let binance: FakeExchange;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(() => binance.stop());
  beforeEach(async () => {
    temp = makeTempHome('keywarden-expiry-');
    clock = new ManualClock(START);
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    core.vault.setAutoLockMinutes(0, 'cli');
    id = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: makeBinanceHmacKey(), expiresAt: EXPIRY }, 'cli')).id;
    core.credentials.update({ ref: id, allowPrograms: true }, 'cli');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const release = () => invokeChannel(core, 'credentials.release', { references: [{ key: id, field: 'secret' }], command: ['bot'], cwd: '/tmp' }, { actor: 'cli' });
  const warningsNow = () => standingKeyWarnings(core.credentials.get(id), 'Binance', clock.now()).map((warning) => warning.message);

  it('reminds two weeks before, then marks the key expired: no release, no order', async () => {
    expect(core.credentials.get(id)).toMatchObject({ expiresAt: EXPIRY, ownExpiresAt: EXPIRY, status: 'unverified' });
    expect(warningsNow()).toEqual([]);
    clock.advance(13 * DAY);
    expect(warningsNow()).toEqual(['The key reaches the expiry date you set in 13 days (2027-01-01). Create a new key at Binance and rotate this one before then.']);
    expect(await release()).toMatchObject({ ok: true });

    clock.advance(EXPIRY - clock.now());
    expect(core.credentials.get(id).status).toBe('expired');
    expect(warningsNow()).toEqual([expect.stringContaining('The key reached the expiry date you set (2027-01-01): Keywarden no longer uses it.')]);
    expect(await release()).toMatchObject({ ok: false, error: { code: 'KEY_NOT_RELEASABLE', message: expect.stringContaining('has expired') } });
    const order = await invokeChannel(core, 'trading.preview', { account: id, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.001 }, { actor: 'cli' });
    expect(order).toMatchObject({ ok: true, value: { decision: { allowed: false, rule: 'credential-unusable', message: '"Binance main" is expired. Verify or rotate it before trading.' } } });

    // A later date brings it back; removing the date too.
    expect(await invokeChannel(core, 'credentials.update', { ref: id, expiresAt: EXPIRY + 30 * DAY }, { actor: 'cli' })).toMatchObject({ ok: true, value: { status: 'unverified', ownExpiresAt: EXPIRY + 30 * DAY } });
    expect(await invokeChannel(core, 'credentials.update', { ref: id, expiresAt: null }, { actor: 'cli' })).toMatchObject({ ok: true, value: { expiresAt: null, ownExpiresAt: null } });
    expect(core.audit.list({ actionPrefix: 'credential.update', limit: 2 }).map((row) => row.details?.['expiresAt'])).toEqual(['none', '2027-01-31']);
  });

  it('refuses a date that is not after now', async () => {
    expect(await invokeChannel(core, 'credentials.update', { ref: id, expiresAt: START - DAY }, { actor: 'cli' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('To stop using the key now, revoke it') } });
    expect(await invokeChannel(core, 'credentials.create', { provider: 'binance', label: 'x', fields: makeBinanceHmacKey(), expiresAt: START }, { actor: 'cli' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(core.credentials.get(id).ownExpiresAt).toBe(EXPIRY);
  });

  it('moved or removed in SQL, the key is disabled and the alarm raised', async () => {
    await tamperWhileLocked(core, temp.home, [['UPDATE credentials SET own_expires_at = NULL WHERE id = ?', id]]);
    expect(core.credentials.get(id).status).toBe('disabled');
    expect(await release()).toMatchObject({ ok: false, error: { code: 'INTEGRITY_ALARM' } });
  });
});
