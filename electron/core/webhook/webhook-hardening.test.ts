/**
 * Smaller abuse cases of the webhook (issue 14, point 6), through real HTTP and the real core:
 * replies that must not name other accounts, duplicates that a changed space must not hide, and a
 * non-loopback listener address that needs an explicit confirmation through the contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { makeBinanceHmacKey, type FakeExchange, type TestKey } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, type ManualClock } from '../../testing/test-core';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import { tradingViewTime } from './tradingview';
import { sendRaw } from '../../testing/webhook-test-kit';

describe('webhook hardening', () => {
  const fixture = useVerifiedKeyFixture();
  let binance: FakeExchange;
  let core: Core;
  let clock: ManualClock;
  let key: TestKey;
  let accountId: string;
  let otherId: string;
  let token: string;
  let baseUrl: string;

  beforeEach(async () => {
    ({ binance, core, clock, key, accountId } = fixture);
    otherId = (await core.credentials.create({ provider: 'binance', label: 'Family savings', fields: makeBinanceHmacKey() }, 'ui')).id;
    token = core.webhook.createSource({ label: 'TradingView', scope: { accounts: [accountId], maxNotionalUsd: 1000 } }, 'ui').oneTimeToken;
    baseUrl = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    binance.resetRequests();
    binance.resetAccounts();
  });
  afterEach(async () => {
    await core.webhook.stop();
  });

  const post = (body: string) => sendRaw(baseUrl, `/webhook/${token}`, { body, contentType: 'application/json' });
  const ordersAtExchange = () => binance.orders.filter((o) => o.apiKey === key.apiKey);

  it('refuses an account outside the source\'s scope without naming that account\'s label', async () => {
    const body = JSON.stringify({ account: otherId, symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.001', unit: 'base', time: tradingViewTime(clock.now()) });
    const response = await post(body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.json.error?.message).toBe(`This alert source may not trade this account ("${otherId}").`);
    expect(response.text).not.toContain('Family savings');
    expect(response.text).not.toContain('Binance main');
  });

  it('takes a resend with extra spaces or reordered keys as a duplicate when the alert has no id', async () => {
    const time = tradingViewTime(clock.now());
    const first = await post(JSON.stringify({ account: accountId, symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.001', unit: 'base', time }));
    expect(first.json.status).toBe('accepted');
    const spaced = `  {"account": "${accountId}",  "symbol": "BTCUSDT ", "side":"buy","type":"market","amount":"0.001","unit":"base","time":"${time}"}\n`;
    expect((await post(spaced)).json.status).toBe('duplicate');
    const reordered = JSON.stringify({ time, unit: 'base', amount: '0.001', type: 'market', side: 'buy', symbol: 'BTCUSDT', account: accountId });
    expect((await post(reordered)).json.status).toBe('duplicate');
    await expect.poll(() => core.webhook.events({ limit: 10 }).find((e) => e.outcome === 'placed'), { timeout: 5000 }).toBeDefined();
    expect(ordersAtExchange()).toHaveLength(1);
    // A different amount is a different alert.
    expect((await post(JSON.stringify({ account: accountId, symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.002', unit: 'base', time }))).json.status).toBe('accepted');
  });

  it('binds a non-loopback address only with allowLan, explaining the risk', async () => {
    const refused = await invokeChannel(core, 'webhook.settings.set', { host: '0.0.0.0' }, { actor: 'ui' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toContain('plain HTTP');
      expect(refused.error.message).toContain('--allow-lan');
    }
    expect(core.webhook.settings().host).toBe('127.0.0.1');
    const accepted = await invokeChannel(core, 'webhook.settings.set', { host: '0.0.0.0', allowLan: true }, { actor: 'ui' });
    expect(accepted.ok).toBe(true);
    expect(core.webhook.settings().host).toBe('0.0.0.0');
    // Back to loopback needs no confirmation; other changes do not ask again.
    expect((await invokeChannel(core, 'webhook.settings.set', { maxBodyBytes: 8192 }, { actor: 'ui' })).ok).toBe(true);
    expect((await invokeChannel(core, 'webhook.settings.set', { host: '127.0.0.1' }, { actor: 'ui' })).ok).toBe(true);
  });

  it('binds nothing wider than loopback while locked (the settings cannot be verified then), and the saved address once unlocked', async () => {
    expect((await invokeChannel(core, 'webhook.settings.set', { host: '0.0.0.0', trustedProxy: '127.0.0.1', allowLan: true }, { actor: 'ui' })).ok).toBe(true);
    core.vault.lock('user', 'ui');
    // As planted by something that can write the file: while locked, exactly as trusted as a saved one.
    expect(core.webhook.settings()).toMatchObject({ host: '127.0.0.1', trustedProxy: null });
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    expect(core.webhook.settings()).toMatchObject({ host: '0.0.0.0', trustedProxy: '127.0.0.1' });
  });
});
