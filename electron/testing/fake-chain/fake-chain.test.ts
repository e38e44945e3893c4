/**
 * The fake nodes themselves answer as real ones do: hex quantities, ABI-encoded words, "0x" from an
 * address without code, error objects for unknown methods and bad requests, JSON numbers beyond 2^53.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFunctionResult, encodeFunctionData, erc20Abi } from 'viem';
import { startFakeEvmRpc, startFakeSolanaRpc, type FakeRpcServer } from './index';

const OWNER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const TOKEN = '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB';
const started: FakeRpcServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

async function rpc(fake: FakeRpcServer, body: unknown): Promise<{ status: number; text: string; json: unknown }> {
  const response = await fetch(fake.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}

describe('fake EVM node', () => {
  it('answers with hex quantities, ABI words, 0x for no code and -32601 for an unknown method', async () => {
    const fake = await startFakeEvmRpc({ chainId: 137, balances: { [OWNER]: 10n ** 18n }, tokens: { [TOKEN]: { symbol: 'pUSD', decimals: 6, balances: { [OWNER]: 5n } } } });
    started.push(fake);
    expect((await rpc(fake, { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })).json).toEqual({ jsonrpc: '2.0', id: 1, result: '0x89' });
    expect((await rpc(fake, { jsonrpc: '2.0', id: 2, method: 'eth_getBalance', params: [OWNER.toLowerCase(), 'latest'] })).json).toMatchObject({ result: '0xde0b6b3a7640000' });
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [OWNER] });
    const balance = (await rpc(fake, { jsonrpc: '2.0', id: 3, method: 'eth_call', params: [{ to: TOKEN, data }, 'latest'] })).json as { result: `0x${string}` };
    expect(decodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', data: balance.result })).toBe(5n);
    expect((await rpc(fake, { jsonrpc: '2.0', id: 4, method: 'eth_call', params: [{ to: OWNER, data }, 'latest'] })).json).toMatchObject({ result: '0x' });
    expect((await rpc(fake, { jsonrpc: '2.0', id: 5, method: 'eth_sendRawTransaction', params: ['0x00'] })).json).toEqual({
      jsonrpc: '2.0', id: 5, error: { code: -32601, message: 'the method eth_sendRawTransaction does not exist/is not available' },
    });
    expect((await rpc(fake, { id: 6, method: 'eth_chainId' })).json).toMatchObject({ error: { code: -32600 } });
    expect(fake.requests).toHaveLength(6);
  });
});

describe('fake Solana node', () => {
  it('answers the genesis hash, lamports as a plain JSON number even beyond 2^53, and -32602 for an unknown mint', async () => {
    const owner = '2q7pyhPwAwZ3QMfZrnAbDhnh9mDUqycszcpf86VgQxhF';
    const fake = await startFakeSolanaRpc({ cluster: 'devnet', lamports: { [owner]: 2n ** 60n }, tokenAccounts: [] });
    started.push(fake);
    expect((await rpc(fake, { jsonrpc: '2.0', id: 1, method: 'getGenesisHash' })).json).toMatchObject({ result: 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG' });
    expect((await rpc(fake, { jsonrpc: '2.0', id: 2, method: 'getBalance', params: [owner] })).text).toContain(`"value":${2n ** 60n}}`);
    const unknownMint = await rpc(fake, { jsonrpc: '2.0', id: 3, method: 'getTokenAccountsByOwner', params: [owner, { mint: owner }, { encoding: 'jsonParsed' }] });
    expect(unknownMint.json).toMatchObject({ error: { code: -32602, message: expect.stringContaining('could not find mint') } });
  });
});
