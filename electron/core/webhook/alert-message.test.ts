/**
 * The message generator and the simulator, on the real core with the fake exchange: a generated
 * message, rendered as TradingView would, reads back as the intended order and passes the risk gate,
 * and simulating places nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../trading/risk-limits-store';
import { renderTemplate, samplePlaceholderValues } from './alert-simulator';
import { placeholderPattern } from './tradingview';

describe('alert message generator and simulator', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let accountId: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    temp = makeTempHome();
    core = createTestCore(temp.home, { clock: new ManualClock(Date.now()), exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    const key = makeBinanceHmacKey();
    binance.addKey(key);
    accountId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui')).id;
    await core.verifier.verify(accountId, 'ui');
    // The simulated orders ($130) are above a new vault's $100 cap, which is not what these tests are about.
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrderNotionalUsd: null }, Date.now(), core.integrity);
    binance.resetRequests();
  });
  afterAll(async () => {
    core.close();
    temp.cleanup();
    await binance.stop();
  });

  it('writes a strategy message whose every placeholder is quoted, so it stays JSON whatever TradingView fills in', () => {
    const { message, url, notes } = core.webhook.message({ account: 'binance MAIN', symbol: '{{ticker}}', mode: 'strategy' });
    const parsed = JSON.parse(message) as Record<string, string>;
    expect(parsed).toEqual({
      account: 'Binance main',
      symbol: '{{ticker}}',
      side: '{{strategy.order.action}}',
      type: 'market',
      amount: '{{strategy.order.contracts}}',
      unit: 'base',
      id: expect.stringMatching(/^[0-9a-f]{6}-\{\{strategy\.order\.id\}\}-\{\{strategy\.order\.action\}\}-\{\{strategy\.position_size\}\}-\{\{timenow\}\}$/),
      time: '{{timenow}}',
      position: '{{strategy.position_size}}',
    });
    // Even a placeholder rendered to quotes-free text of any kind keeps the message valid JSON.
    expect(() => JSON.parse(message.replace(placeholderPattern, 'any text, even with spaces'))).not.toThrow();
    expect(url).toBe('http://127.0.0.1:8787/webhook/<token>');
    expect(notes.join('\n')).toContain('Alert on: <strategy>');
    expect(notes.join('\n')).toContain('ports 80 and 443');
    // Two generated messages never share alert ids.
    expect(JSON.parse(core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'strategy' }).message).id).not.toBe(parsed['id']);
  });

  it('fills in the public URL and the token when given, in the path or in the secret field', async () => {
    await core.webhook.updateSettings({ publicBaseUrl: 'https://alerts.example.com/' }, 'ui');
    const token = 'abcdefghijklmnopqrstuv';
    expect(core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'indicator', side: 'sell', amount: 0.002, token }).url).toBe(`https://alerts.example.com/webhook/${token}`);
    const inBody = core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'indicator', side: 'sell', amount: 25, unit: 'quote', type: 'limit', price: 70000, token, tokenIn: 'body' });
    expect(inBody.url).toBe('https://alerts.example.com/webhook');
    expect(JSON.parse(inBody.message)).toMatchObject({ secret: token, side: 'sell', amount: '25', unit: 'quote', type: 'limit', price: '70000' });
    await expect(core.webhook.updateSettings({ publicBaseUrl: 'http://alerts.example.com' }, 'ui')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('https') });
    await expect(core.webhook.updateSettings({ publicBaseUrl: 'https://alerts.example.com:8443' }, 'ui')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await core.webhook.updateSettings({ publicBaseUrl: null }, 'ui');
  });

  it('refuses a request that mixes the modes', () => {
    expect(() => core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'indicator' })).toThrow(/needs a side and an amount/);
    expect(() => core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'strategy', side: 'buy' })).toThrow(/takes side and amount from the strategy/);
  });

  it('simulates a generated strategy message: JSON content type, the intended order, the risk decision', async () => {
    const { message } = core.webhook.message({ account: accountId, symbol: '{{ticker}}', mode: 'strategy' });
    const simulation = await core.webhook.simulate({ template: message, values: { 'strategy.order.action': 'sell', 'strategy.order.contracts': '0.002' } });
    expect(simulation).toMatchObject({
      contentType: 'application/json',
      httpStatus: 200,
      outcome: 'placed',
      unfilledPlaceholders: [],
      intent: { account: accountId, symbol: 'BTCUSDT', side: 'sell', type: 'market', amount: 0.002, amountUnit: 'base', price: null, idempotencyKeyPreview: expect.stringContaining('-Long-sell-0.001-') },
      decision: { allowed: true, rule: null },
      order: { symbol: 'BTC/USDT', amount: 0.002, paper: false },
    });
    expect(simulation.order?.notionalUsd).toBeCloseTo(130, 5);
    expect(JSON.parse(simulation.renderedBody)).toMatchObject({ symbol: 'BTCUSDT', side: 'sell', amount: '0.002' });
    expect(binance.orders).toEqual([]);
    expect(core.trading.listOrders({ limit: 5 })).toEqual([]);
  });

  it('shows what TradingView would send for a broken message, and the answer it would get', async () => {
    const unquoted = await core.webhook.simulate({ template: `{"account":"${accountId}","symbol":"{{ticker}}","side":{{strategy.order.action}},"amount":"1"}` });
    expect(unquoted).toMatchObject({ contentType: 'text/plain', httpStatus: 400, outcome: 'malformed', intent: null, decision: null });
    expect(unquoted.message).toContain('In the template, {{strategy.order.action}} is not inside quotes: write "{{strategy.order.action}}".');
    const typo = await core.webhook.simulate({ template: `{"account":"${accountId}","symbol":"{{tickr}}","side":"buy","amount":"1"}` });
    expect(typo).toMatchObject({ contentType: 'application/json', httpStatus: 400, unfilledPlaceholders: ['{{tickr}}'] });
    const scoped = core.webhook.createSource({ label: 'ETH only', scope: { accounts: [accountId], symbols: ['ETH/USDT'], maxNotionalUsd: 1000 } }, 'ui');
    const outOfScope = await core.webhook.simulate({ template: core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'indicator', side: 'buy', amount: 0.001 }).message, source: 'ETH only' });
    expect(outOfScope).toMatchObject({ httpStatus: 422, outcome: 'out-of-scope', message: expect.stringContaining('may trade only ETH/USDT') });
    const tooSmall = await core.webhook.simulate({ template: core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'indicator', side: 'buy', amount: 0.00001 }).message });
    expect(tooSmall).toMatchObject({ httpStatus: 200, outcome: 'rejected', decision: null });
    const withSecret = await core.webhook.simulate({ template: core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'indicator', side: 'buy', amount: 0.001, token: scoped.oneTimeToken, tokenIn: 'body' }).message });
    expect(withSecret.renderedBody).toContain('"secret": "<secret hidden>"');
    expect(JSON.stringify(withSecret)).not.toContain(scoped.oneTimeToken);
  });

  it('renders placeholders as TradingView does and leaves unknown ones in place', () => {
    const values = samplePlaceholderValues(Date.UTC(2026, 10, 22, 12, 34, 56, 789));
    expect(values['timenow']).toBe('2026-11-22T12:34:56Z');
    expect(values['time']).toBe('2026-11-22T12:00:00Z');
    expect(renderTemplate('{{ticker}} {{close}} {{ strategy.order.action }} {{nope}}', values)).toEqual({ text: 'BTCUSDT 65000 buy {{nope}}', unfilled: ['{{nope}}'] });
  });
});
