import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import { sendAnswer, startLoopbackServer, type LoopbackServer } from '../../testing/loopback-http-server';
import { l2Signature } from './clob-auth';
import { PolymarketClobClient } from './clob-client';
import { checkPolymarketAccount } from './polymarket-check';
import { readMarketReference, outcomeTokenId } from './market-reference';
import { polymarketProxyOf, walletSetup } from './wallet-setup';

const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const creds = { key: 'key-1', secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', passphrase: 'p' };
let server: LoopbackServer | undefined;
afterEach(async () => server?.stop());

async function stub(route: (path: string, headers: Record<string, string | string[] | undefined>) => { status: number; body: unknown; headers?: Record<string, string> } | 'hang') {
  server = await startLoopbackServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const answer = route(`${url.pathname}${url.search}`, request.headers);
    if (answer === 'hang') return;
    sendAnswer(response, answer);
  }, 30_000);
  const urls = { clob: server.url, gamma: server.url, data: server.url };
  return new PolymarketClobClient({ chainId: 137, account, creds, baseUrls: urls, now: () => 1700000000 });
}

describe('the CLOB client against a stub server', () => {
  it('signs L2 calls over the path without its query, and pages open orders until LTE=', async () => {
    const seen: string[] = [];
    const client = await stub((path, headers) => {
      seen.push(path);
      expect(headers['poly_signature']).toBe(l2Signature(creds.secret, 1700000000, { method: 'GET', requestPath: '/data/orders' }));
      const cursor = new URL(path, 'http://x').searchParams.get('next_cursor');
      const order = (id: string) => ({ id, status: 'LIVE', market: 'm', asset_id: '1', side: 'BUY', original_size: '5', size_matched: '0', price: '0.5' });
      return cursor === 'MA==' ? { status: 200, body: { data: [order('a')], next_cursor: 'Mg==' } } : { status: 200, body: { data: [order('b')], next_cursor: 'LTE=' } };
    });
    expect((await client.openOrders()).map((order) => order.id)).toEqual(['a', 'b']);
    expect(seen).toHaveLength(2);
  });

  it('maps 401 to invalid credentials and KEY_REFUSED, 5xx to SERVICE_UNREACHABLE naming only the host', async () => {
    const client = await stub((path) => (path.startsWith('/auth/api-keys') ? { status: 401, body: { error: 'Unauthorized/Invalid api key' } } : { status: 502, body: 'Bad gateway' }));
    expect(await client.apiKeys()).toEqual({ outcome: 'invalid-credentials', httpStatus: 401 });
    const error = await client.orderBook('1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SERVICE_UNREACHABLE' });
    expect((error as Error).message).toContain('127.0.0.1');
    expect((error as Error).message).not.toContain('http://');
  });

  it('turns the geoblock 403 into REGION_BLOCKED', async () => {
    const client = await stub(() => ({ status: 403, body: { error: 'Trading restricted in your region, please refer to available regions - https://docs.polymarket.com/developers/CLOB/geoblock' } }));
    await expect(client.postOrder('{}')).rejects.toMatchObject({ code: 'REGION_BLOCKED' });
  });

  it('refuses redirects, answers over 4 MiB, and gives up when no answer comes', async () => {
    let mode: 'redirect' | 'huge' | 'hang' = 'redirect';
    const client = await stub(() =>
      mode === 'redirect' ? { status: 302, body: '', headers: { Location: 'http://127.0.0.1:1/elsewhere' } } : mode === 'huge' ? { status: 200, body: 'x'.repeat(5 * 1024 * 1024) } : 'hang',
    );
    await expect(client.tickSize('1')).rejects.toThrow(/redirected elsewhere/);
    mode = 'huge';
    await expect(client.tickSize('1')).rejects.toThrow(/larger than 4 MiB/);
    mode = 'hang';
    const slow = new PolymarketClobClient({ chainId: 137, account, creds, baseUrls: { clob: server!.url }, timeoutMs: 200 });
    await expect(slow.tickSize('1')).rejects.toThrow(/timed out after 200 ms/);
  });

  it('says MARKET_NOT_FOUND for an unknown token or slug', async () => {
    const client = await stub((path) => (path.startsWith('/markets') && !path.startsWith('/markets-by') ? { status: 200, body: [] } : { status: 404, body: { error: 'market not found' } }));
    await expect(client.marketByToken('1')).rejects.toMatchObject({ code: 'MARKET_NOT_FOUND' });
    await expect(client.marketBySlug('nope')).rejects.toMatchObject({ code: 'MARKET_NOT_FOUND' });
  });

  it('reports a missing pUSD allowance with what to do', async () => {
    await stub((path) => (path.startsWith('/auth/api-keys') ? { status: 200, body: { apiKeys: ['key-1'] } } : { status: 200, body: { balance: '25000000', allowances: { '0xE111180000d2663C0091e4f400237545B87B996B': '0' } } }));
    const outcome = await checkPolymarketAccount({ chainId: 137, account, creds, signatureType: 0, baseUrls: { clob: server!.url } });
    expect(outcome).toMatchObject({ outcome: 'no-allowance', balance: '25000000' });
    expect(outcome.message).toMatch(/enable trading on polymarket.com once, or approve pUSD/);
  });
});

describe('wallet setup', () => {
  it('recognises the EOA itself, its proxy and refuses a stranger with the Magic hint', () => {
    expect(walletSetup(account.address, undefined, 137)).toMatchObject({ signatureType: 0 });
    expect(walletSetup(account.address, polymarketProxyOf(account.address), 137)).toMatchObject({ signatureType: 1, kind: 'proxy' });
    const stranger = walletSetup(account.address, '0x2222222222222222222222222222222222222222', 137);
    expect(stranger.outcome).toBe('funder-mismatch');
    expect((stranger as { message: string }).message).toMatch(/^This private key cannot sign for that funder address. A key exported from an email-login \(Magic\) wallet/);
  });
});

describe('market references', () => {
  it.each([
    ['will-it-rain', { kind: 'slug', slug: 'will-it-rain', eventSlug: null }],
    ['https://polymarket.com/event/election-2028/will-x-win?tid=1#c', { kind: 'slug', slug: 'will-x-win', eventSlug: 'election-2028' }],
    ['polymarket.com/event/election-2028', { kind: 'event', eventSlug: 'election-2028' }],
    ['https://polymarket.com/market/will-it-rain', { kind: 'slug', slug: 'will-it-rain', eventSlug: null }],
    ['123456789', { kind: 'token', tokenId: '123456789' }],
  ])('reads %s', (input, expected) => expect(readMarketReference(input)).toEqual(expected));
  it.each(['https://evil.example/event/x', 'Will it rain?', '0x1234', '1'.repeat(80), 'https://polymarket.com/profile/abc'])('refuses %s', (input) => {
    expect(() => readMarketReference(input)).toThrow(/not a Polymarket market/);
  });
  it('picks an outcome by name', () => {
    expect(outcomeTokenId([{ tokenId: '1', outcome: 'Yes' }, { tokenId: '2', outcome: 'No' }], ' no ')).toBe('2');
    expect(() => outcomeTokenId([{ tokenId: '1', outcome: 'Yes' }], 'Maybe')).toThrow(/outcomes are: Yes/);
  });
});
