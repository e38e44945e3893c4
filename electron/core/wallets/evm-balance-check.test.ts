/**
 * The EVM wallet check against a fake node: balances of the native coin and two tokens, a contract
 * that is not a token, the wrong chain, every fault, and no key (or RPC URL) where it must not be.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_RPC_PATH_SECRET, startFakeEvmRpc, type FakeRpcFault, type FakeRpcServer } from '../../testing/fake-chain';
import type { FakeEvmRpcOptions } from '../../testing/fake-chain';
import { checkEvmWallet, type EvmWalletCheckOptions } from './evm-balance-check';
import { readEvmWallet } from './evm-wallet-key';
import { walletBalancesSummary } from './wallet-balances-summary';
import { walletCheckResultSchema, type WalletCheckResult } from './wallet-check-schema';

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const wallet = readEvmWallet({ privateKey: KEY });
const ADDRESS = wallet.address;
const USDC = '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359';
const PUSD = '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB';
const NOT_A_CONTRACT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const REVERTING = '0x000000000000000000000000000000000000dEaD';

const started: FakeRpcServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

async function fakePolygon(overrides: Partial<FakeEvmRpcOptions> = {}): Promise<FakeRpcServer> {
  const fake = await startFakeEvmRpc({
    chainId: 137,
    balances: { [ADDRESS.toLowerCase()]: 420_000_000_000_000_000n },
    tokens: {
      [USDC]: { symbol: 'USDC', decimals: 6, balances: { [ADDRESS]: 1_250_500_000n } },
      [PUSD]: { symbol: 'pUSD', decimals: 6, balances: { [ADDRESS]: 3n } },
    },
    otherContracts: [REVERTING],
    ...overrides,
  });
  started.push(fake);
  return fake;
}

async function check(fake: FakeRpcServer, options: Partial<EvmWalletCheckOptions> = {}): Promise<WalletCheckResult> {
  const result = await checkEvmWallet({ address: ADDRESS, rpcUrl: fake.url, tokens: [USDC, PUSD], ...options });
  expect(walletCheckResultSchema.parse(result)).toEqual(result);
  expect(result.message).not.toContain(FAKE_RPC_PATH_SECRET);
  return result;
}

function expectNothingSecretSent(fake: FakeRpcServer): void {
  for (const request of fake.requests) {
    expect(request.rawBody).not.toContain(KEY.slice(2));
    expect(request.rawBody.toLowerCase()).not.toContain(KEY.slice(2, 20));
  }
}

describe('checkEvmWallet', () => {
  it('reports the native balance and two tokens exactly', async () => {
    const fake = await fakePolygon();
    const result = await check(fake, { chainId: '137' });
    expect(result).toMatchObject({
      outcome: 'ok',
      network: { chainId: 137, name: 'Polygon (137)' },
      native: { symbol: 'POL', amount: '0.42', baseUnits: '420000000000000000' },
      tokens: [
        { token: USDC, symbol: 'USDC', amount: '1250.5', baseUnits: '1250500000', problem: null },
        { token: PUSD, symbol: 'pUSD', amount: '0.000003', baseUnits: '3', problem: null },
      ],
    });
    expect(result.message).toContain('0.42 POL, 1,250.5 USDC, 0.000003 pUSD');
    expect(walletBalancesSummary(result)).toBe('0.42 POL, 1,250.5 USDC, 0.000003 pUSD');
    expect(fake.requests.map((request) => request.method)).toEqual(['eth_chainId', 'eth_getBalance', 'eth_call', 'eth_call', 'eth_call', 'eth_call', 'eth_call', 'eth_call']);
    expectNothingSecretSent(fake);
  });

  it('marks an address without code and a reverting contract as not tokens, and reports the rest', async () => {
    const fake = await fakePolygon();
    const result = await check(fake, { tokens: [NOT_A_CONTRACT, USDC, REVERTING] });
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    expect(result.tokens).toEqual([
      { token: NOT_A_CONTRACT, symbol: null, amount: null, baseUnits: null, problem: 'not-a-token' },
      { token: USDC, symbol: 'USDC', amount: '1250.5', baseUnits: '1250500000', problem: null },
      { token: REVERTING, symbol: null, amount: null, baseUnits: null, problem: 'not-a-token' },
    ]);
    expect(result.message).toContain('2 token contracts do not answer like an ERC-20 token');
    expect(walletBalancesSummary(result)).toBe('0.42 POL, 1,250.5 USDC');
  });

  it('says which chain the node serves when it is not the wallet\'s', async () => {
    const fake = await fakePolygon();
    const result = await check(fake, { chainId: 1 });
    expect(result).toEqual({
      outcome: 'wrong-chain',
      expected: { chainId: 1, name: 'Ethereum (1)' },
      actual: { chainId: 137, name: 'Polygon (137)' },
      message: expect.stringContaining('This RPC URL serves Polygon (137), but the wallet is set to Ethereum (1)'),
    });
    expect(fake.requests.map((request) => request.method)).toEqual(['eth_chainId']);
  });

  it('accepts any chain when none is set, naming an unknown one by its id', async () => {
    const fake = await fakePolygon({ chainId: 31337 });
    const result = await check(fake, { tokens: [] });
    expect(result).toMatchObject({ outcome: 'ok', network: { chainId: 31337, name: 'chain 31337' }, native: { symbol: 'native coin' } });
  });

  it('reports an RPC error by its code, never its text', async () => {
    const fake = await fakePolygon({ fault: 'rpc-error' });
    const result = await check(fake);
    expect(result).toMatchObject({ outcome: 'rpc-error', code: -32005 });
    expect(result.message).toContain('code -32005');
    expect(result.message).toContain('127.0.0.1');
  });

  const unavailable: [FakeRpcFault, string][] = [
    ['down', 'connection refused'],
    ['http-500', 'answered with a server error (500)'],
    ['not-json', 'not JSON-RPC'],
    ['huge-answer', 'larger than any real one'],
    ['redirect', 'redirected elsewhere'],
  ];
  it.each(unavailable)('is unavailable when the node is %s', async (fault, reason) => {
    const fake = await fakePolygon({ fault });
    const result = await check(fake);
    expect(result.outcome).toBe('unavailable');
    if (result.outcome !== 'unavailable') return;
    expect(result.reason).toContain(reason);
    expect(result.message).toContain('The RPC node at 127.0.0.1:');
  });

  it('is unavailable when the node never answers: its own timeout, or the caller cancelling', async () => {
    const fake = await fakePolygon({ fault: 'slow' });
    // The fake never answers, so any timeout ends the call the same way.
    const timedOut = await check(fake, { timeoutMs: 50 });
    expect(timedOut).toMatchObject({ outcome: 'unavailable', reason: 'timed out after 50 ms' });

    const controller = new AbortController();
    void fake.nextRequest().then(() => controller.abort());
    const cancelled = await check(fake, { signal: controller.signal });
    expect(cancelled).toMatchObject({ outcome: 'unavailable', reason: 'cancelled' });
  });

  it('refuses an address that is not one before sending anything', async () => {
    const fake = await fakePolygon();
    await expect(checkEvmWallet({ address: KEY, rpcUrl: fake.url, tokens: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(checkEvmWallet({ address: ADDRESS, rpcUrl: fake.url, tokens: ['0x12'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(checkEvmWallet({ address: ADDRESS, rpcUrl: fake.url, tokens: [], chainId: 'polygon' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(fake.requests).toEqual([]);
  });
});
