import { ClobClient, createL1Headers, createL2Headers, OrderType, Side, SignatureTypeV2 } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { polygon } from 'viem/chains';
import { describe, expect, it, vi } from 'vitest';
import { l1Headers, l2Headers, l2Signature } from './clob-auth';
import { buildSignedOrder, orderDomain, orderHashOf, orderVersionFor, signOrder, type ClobOrderRequest } from './clob-order';

// Hardhat account #0: a publicly known key, used by the official clients' own tests.
const HARDHAT_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const account = privateKeyToAccount(HARDHAT_0);
const creds = { key: '00000000-0000-0000-0000-000000000001', secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', passphrase: 'pass-phrase' };
// A registered CTF token id (keccak-derived: reserved bits set) and a position-protocol id (reserved bits clear).
const CTF_TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
const POSITION_TOKEN = ((2n << 248n) | (3n << 104n) | (1n << 8n) | 1n).toString();

function officialClient(chain: 137 | 80002, signatureType: SignatureTypeV2 = SignatureTypeV2.EOA, funderAddress?: string) {
  const signer = createWalletClient({ account, chain: polygon, transport: http('http://127.0.0.1:9') });
  const client = new ClobClient({ host: 'http://127.0.0.1:9', chain, signer, creds, signatureType, funderAddress });
  // The official client reads tick size and fees from the CLOB; seed its caches instead (no network here).
  const caches = client as unknown as Record<string, Record<string, unknown>>;
  for (const [token, tick] of [[CTF_TOKEN, '0.01'], [POSITION_TOKEN, '0.0025']] as const) {
    caches['tickSizes']![token] = tick;
    caches['feeInfos']![token] = { rate: 0, exponent: 0 };
  }
  return client;
}

function seedTick(client: ClobClient, token: string, tick: string): void {
  (client as unknown as Record<string, Record<string, unknown>>)['tickSizes']![token] = tick;
}

describe('CLOB auth headers', () => {
  it('signs ClobAuth as the official clients\u2019 published vector (Hardhat #0, Amoy, ts 10000000, nonce 23)', async () => {
    const headers = await l1Headers(account, 80002, { timestamp: 10000000, nonce: 23 });
    expect(headers.POLY_SIGNATURE).toBe(
      '0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b',
    );
    expect(headers).toMatchObject({ POLY_ADDRESS: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', POLY_TIMESTAMP: '10000000', POLY_NONCE: '23' });
  });

  it('computes the published HMAC vector, padding kept', () => {
    expect(l2Signature('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 1000000, { method: 'test-sign', requestPath: '/orders', body: '{"hash": "0x123"}' })).toBe(
      'ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=',
    );
  });

  it('sends the same L1 and L2 headers as the official client', async () => {
    const signer = createWalletClient({ account, chain: polygon, transport: http('http://127.0.0.1:9') });
    expect(await l1Headers(account, 137, { timestamp: 1700000000, nonce: 0 })).toEqual(await createL1Headers(signer, 137, 0, 1700000000));
    for (const request of [{ method: 'POST', requestPath: '/order', body: '{"a":1}' }, { method: 'GET', requestPath: '/data/orders' }]) {
      expect(l2Headers(creds, account.address, request, 1700000000)).toEqual(await createL2Headers(signer, creds, request, 1700000000));
    }
  });

  it('refuses a secret that is not base64, without echoing it', () => {
    expect(() => l2Signature('not base64 at all!', 1, { method: 'GET', requestPath: '/x' })).toThrow(/not base64 text/);
  });
});

describe('signed orders match the official client byte for byte', () => {
  const timestamp = 1780449126930;
  const salt = 479249096354;

  async function official(client: ClobClient, build: () => Promise<unknown>, orderType: OrderType): Promise<string> {
    vi.spyOn(Date, 'now').mockReturnValue(timestamp);
    vi.spyOn(Math, 'random').mockReturnValue(salt / timestamp);
    try {
      const order = await build();
      let sent = '';
      vi.spyOn(client as unknown as { post: (url: unknown, options: unknown) => Promise<unknown> }, 'post').mockImplementation(async (_url: unknown, options: unknown) => {
        sent = JSON.stringify((options as { data: unknown }).data);
        return { success: true };
      });
      await client.postOrder(order as never, orderType);
      return sent;
    } finally {
      vi.restoreAllMocks();
    }
  }

  const cases: { name: string; ours: Omit<ClobOrderRequest, 'account' | 'owner' | 'timestamp' | 'salt'>; theirs: (c: ClobClient) => Promise<unknown>; type: OrderType }[] = [
    {
      name: 'GTC buy on a V2 market',
      ours: { chainId: 137, tokenId: CTF_TOKEN, side: 'BUY', price: '0.56', size: '21.04', orderType: 'GTC', tickSize: '0.01', negRisk: false, signatureType: 0 },
      theirs: (c) => c.createOrder({ tokenID: CTF_TOKEN, price: 0.56, size: 21.04, side: Side.BUY }, { tickSize: '0.01', negRisk: false, version: 2 }),
      type: OrderType.GTC,
    },
    {
      name: 'FOK buy spending pUSD on a neg-risk market',
      ours: { chainId: 137, tokenId: CTF_TOKEN, side: 'BUY', price: '0.3', amount: '10', orderType: 'FOK', tickSize: '0.1', negRisk: true, signatureType: 0 },
      theirs: (c) => c.createMarketOrder({ tokenID: CTF_TOKEN, price: 0.3, amount: 10, side: Side.BUY }, { tickSize: '0.1', negRisk: true, version: 2 }),
      type: OrderType.FOK,
    },
    {
      name: 'FAK sell on a neg-risk market',
      ours: { chainId: 137, tokenId: CTF_TOKEN, side: 'SELL', price: '0.057', amount: '33.337', orderType: 'FAK', tickSize: '0.001', negRisk: true, signatureType: 0 },
      theirs: (c) => c.createMarketOrder({ tokenID: CTF_TOKEN, price: 0.057, amount: 33.337, side: Side.SELL }, { tickSize: '0.001', negRisk: true, version: 2 }),
      type: OrderType.FAK,
    },
    {
      name: 'GTC sell on a version-3 (position protocol) market',
      ours: { chainId: 137, tokenId: POSITION_TOKEN, side: 'SELL', price: '0.0025', size: '100.129', orderType: 'GTC', tickSize: '0.0025', negRisk: false, signatureType: 0 },
      theirs: (c) => c.createOrder({ tokenID: POSITION_TOKEN, price: 0.0025, size: 100.129, side: Side.SELL }, { tickSize: '0.0025', negRisk: false, version: 3 }),
      type: OrderType.GTC,
    },
    {
      name: 'FOK buy with a tick of 0.0001 and an uneven quotient',
      ours: { chainId: 137, tokenId: CTF_TOKEN, side: 'BUY', price: '0.0007', amount: '7.77', orderType: 'FOK', tickSize: '0.0001', negRisk: false, signatureType: 0 },
      theirs: (c) => c.createMarketOrder({ tokenID: CTF_TOKEN, price: 0.0007, amount: 7.77, side: Side.BUY }, { tickSize: '0.0001', negRisk: false, version: 2 }),
      type: OrderType.FOK,
    },
  ];

  for (const example of cases) {
    it(example.name, async () => {
      const client = officialClient(137);
      seedTick(client, example.ours.tokenId, example.ours.tickSize);
      const theirs = await official(client, () => example.theirs(client), example.type);
      const ours = await buildSignedOrder({ ...example.ours, account, owner: creds.key, timestamp, salt });
      expect(ours.body).toBe(theirs);
    });
  }

  it('a Polymarket-proxy funder (type 1) signs with the EOA and names the funder as maker', async () => {
    const funder = '0x1111111111111111111111111111111111111111';
    const client = officialClient(137, SignatureTypeV2.POLY_PROXY, funder);
    const theirs = await official(client, () => client.createOrder({ tokenID: CTF_TOKEN, price: 0.5, size: 5, side: Side.BUY }, { tickSize: '0.01', negRisk: false, version: 2 }), OrderType.GTC);
    const ours = await buildSignedOrder({ chainId: 137, tokenId: CTF_TOKEN, side: 'BUY', price: '0.5', size: '5', orderType: 'GTC', tickSize: '0.01', negRisk: false, signatureType: 1, funder, account, owner: creds.key, timestamp, salt });
    expect(ours.body).toBe(theirs);
    expect(JSON.parse(ours.body).order).toMatchObject({ maker: funder, signer: account.address, signatureType: 1 });
  });
});

describe('order hash and the deposit-wallet vector', () => {
  it('matches py-clob-client-v2\u2019s published POLY_1271 signature (tests/order_utils/test_exchange_order_builder_v2.py)', async () => {
    const wallet = '0x1111111111111111111111111111111111111111';
    const fields = {
      salt: 479249096354, maker: wallet, signer: wallet, tokenId: '1234', makerAmount: '100000000', takerAmount: '50000000', side: 'BUY',
      signatureType: 3, timestamp: '1710000000000', metadata: `0x${'0'.repeat(64)}`, builder: `0x${'0'.repeat(64)}`,
    } as const;
    expect(await signOrder(account, fields, orderDomain(80002, 2, false))).toBe(
      '0xa3a093c83b6c20c83355c16ce94c92e6e9fcbdeb840618cc74f6c57a42ad145b' +
        '2b98db73d2c73cbf1f2b6af288566ae81960ddbc3a13921027358a8bff3be6ff1c' +
        'a440cbd865bc0c6243d7a8df9a8bf48a8827b0a4abbb61c30e96d305423af148' +
        'd23d42d3ad94e65d78258cecaf8dcbaddac0f73dc085040f2c12bb595dd83804' +
        '4f726465722875696e743235362073616c742c61646472657373206d616b65722c' +
        '61646472657373207369676e65722c75696e7432353620746f6b656e49642c75' +
        '696e74323536206d616b6572416d6f756e742c75696e743235362074616b6572' +
        '416d6f756e742c75696e743820736964652c75696e7438207369676e61747572' +
        '65547970652c75696e743235362074696d657374616d702c6279746573333220' +
        '6d657461646174612c62797465733332206275696c6465722900ba',
    );
  });

  it('orderHashOf gives the hash the official builder computes', async () => {
    const signed = await buildSignedOrder({ account, chainId: 137, tokenId: CTF_TOKEN, side: 'BUY', price: '0.5', size: '10', orderType: 'GTC', tickSize: '0.01', negRisk: true, signatureType: 0, owner: 'k', timestamp: 1, salt: 2 });
    const order = JSON.parse(signed.body).order;
    expect(orderHashOf({ ...order, salt: order.salt }, orderDomain(137, 2, true))).toBe(signed.orderHash);
    expect(signed.domain.verifyingContract).toBe('0xe2222d279d744050d28e00520010520000310F59');
  });

  it('routes by token id: registered CTF tokens to V2, position-protocol ids to version 3', () => {
    expect(orderVersionFor(CTF_TOKEN)).toBe(2);
    expect(orderVersionFor(POSITION_TOKEN)).toBe(3);
    expect(orderDomain(137, 3, false)).toMatchObject({ version: '3', verifyingContract: '0xe3333700cA9d93003F00f0F71f8515005F6c00Aa' });
  });
});

describe('hostile prices and sizes are refused in plain words', () => {
  const base = { account, chainId: 137, tokenId: CTF_TOKEN, side: 'BUY', orderType: 'GTC', tickSize: '0.01', negRisk: false, signatureType: 0, owner: 'k', timestamp: 1, salt: 1 } as const;
  it.each([
    ['0', /between 0.01 and 0.99/],
    ['1', /between 0.01 and 0.99/],
    ['1.0001', /between 0.01 and 0.99/],
    ['0.555', /not on this market's tick of 0.01/],
    ['NaN', /plain decimal number/],
    ['1e-9', /plain decimal number/],
    ['1e21', /plain decimal number/],
    ['-0.5', /plain decimal number/],
    ['', /plain decimal number/],
  ])('price %s', async (price, message) => {
    await expect(buildSignedOrder({ ...base, price, size: '10' })).rejects.toThrow(message);
  });
  it.each([
    ['0', /rounds to nothing/],
    ['0.001', /rounds to nothing/],
    ['NaN', /plain decimal number/],
    ['1e-9', /plain decimal number/],
    ['1e21', /plain decimal number/],
    ['1000000000000000000000', /larger than any order/],
  ])('size %s', async (size, message) => {
    await expect(buildSignedOrder({ ...base, price: '0.5', size })).rejects.toThrow(message);
  });
  it('refuses a size under the market minimum, and an amount on a GTC order', async () => {
    await expect(buildSignedOrder({ ...base, price: '0.5', size: '4.99', minOrderSize: '5' })).rejects.toThrow(/smallest order is 5 shares/);
    await expect(buildSignedOrder({ ...base, price: '0.5', amount: '10' } as never)).rejects.toThrow(/takes a size in shares/);
  });
});
