/**
 * The Solana wallet check against a fake node: the cluster by genesis hash, lamports, token accounts
 * summed exactly, a mint that does not exist, faults, and no key in any request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { base58 } from '@scure/base';
import { FAKE_RPC_PATH_SECRET, startFakeSolanaRpc, type FakeRpcServer, type FakeSolanaRpcOptions } from '../../testing/fake-chain';
import { checkSolanaWallet, type SolanaWalletCheckOptions } from './solana-balance-check';
import { readSolanaWallet } from './solana-wallet-key';
import { walletBalancesSummary } from './wallet-balances-summary';
import { walletCheckResultSchema, type WalletCheckResult } from './wallet-check-schema';

const SECRET_BASE58 = base58.encode(new Uint8Array(32).fill(8));
const wallet = readSolanaWallet({ privateKey: SECRET_BASE58 });
const OWNER = wallet.address;
const USDC = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const OTHER_MINT = base58.encode(new Uint8Array(32).fill(3));
const UNKNOWN_MINT = base58.encode(new Uint8Array(32).fill(4));

const started: FakeRpcServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

async function fakeCluster(overrides: Partial<FakeSolanaRpcOptions> = {}): Promise<FakeRpcServer> {
  const fake = await startFakeSolanaRpc({
    cluster: 'mainnet-beta',
    lamports: { [OWNER]: 1_500_000_001n },
    tokenAccounts: [
      { owner: OWNER, mint: USDC, amount: 1_000_250_000n, decimals: 6 },
      { owner: OWNER, mint: USDC, amount: 250_250_000n, decimals: 6 },
      { owner: 'So11111111111111111111111111111111111111112', mint: USDC, amount: 9n, decimals: 6 },
    ],
    mints: [OTHER_MINT],
    ...overrides,
  });
  started.push(fake);
  return fake;
}

async function check(fake: FakeRpcServer, options: Partial<SolanaWalletCheckOptions> = {}): Promise<WalletCheckResult> {
  const result = await checkSolanaWallet({ address: OWNER, rpcUrl: fake.url, tokenMints: [USDC], ...options });
  expect(walletCheckResultSchema.parse(result)).toEqual(result);
  expect(result.message).not.toContain(FAKE_RPC_PATH_SECRET);
  return result;
}

describe('checkSolanaWallet', () => {
  it('reports SOL and a token summed over its accounts, exactly', async () => {
    const fake = await fakeCluster();
    const result = await check(fake, { cluster: 'mainnet-beta', tokenMints: [USDC, OTHER_MINT] });
    expect(result).toMatchObject({
      outcome: 'ok',
      network: { cluster: 'mainnet-beta', name: 'Solana mainnet' },
      native: { symbol: 'SOL', amount: '1.500000001', baseUnits: '1500000001' },
      tokens: [
        { token: USDC, symbol: 'USDC', amount: '1250.5', baseUnits: '1250500000', problem: null },
        { token: OTHER_MINT, symbol: null, amount: '0', baseUnits: '0', problem: null },
      ],
    });
    expect(walletBalancesSummary(result)).toBe(`1.500000001 SOL, 1,250.5 USDC, 0 ${OTHER_MINT.slice(0, 6)}…${OTHER_MINT.slice(-4)}`);
    expect(fake.requests.map((request) => request.method)).toEqual(['getGenesisHash', 'getBalance', 'getTokenAccountsByOwner', 'getTokenAccountsByOwner']);
    expect(fake.requests[2]!.params).toEqual([OWNER, { mint: USDC }, { encoding: 'jsonParsed' }]);
    for (const request of fake.requests) expect(request.rawBody).not.toContain(SECRET_BASE58);
  });

  it('marks a mint the node cannot find as not a token, and reports the rest', async () => {
    const fake = await fakeCluster();
    const result = await check(fake, { tokenMints: [UNKNOWN_MINT, USDC] });
    expect(result).toMatchObject({ outcome: 'ok', tokens: [{ token: UNKNOWN_MINT, problem: 'not-a-token', amount: null }, { token: USDC, amount: '1250.5' }] });
    expect(result.message).toContain('One token mint is not a token mint');
  });

  it('says which cluster the node serves when it is not the wallet\'s', async () => {
    const fake = await fakeCluster({ cluster: 'devnet' });
    const result = await check(fake, { cluster: 'mainnet-beta' });
    expect(result).toMatchObject({
      outcome: 'wrong-chain',
      expected: { cluster: 'mainnet-beta' },
      actual: { cluster: 'devnet', name: 'Solana devnet' },
      message: expect.stringContaining('This RPC URL serves Solana devnet, but the wallet is set to Solana mainnet'),
    });
    const local = await fakeCluster({ cluster: { genesisHash: base58.encode(new Uint8Array(32).fill(9)) } });
    expect(await check(local, { cluster: 'devnet' })).toMatchObject({ outcome: 'wrong-chain', actual: { cluster: 'other' } });
    expect(await check(local)).toMatchObject({ outcome: 'ok', network: { cluster: 'other' } });
  });

  it('refuses a lamport balance beyond 2^53 rather than round it', async () => {
    const fake = await fakeCluster({ lamports: { [OWNER]: 2n ** 53n + 1n } });
    const result = await check(fake);
    expect(result).toMatchObject({ outcome: 'unavailable' });
    expect(result.message).toContain('cannot read exactly');
  });

  it('reports faults as values', async () => {
    expect(await check(await fakeCluster({ fault: 'rpc-error' }))).toMatchObject({ outcome: 'rpc-error', code: -32005 });
    expect(await check(await fakeCluster({ fault: 'down' }))).toMatchObject({ outcome: 'unavailable', reason: 'connection refused' });
    expect(await check(await fakeCluster({ fault: 'not-json' }))).toMatchObject({ outcome: 'unavailable' });
    expect(await check(await fakeCluster({ fault: 'http-500' }))).toMatchObject({ outcome: 'unavailable' });
    expect(await check(await fakeCluster({ fault: 'huge-answer' }))).toMatchObject({ outcome: 'unavailable' });
    expect(await check(await fakeCluster({ fault: 'redirect' }))).toMatchObject({ outcome: 'unavailable', reason: 'redirected elsewhere' });
    expect(await check(await fakeCluster({ fault: 'slow' }), { timeoutMs: 50 })).toMatchObject({ outcome: 'unavailable', reason: 'timed out after 50 ms' });
  });

  it('refuses addresses that are not Solana addresses before sending anything', async () => {
    const fake = await fakeCluster();
    await expect(checkSolanaWallet({ address: SECRET_BASE58 + 'x', rpcUrl: fake.url, tokenMints: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(checkSolanaWallet({ address: OWNER, rpcUrl: fake.url, tokenMints: ['0xabc'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(fake.requests).toEqual([]);
  });
});
