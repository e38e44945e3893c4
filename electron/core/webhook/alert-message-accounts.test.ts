/**
 * The message generator for one alert on several accounts (`"accounts"`) and for an amount in
 * percent of the free balance (issue 19), on the real core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';

describe('alert message for several accounts and in percent', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const ids: string[] = [];

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    temp = makeTempHome();
    core = createTestCore(temp.home, { clock: new ManualClock(Date.now()), exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    for (const label of ['Binance main', 'Binance two']) {
      const key = makeBinanceHmacKey();
      binance.addKey(key);
      ids.push((await core.credentials.create({ provider: 'binance', label, fields: key }, 'ui')).id);
    }
  });
  afterAll(async () => {
    core.close();
    temp.cleanup();
    await binance.stop();
  });

  it('names the accounts in "accounts" by their labels as stored (looked up in any case) instead of "account", and says so', () => {
    const { message, notes } = core.webhook.message({ accounts: ['binance main', ids[1] ?? ''], symbol: 'BTCUSDT', mode: 'indicator', side: 'buy', amount: 0.001 });
    const parsed = JSON.parse(message) as Record<string, unknown>;
    expect(parsed['accounts']).toEqual(['Binance main', 'Binance two']);
    expect(parsed).not.toHaveProperty('account');
    expect(message).not.toContain(ids[0]);
    expect(notes.join('\n')).toContain('each of "Binance main", "Binance two"');
    expect(notes.join('\n')).toContain('if you rename one, generate the message again');
  });

  it('refuses both account and accounts, a list of one, and an unknown account in the list', () => {
    expect(() => core.webhook.message({ account: ids[0], accounts: ids, symbol: 'BTCUSDT', mode: 'strategy' })).toThrow(/not both/);
    expect(() => core.webhook.message({ accounts: [ids[0] ?? ''], symbol: 'BTCUSDT', mode: 'strategy' })).toThrow(/at least two/);
    expect(() => core.webhook.message({ accounts: [ids[0] ?? '', 'nobody'], symbol: 'BTCUSDT', mode: 'strategy' })).toThrow(/nobody/);
  });

  it('writes "unit": "percent" with a note, and refuses more than 100', () => {
    const { message, notes } = core.webhook.message({ account: ids[0], symbol: 'BTCUSDT', mode: 'indicator', side: 'buy', amount: 50, unit: 'percent' });
    expect(JSON.parse(message)).toMatchObject({ amount: '50', unit: 'percent' });
    expect(notes[0]).toContain('buy 50% of the free balance');
    expect(() => core.webhook.message({ account: ids[0], symbol: 'BTCUSDT', mode: 'indicator', side: 'buy', amount: 150, unit: 'percent' })).toThrow(/at most 100/);
  });
});
