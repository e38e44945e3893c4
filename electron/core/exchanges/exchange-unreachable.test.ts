/**
 * Which failures mean "the exchange could not be reached", and the reason given for each: the real
 * errors ccxt throws against the offline fake exchange (503, dropped connection, no answer, a
 * stopped server, a name that does not resolve), plus ccxt's own classes for what the fake cannot
 * stage (maintenance, a 504, the NetworkError subclasses that mean something else).
 */
import type { Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { isKeywardenError } from '../errors';
import { loadCcxt } from './ccxt-loader';
import { createExchangeClient } from './exchange-client';
import { exchangeDisplayName } from './exchange-catalog';
import { exchangeUnreachable, isUnreachable, reachExchange, unreachability, unreachableConsequence } from './exchange-unreachable';

async function failureOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call was expected to fail');
}

describe('exchange unreachable', () => {
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let client: Exchange;
  let deadUrl: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance', keys: [key] });
    client = await createExchangeClient({ exchangeId: 'binance', credentials: key, environment: 'live', urlOverrides: { binance: binance.url }, timeoutMs: 800 });
    await client.loadMarkets();
    // A port that was just listening and no longer is: connections to it are refused.
    const stopped = await startFakeExchange({ exchange: 'binance' });
    deadUrl = stopped.url;
    await stopped.stop();
  });
  afterAll(() => binance.stop());

  it('reads why from the errors ccxt really throws', async () => {
    binance.failNext(1, '5xx');
    expect(unreachability(await failureOf(() => client.fetchBalance()))).toEqual({ reason: 'answered 503', neverSent: false });
    binance.failNext(1, 'drop');
    expect(unreachability(await failureOf(() => client.fetchBalance()))).toEqual({ reason: 'connection dropped', neverSent: false });
    binance.failNext(1, 'timeout');
    expect(unreachability(await failureOf(() => client.fetchBalance()))).toEqual({ reason: 'timed out after 800 ms', neverSent: false });

    const refusedClient = await createExchangeClient({ exchangeId: 'binance', credentials: {}, environment: 'live', urlOverrides: { binance: deadUrl } });
    expect(unreachability(await failureOf(() => refusedClient.loadMarkets()))).toEqual({ reason: 'connection refused', neverSent: true });
    const nowhere = await createExchangeClient({ exchangeId: 'binance', credentials: {}, environment: 'live', urlOverrides: { binance: 'http://keywarden-test.invalid' } });
    expect(unreachability(await failureOf(() => nowhere.loadMarkets()))).toEqual({ reason: 'address not found', neverSent: true });
  });

  it('counts maintenance and 5xx answers, and leaves rate limits, clock trouble and 4xx answers alone', async () => {
    const ccxt = await loadCcxt();
    const url = 'https://api.binance.com/api/v3/account?timestamp=1&signature=abc';
    expect(unreachability(new ccxt.OnMaintenance('binance {"code":1,"msg":"System is under maintenance."}'))).toEqual({ reason: 'under maintenance', neverSent: false });
    expect(unreachability(new ccxt.RequestTimeout(`binance GET ${url} 504 Gateway Timeout `))).toEqual({ reason: 'answered 504', neverSent: false });
    expect(unreachability(new ccxt.ExchangeNotAvailable(`bybit GET ${url} 502 Bad Gateway Bad Gateway`))).toEqual({ reason: 'answered 502', neverSent: false });
    // ccxt files these under NetworkError too; each keeps its own meaning.
    expect(isUnreachable(new ccxt.InvalidNonce('binance {"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}'))).toBe(false);
    expect(isUnreachable(new ccxt.DDoSProtection('binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}'))).toBe(false);
    expect(isUnreachable(new ccxt.RateLimitExceeded(`binance GET ${url} 429 Too Many Requests `))).toBe(false);
    // ccxt maps some 4xx answers to ExchangeNotAvailable: the exchange answered, and refused.
    expect(isUnreachable(new ccxt.ExchangeNotAvailable(`binance GET ${url} 403 Forbidden `))).toBe(false);
    expect(isUnreachable(new ccxt.AuthenticationError('binance {"code":-2015}'))).toBe(false);
    expect(isUnreachable(new Error('anything else'))).toBe(false);
  });

  it('builds one message shape, with the display name and no ccxt text', async () => {
    binance.failNext(1, '5xx');
    const error = exchangeUnreachable(await exchangeDisplayName('binance'), await failureOf(() => client.fetchBalance()), unreachableConsequence.keyNotSaved);
    expect(error.code).toBe('EXCHANGE_UNREACHABLE');
    expect(error.message).toBe('Binance could not be reached (answered 503); the key was not saved.');
    expect(error.details).toEqual({ exchange: 'Binance', reason: 'answered 503' });
    // The signed URL ccxt's message carries stays out.
    expect(JSON.stringify(error.toJSON())).not.toMatch(/signature|127\.0\.0\.1|api\/v3/);
    expect(await exchangeDisplayName('bybit')).toBe('Bybit');
    expect(await exchangeDisplayName('no-such-exchange')).toBe('no-such-exchange');
  });

  it('reachExchange turns an unreachable exchange into EXCHANGE_UNREACHABLE and lets anything else through', async () => {
    binance.failNext(1, 'drop');
    const down = await failureOf(() => reachExchange('Binance', unreachableConsequence.nothingSent, () => client.fetchTicker('BTC/USDT')));
    expect(isKeywardenError(down, 'EXCHANGE_UNREACHABLE')).toBe(true);
    expect((down as Error).message).toBe('Binance could not be reached (connection dropped); nothing was sent.');
    const refused = await failureOf(() => reachExchange('Binance', unreachableConsequence.nothingSent, () => client.fetchTicker('NOPE/USDT')));
    expect(isKeywardenError(refused)).toBe(false);
    expect(await reachExchange('Binance', unreachableConsequence.nothingSent, () => client.fetchTicker('BTC/USDT'))).toMatchObject({ symbol: 'BTC/USDT' });
  });
});
