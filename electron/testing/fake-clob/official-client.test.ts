/**
 * The fake CLOB as the official @polymarket/clob-client-v2 sees it: credentials, balances, GTC / FOK / FAK
 * orders on a plain, a neg-risk and a V3 market, listing and cancelling.
 */
import { AssetType, OrderType, Side, type ApiKeyCreds } from '@polymarket/clob-client-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { hashTypedData } from 'viem';
import { chainContracts } from './contracts';
import { errorOf, hardhat0, markets, negRiskMarket, officialClient, plainMarket, v3Market } from './fixtures';
import { startFakeClob } from './server';
import type { FakeClob, FakeClobSpec } from './types';

const started: FakeClob[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

async function start(spec: Partial<FakeClobSpec> = {}): Promise<FakeClob> {
  const fake = await startFakeClob({ markets, accounts: [{ address: hardhat0.address, pusd: '100', shares: { '71321045679252212594626385532706912750332728571942532289631379312455583992563': '40' } }], ...spec });
  started.push(fake);
  return fake;
}

async function tradingClient(fake: FakeClob): Promise<{ client: ReturnType<typeof officialClient>; creds: ApiKeyCreds }> {
  const creds = await officialClient(fake.url, hardhat0.key).deriveApiKey();
  return { client: officialClient(fake.url, hardhat0.key, creds), creds };
}

describe('fake CLOB with the official client', () => {
  it('derives the same credentials per nonce, creates new ones, lists keys and never receives the secret', async () => {
    const fake = await start();
    const l1 = officialClient(fake.url, hardhat0.key);
    const first = await l1.deriveApiKey();
    expect(first.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(await l1.deriveApiKey()).toEqual(first);
    expect((await l1.deriveApiKey(7)).key).not.toBe(first.key);
    const created = await l1.createApiKey(42);
    expect(created.key).toMatch(/^[0-9a-f-]{36}$/);
    // A nonce that already has a key cannot create another: createOrDerive falls back to deriving it.
    expect((await l1.createApiKey(42)).key).toBeUndefined();
    expect(await l1.createOrDeriveApiKey(42)).toEqual(created);
    const listed = await officialClient(fake.url, hardhat0.key, first).getApiKeys();
    expect(listed.apiKeys).toEqual(expect.arrayContaining([first.key, created.key]));
    expect(fake.requests.some((request) => request.raw.includes(first.secret) || request.raw.includes(created.secret))).toBe(false);
  });

  it('reports pUSD and shares in 6-decimal units with allowances keyed by spender', async () => {
    const fake = await start();
    const { client } = await tradingClient(fake);
    const collateral = await client.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    expect(collateral.balance).toBe('100000000');
    expect(Object.keys(collateral.allowances)).toEqual(expect.arrayContaining([chainContracts[137].exchangeV2, chainContracts[137].negRiskExchangeV2, chainContracts[137].exchangeV3]));
    const shares = await client.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: '71321045679252212594626385532706912750332728571942532289631379312455583992563' });
    expect(shares.balance).toBe('40000000');
  });

  it('rests a GTC buy whose id is the EIP-712 hash, lists it page by page, reads and cancels it', async () => {
    const fake = await start({ pageSize: 1 });
    const { client } = await tradingClient(fake);
    const order = await client.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 10, side: Side.BUY });
    const answer = await client.postOrder(order, OrderType.GTC);
    const { signature: _signature, ...signed } = order as typeof order & { signature: string };
    void _signature;
    const expectedHash = hashTypedData({
      domain: { name: 'Polymarket CTF Exchange', version: '2', chainId: 137, verifyingContract: chainContracts[137].exchangeV2 },
      types: { Order: [
        { name: 'salt', type: 'uint256' }, { name: 'maker', type: 'address' }, { name: 'signer', type: 'address' }, { name: 'tokenId', type: 'uint256' },
        { name: 'makerAmount', type: 'uint256' }, { name: 'takerAmount', type: 'uint256' }, { name: 'side', type: 'uint8' }, { name: 'signatureType', type: 'uint8' },
        { name: 'timestamp', type: 'uint256' }, { name: 'metadata', type: 'bytes32' }, { name: 'builder', type: 'bytes32' },
      ] },
      primaryType: 'Order',
      message: { ...(signed as unknown as Record<string, string>), side: 0, signatureType: 0 } as never,
    });
    expect(answer).toMatchObject({ success: true, status: 'live', orderID: expectedHash, errorMsg: '' });
    await client.postOrder(await client.createOrder({ tokenID: '52114319501245915516055106046884209969926127482827954674443846427813813222426', price: 0.3, size: 5, side: Side.BUY }), OrderType.GTC);
    const open = await client.getOpenOrders();
    expect(open.map((entry) => entry.id)).toContain(expectedHash);
    expect(open).toHaveLength(2);
    expect(await client.getOrder(expectedHash)).toMatchObject({ status: 'LIVE', price: '0.4', original_size: '10', side: 'BUY', maker_address: hardhat0.address });
    expect(fake.state.book('71321045679252212594626385532706912750332728571942532289631379312455583992563').bids).toContainEqual({ price: '0.4', size: '10' });
    expect(await client.cancelOrder({ orderID: expectedHash })).toEqual({ canceled: [expectedHash], not_canceled: {} });
    expect(await client.cancelOrder({ orderID: expectedHash })).toMatchObject({ canceled: [], not_canceled: { [expectedHash]: expect.any(String) } });
    expect((await client.getOpenOrders()).map((entry) => entry.id)).not.toContain(expectedHash);
  });

  it('answers a re-post of the same signed order as a duplicate', async () => {
    const fake = await start();
    const { client } = await tradingClient(fake);
    const order = await client.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.41, size: 5, side: Side.BUY });
    const first = await client.postOrder(order, OrderType.GTC);
    expect(first.status).toBe('live');
    expect(await client.postOrder(order, OrderType.GTC)).toMatchObject({ error: `order ${first.orderID} is invalid. Duplicated.`, status: 400 });
  });

  it('fills a FOK market buy on a neg-risk market and settles pUSD and shares exactly', async () => {
    const fake = await start();
    const { client } = await tradingClient(fake);
    const answer = await client.createAndPostMarketOrder({ tokenID: '48331043336612883890938759509493159234755048973500640148014422747788308965732', amount: 6, side: Side.BUY }, { tickSize: '0.01', negRisk: true }, OrderType.FOK);
    expect(answer).toMatchObject({ success: true, status: 'matched', makingAmount: '6', takingAmount: '20' });
    expect(answer.transactionsHashes?.[0]).toMatch(/^0x[0-9a-f]{64}$/);
    expect(fake.state.pusdOf(hardhat0.address)).toBe(94_000_000n);
    expect(fake.state.sharesOf(hardhat0.address, '48331043336612883890938759509493159234755048973500640148014422747788308965732')).toBe(20_000_000n);
    expect(negRiskMarket.negRisk).toBe(true);
    expect(fake.state.orders.get(answer.orderID)?.exchange).toBe(chainContracts[137].negRiskExchangeV2);
  });

  it('kills a FOK order the book cannot fill in full and leaves the wallet untouched', async () => {
    const fake = await start();
    const { client } = await tradingClient(fake);
    const order = await client.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.5, size: 50, side: Side.BUY });
    expect(await client.postOrder(order, OrderType.FOK)).toMatchObject({ error: "order couldn't be fully filled. FOK orders are fully filled or killed.", status: 400 });
    expect(fake.state.pusdOf(hardhat0.address)).toBe(100_000_000n);
  });

  it('fills what it can of a FAK order on a V3 market (domain version "3") and kills the rest', async () => {
    const fake = await start();
    const { client } = await tradingClient(fake);
    const order = await client.createOrder({ tokenID: '3001', price: 0.25, size: 15, side: Side.BUY }, { tickSize: '0.01', version: 3 });
    const answer = await client.postOrder(order, OrderType.FAK);
    expect(answer).toMatchObject({ success: true, status: 'matched', makingAmount: '2', takingAmount: '10' });
    expect(fake.state.orders.get(answer.orderID)).toMatchObject({ exchange: chainContracts[137].exchangeV3, status: 'MATCHED', matchedShares: 10_000_000n });
    expect(fake.state.sharesOf(hardhat0.address, '3001')).toBe(10_000_000n);
    const none = await client.postOrder(await client.createOrder({ tokenID: '3001', price: 0.1, size: 5, side: Side.BUY }, { tickSize: '0.01', version: 3 }), OrderType.FAK);
    expect(errorOf(none)).toMatch(/^no orders found to match with FAK order/);
    expect(v3Market.version).toBe(3);
  });

  it('crosses a marketable GTC sell against the bids and pays the seller', async () => {
    const fake = await start();
    const { client } = await tradingClient(fake);
    const answer = await client.createAndPostOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.45, size: 20, side: Side.SELL }, { tickSize: '0.01' }, OrderType.GTC);
    expect(answer).toMatchObject({ status: 'matched', makingAmount: '20', takingAmount: '9' });
    expect(fake.state.sharesOf(hardhat0.address, '71321045679252212594626385532706912750332728571942532289631379312455583992563')).toBe(20_000_000n);
    expect(fake.state.pusdOf(hardhat0.address)).toBe(109_000_000n);
  });

  it('serves the book, market data, gamma by slug and data-api positions', async () => {
    const fake = await start();
    const { client } = await tradingClient(fake);
    const book = await client.getOrderBook('71321045679252212594626385532706912750332728571942532289631379312455583992563');
    expect(book.asks.at(-1)).toEqual({ price: '0.5', size: '20' });
    expect(book.bids.at(-1)).toEqual({ price: '0.45', size: '100' });
    expect(await client.getTickSize('71321045679252212594626385532706912750332728571942532289631379312455583992563')).toBe('0.01');
    expect(await client.getNegRisk('48331043336612883890938759509493159234755048973500640148014422747788308965732')).toBe(true);
    const gamma = (await (await fetch(`${fake.url}/markets?slug=${plainMarket.slug}`)).json()) as { conditionId: string; clobTokenIds: string }[];
    expect(gamma[0]?.conditionId).toBe(plainMarket.conditionId);
    expect(JSON.parse(gamma[0]?.clobTokenIds ?? '[]')).toEqual(['71321045679252212594626385532706912750332728571942532289631379312455583992563', '52114319501245915516055106046884209969926127482827954674443846427813813222426']);
    const positions = (await (await fetch(`${fake.url}/positions?user=${hardhat0.address}`)).json()) as { asset: string; size: number }[];
    expect(positions).toEqual([expect.objectContaining({ asset: '71321045679252212594626385532706912750332728571942532289631379312455583992563', size: 40 })]);
  });
});
