import { describe, expect, it } from 'vitest';
import { isKeywardenError } from '../errors';
import { loadCcxt } from './ccxt-loader';
import { applyUrlOverride, exchangeUrlOverridesFrom, parseExchangeUrlOverrides } from './exchange-urls';

function parseError(raw: string): { code: string; message: string } {
  try {
    parseExchangeUrlOverrides(raw);
  } catch (error) {
    if (isKeywardenError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected parseExchangeUrlOverrides to throw');
}

describe('parseExchangeUrlOverrides', () => {
  it('treats an unset or blank variable as no overrides', () => {
    expect(parseExchangeUrlOverrides(undefined)).toEqual({});
    expect(parseExchangeUrlOverrides('  ')).toEqual({});
  });

  it('parses exchange ids to bare origins', () => {
    expect(parseExchangeUrlOverrides('{"binance":"http://127.0.0.1:9001","bybit":"https://proxy.example:8443/"}')).toEqual({
      binance: 'http://127.0.0.1:9001',
      bybit: 'https://proxy.example:8443',
    });
  });

  it.each([
    ['bad JSON', '{binance:'],
    ['a JSON array', '["http://127.0.0.1:9001"]'],
    ['a non-string URL', '{"binance":9001}'],
    ['a non-http scheme', '{"binance":"ftp://127.0.0.1:9001"}'],
    ['a URL with a path', '{"binance":"http://127.0.0.1:9001/api/v3"}'],
    ['a URL with a query', '{"binance":"http://127.0.0.1:9001?x=1"}'],
    ['a URL with credentials', '{"binance":"http://user:pw@127.0.0.1:9001"}'],
    ['not a URL', '{"binance":"127.0.0.1:9001"}'],
    ['a bad exchange id', '{"Binance Spot":"http://127.0.0.1:9001"}'],
  ])('refuses %s with CONFIG_INVALID', (_case, raw) => {
    const error = parseError(raw);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('KEYWARDEN_EXCHANGE_URLS');
  });

  it('never repeats the URL (it could hold a password) in its message', () => {
    const error = parseError('{"binance":"http://user:hunter2@127.0.0.1:9001/path"}');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('exchangeUrlOverridesFrom', () => {
  it('reads KEYWARDEN_SERVICE_URLS and its older name KEYWARDEN_EXCHANGE_URLS, the new one winning, AI provider ids included', () => {
    expect(exchangeUrlOverridesFrom({
      KEYWARDEN_EXCHANGE_URLS: '{"binance":"http://127.0.0.1:9001","bybit":"http://127.0.0.1:9002"}',
      KEYWARDEN_SERVICE_URLS: '{"bybit":"http://127.0.0.1:9003","openai":"http://127.0.0.1:9004","openai-compatible":"http://127.0.0.1:9005"}',
    })).toEqual({ binance: 'http://127.0.0.1:9001', bybit: 'http://127.0.0.1:9003', openai: 'http://127.0.0.1:9004', 'openai-compatible': 'http://127.0.0.1:9005' });
    expect(() => exchangeUrlOverridesFrom({ KEYWARDEN_SERVICE_URLS: '{"openai":"ftp://x"}' })).toThrow('KEYWARDEN_SERVICE_URLS: the URL for "openai" must start with http:// or https://.');
  });
});

describe('applyUrlOverride', () => {
  it('replaces scheme and host of every Binance URL and keeps the paths', async () => {
    const ccxt = await loadCcxt();
    const exchange = new ccxt.binance();
    applyUrlOverride(exchange, 'http://127.0.0.1:9001');
    const api = exchange.urls.api as Record<string, string>;
    expect(api['public']).toBe('http://127.0.0.1:9001/api/v3');
    expect(api['private']).toBe('http://127.0.0.1:9001/api/v3');
    expect(api['sapi']).toBe('http://127.0.0.1:9001/sapi/v1');
    expect(api['fapiPublic']).toBe('http://127.0.0.1:9001/fapi/v1');
    for (const url of Object.values(api)) expect(url.startsWith('http://127.0.0.1:9001/')).toBe(true);
  });

  it("removes Bybit's {hostname} template, so signed URLs go to the override", async () => {
    const ccxt = await loadCcxt();
    const exchange = new ccxt.bybit();
    expect((exchange.urls.api as Record<string, string>)['private']).toBe('https://api.{hostname}');
    applyUrlOverride(exchange, 'http://127.0.0.1:9002');
    expect(exchange.urls.api).toEqual({
      spot: 'http://127.0.0.1:9002',
      futures: 'http://127.0.0.1:9002',
      v2: 'http://127.0.0.1:9002',
      public: 'http://127.0.0.1:9002',
      private: 'http://127.0.0.1:9002',
    });
    const signed = exchange.sign('v5/market/time', 'public', 'GET', {});
    expect(signed.url).toBe('http://127.0.0.1:9002/v5/market/time');
  });

  it('rewrites nested maps and WebSocket URLs too, leaving non-URL strings alone', async () => {
    const ccxt = await loadCcxt();
    const exchange = new ccxt.binance();
    exchange.urls.api = { rest: { v1: 'https://api.example.com/v1' }, ws: 'wss://stream.example.com:9443/ws', note: 'not a url' };
    applyUrlOverride(exchange, 'https://127.0.0.1:9003');
    expect(exchange.urls.api).toEqual({ rest: { v1: 'https://127.0.0.1:9003/v1' }, ws: 'wss://127.0.0.1:9003/ws', note: 'not a url' });
  });
});
