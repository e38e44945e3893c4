/**
 * The message generator for perpetual futures (issue 20), on the real core: a strategy message for
 * a perpetual carries market_position (so a flat strategy closes the position) and notes on leverage
 * and position modes; a spot message does not; a symbol that contradicts the chosen market is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { intentFromAlert } from './alert-intake';
import { parseAlert } from './alert-payload';
import { renderTemplate, samplePlaceholderValues } from './alert-simulator';

describe('alert message for a perpetual', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let accountId = '';

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    temp = makeTempHome();
    core = createTestCore(temp.home, { clock: new ManualClock(Date.now()), exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    const key = makeBinanceHmacKey();
    binance.addKey(key);
    accountId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui')).id;
  });
  afterAll(async () => {
    core.close();
    temp.cleanup();
    await binance.stop();
  });

  it('adds market_position to a strategy message on a perpetual chart ({{ticker}}) or a fixed BTCUSDT.P, with the notes', () => {
    for (const request of [{ symbol: '{{ticker}}', market: 'perpetual' as const }, { symbol: 'BTCUSDT.P' }, { symbol: 'BINANCE:BTCUSDT.P' }, { symbol: 'BTC/USDT:USDT' }]) {
      const { message, notes } = core.webhook.message({ account: accountId, mode: 'strategy', ...request });
      const parsed = JSON.parse(message) as Record<string, string>;
      expect(parsed['market_position'], request.symbol).toBe('{{strategy.market_position}}');
      expect(parsed, request.symbol).not.toHaveProperty('leverage');
      const all = notes.join('\n');
      expect(all).toContain('"flat", Keywarden closes the whole position');
      expect(all).toContain('Leverage and margin mode are never set by an alert');
      expect(all).toContain('hedge mode');
    }
  });

  it('leaves spot messages as they were, and writes no market_position for a fixed order', () => {
    for (const request of [{ symbol: '{{ticker}}' }, { symbol: '{{ticker}}', market: 'spot' as const }, { symbol: 'BTCUSDT' }]) {
      const { message, notes } = core.webhook.message({ account: accountId, mode: 'strategy', ...request });
      expect(JSON.parse(message), request.symbol).not.toHaveProperty('market_position');
      expect(notes.join('\n')).not.toContain('Leverage');
    }
    const fixed = core.webhook.message({ account: accountId, symbol: 'BTCUSDT.P', mode: 'indicator', side: 'buy', amount: 0.01, unit: 'percent' });
    expect(JSON.parse(fixed.message)).not.toHaveProperty('market_position');
    expect(fixed.notes.join('\n')).toContain('Leverage and margin mode are never set by an alert');
    expect(fixed.notes.join('\n')).toContain('free futures margin');
  });

  it('refuses a symbol that contradicts the market chosen, naming the form to use', () => {
    expect(() => core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'strategy', market: 'perpetual' })).toThrow(/spot symbol.*BTCUSDT\.P/);
    expect(() => core.webhook.message({ account: accountId, symbol: 'btc/usdt', mode: 'strategy', market: 'perpetual' })).toThrow(/BTCUSDT\.P/);
    expect(() => core.webhook.message({ account: accountId, symbol: 'BTCUSDT.P', mode: 'strategy', market: 'spot' })).toThrow(/is a perpetual/);
    expect(() => core.webhook.message({ account: accountId, symbol: 'BTCUSDT', mode: 'strategy', market: 'futures' as never })).toThrow();
  });

  it('reads back as TradingView renders it on a perpetual chart: flat closes the whole position', () => {
    const { message } = core.webhook.message({ account: accountId, symbol: '{{ticker}}', mode: 'strategy', market: 'perpetual' });
    const values = { ...samplePlaceholderValues(Date.now()), ticker: 'BTCUSDT.P', 'strategy.order.action': 'sell', 'strategy.order.contracts': '0.01', 'strategy.market_position': 'flat' };
    const parsed = parseAlert(JSON.parse(renderTemplate(message, values).text));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.marketPosition).toBe('flat');
    expect(intentFromAlert(parsed.value, accountId)).toMatchObject({ symbol: 'BTCUSDT.P', closePosition: true });
    const long = parseAlert(JSON.parse(renderTemplate(message, { ...values, 'strategy.order.action': 'buy', 'strategy.market_position': 'long' }).text));
    expect(long.ok && intentFromAlert(long.value, accountId)).not.toMatchObject({ closePosition: true });
  });
});
