/**
 * What the fake CLOB refuses, with the real status and body, when driven by the official client or by
 * hand: forged or misdirected order signatures, other wallets' credentials, a wrong passphrase, a stale
 * clock, missing funds or allowance, a V1 order, a restricted region and a broken service.
 */
import { OrderType, Side, createL2Headers, type ApiKeyCreds } from '@polymarket/clob-client-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { signTypedData } from 'viem/accounts';
import { polyHmac } from './auth';
import { clobAuthMessage, clobAuthTypes } from './contracts';
import { errorOf, hardhat0, hardhat1, markets, officialClient, walletOf } from './fixtures';
import { geoblockError, startFakeClob } from './server';
import type { FakeClob, FakeClobSpec } from './types';

const started: FakeClob[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

async function start(spec: Partial<FakeClobSpec> = {}): Promise<FakeClob> {
  const fake = await startFakeClob({
    markets,
    accounts: [
      { address: hardhat0.address, pusd: '100' },
      { address: hardhat1.address, pusd: '1' },
    ],
    ...spec,
  });
  started.push(fake);
  return fake;
}

async function credsOf(fake: FakeClob, key: `0x${string}`): Promise<ApiKeyCreds> {
  return officialClient(fake.url, key).deriveApiKey();
}

describe('fake CLOB refusals', () => {
  it('matches the official clients\' published vectors for the HMAC and the ClobAuth signature', async () => {
    expect(polyHmac('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', '1000000', 'test-sign', '/orders', '{"hash": "0x123"}')).toBe('ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=');
    const signature = await signTypedData({
      privateKey: hardhat0.key,
      domain: { name: 'ClobAuthDomain', version: '1', chainId: 80002 },
      types: clobAuthTypes,
      primaryType: 'ClobAuth',
      message: { address: hardhat0.address, timestamp: '10000000', nonce: 23n, message: clobAuthMessage },
    });
    expect(signature).toBe('0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b');
  });

  it('refuses an order whose signature was tampered with', async () => {
    const fake = await start();
    const client = officialClient(fake.url, hardhat0.key, await credsOf(fake, hardhat0.key));
    const order = await client.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 10, side: Side.BUY });
    const signature = (order as { signature: string }).signature;
    const tampered = { ...order, signature: signature.slice(0, 10) + (signature[10] === 'a' ? 'b' : 'a') + signature.slice(11) };
    expect(await client.postOrder(tampered as typeof order, OrderType.GTC)).toMatchObject({ error: 'invalid signature', status: 400 });
    const raised = { ...order, makerAmount: String(BigInt((order as { makerAmount: string }).makerAmount) * 2n) };
    expect(await client.postOrder(raised as typeof order, OrderType.GTC)).toMatchObject({ error: 'invalid signature', status: 400 });
    expect(fake.state.orders.size).toBe(0);
  });

  it('refuses orders signed for another exchange than the market\'s', async () => {
    const fake = await start();
    const client = officialClient(fake.url, hardhat0.key, await credsOf(fake, hardhat0.key));
    const forV2 = await client.createOrder({ tokenID: '3001', price: 0.2, size: 5, side: Side.BUY }, { tickSize: '0.01', version: 2 });
    expect(await client.postOrder(forV2, OrderType.GTC)).toMatchObject({ error: 'invalid signature', status: 400 });
    const notNegRisk = await client.createOrder({ tokenID: '48331043336612883890938759509493159234755048973500640148014422747788308965732', price: 0.2, size: 5, side: Side.BUY }, { tickSize: '0.01', negRisk: false });
    expect(await client.postOrder(notNegRisk, OrderType.GTC)).toMatchObject({ error: 'invalid signature', status: 400 });
    const forV3 = await client.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.2, size: 5, side: Side.BUY }, { tickSize: '0.01', version: 3 });
    expect(await client.postOrder(forV3, OrderType.GTC)).toMatchObject({ error: 'invalid signature', status: 400 });
  });

  it('refuses a V1 order as a version mismatch', async () => {
    const fake = await start();
    const client = officialClient(fake.url, hardhat0.key, await credsOf(fake, hardhat0.key));
    const v1 = await client.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 10, side: Side.BUY }, { tickSize: '0.01', version: 1 });
    expect(await client.postOrder(v1, OrderType.GTC)).toMatchObject({ error: 'order_version_mismatch', status: 400 });
  });

  it('answers 401 to another wallet\'s credentials, a wrong passphrase, an unknown key and a stale clock', async () => {
    const fake = await start();
    const mine = await credsOf(fake, hardhat0.key);
    const theirs = await credsOf(fake, hardhat1.key);
    const unauthorized = { error: 'Unauthorized/Invalid api key', status: 401 };
    expect(await officialClient(fake.url, hardhat0.key, theirs).getApiKeys()).toMatchObject(unauthorized);
    expect(await officialClient(fake.url, hardhat0.key, { ...mine, passphrase: theirs.passphrase }).getApiKeys()).toMatchObject(unauthorized);
    expect(await officialClient(fake.url, hardhat0.key, { ...mine, key: '00000000-0000-0000-0000-000000000000' }).getApiKeys()).toMatchObject(unauthorized);
    expect(await officialClient(fake.url, hardhat0.key, { ...mine, secret: theirs.secret }).getApiKeys()).toMatchObject(unauthorized);
    fake.setClock(() => Date.now() + 3_600_000);
    expect(await officialClient(fake.url, hardhat0.key, mine).getApiKeys()).toMatchObject(unauthorized);
    expect(await officialClient(fake.url, hardhat0.key).deriveApiKey()).toEqual({ key: undefined, secret: undefined, passphrase: undefined });
    expect(fake.requests.at(-1)).toMatchObject({ status: 401, error: 'Invalid L1 Request headers' });
  });

  it('refuses L1 headers whose signer is not POLY_ADDRESS', async () => {
    const fake = await start();
    const headers = await createL1HeadersFor(hardhat1.key, hardhat0.address);
    const answer = await fetch(`${fake.url}/auth/derive-api-key`, { headers });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ error: 'Invalid L1 Request headers' });
  });

  it('refuses an order signed by a wallet other than the credentials\' owner', async () => {
    const fake = await start();
    const mine = await credsOf(fake, hardhat0.key);
    const other = officialClient(fake.url, hardhat1.key, mine);
    const order = await other.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 5, side: Side.BUY });
    // L2 headers carry the signer's address, which does not own these credentials.
    expect(await other.postOrder(order, OrderType.GTC)).toMatchObject({ error: 'Unauthorized/Invalid api key', status: 401 });
    const body = JSON.stringify({ order: { ...order, salt: Number((order as { salt: string }).salt) }, owner: mine.key, orderType: 'GTC' });
    const headers = await createL2Headers(walletOf(hardhat0.key), mine, { method: 'POST', requestPath: '/order', body });
    const answer = await fetch(`${fake.url}/order`, { method: 'POST', headers: headers as unknown as Record<string, string>, body });
    expect(await answer.json()).toEqual({ error: 'the order signer address has to be the address of the API KEY' });
  });

  it('refuses a buy beyond the pUSD balance, and any order without allowance or approval', async () => {
    const fake = await start({
      accounts: [
        { address: hardhat0.address, pusd: '100', allowances: {}, shares: { '71321045679252212594626385532706912750332728571942532289631379312455583992563': '10' }, shareApprovals: [] },
        { address: hardhat1.address, pusd: '1' },
      ],
    });
    const poor = officialClient(fake.url, hardhat1.key, await credsOf(fake, hardhat1.key));
    const notEnough = { error: 'not enough balance / allowance', status: 400 };
    expect(await poor.createAndPostOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 5, side: Side.BUY })).toMatchObject(notEnough);
    const unapproved = officialClient(fake.url, hardhat0.key, await credsOf(fake, hardhat0.key));
    expect(await unapproved.createAndPostOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 5, side: Side.BUY })).toMatchObject(notEnough);
    expect(await unapproved.createAndPostOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.6, size: 5, side: Side.SELL })).toMatchObject(notEnough);
    expect(fake.state.pusdOf(hardhat0.address)).toBe(100_000_000n);
  });

  it('counts resting buys against the balance', async () => {
    const fake = await start();
    const client = officialClient(fake.url, hardhat0.key, await credsOf(fake, hardhat0.key));
    expect(await client.createAndPostOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 200, side: Side.BUY })).toMatchObject({ status: 'live' });
    expect(await client.createAndPostOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 100, side: Side.BUY })).toMatchObject({ error: 'not enough balance / allowance' });
  });

  it('refuses prices off the tick and sizes under the minimum with the real texts', async () => {
    const fake = await start();
    const client = officialClient(fake.url, hardhat0.key, await credsOf(fake, hardhat0.key));
    // A client with a stale tick size (markets change theirs) signs a price the market no longer allows.
    client.tickSizes['71321045679252212594626385532706912750332728571942532289631379312455583992563'] = '0.001';
    const fine = await client.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.401, size: 10, side: Side.BUY });
    expect(errorOf(await client.postOrder(fine, OrderType.GTC))).toMatch(/^order 0x[0-9a-f]{64} is invalid\. Price \(0\.401\) breaks minimum tick size rule: 0\.01$/);
    client.tickSizes['71321045679252212594626385532706912750332728571942532289631379312455583992563'] = '0.01';
    const small = await client.createOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 2, side: Side.BUY });
    expect(errorOf(await client.postOrder(small, OrderType.GTC))).toMatch(/is invalid\. Size \(2\) lower than the minimum: 5$/);
  });

  it('answers order placement from a restricted region with the real 403', async () => {
    const fake = await start({ faults: ['geoblock'] });
    const client = officialClient(fake.url, hardhat0.key, await credsOf(fake, hardhat0.key));
    expect(await client.createAndPostOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.4, size: 5, side: Side.BUY })).toMatchObject({ error: geoblockError, status: 403 });
    expect(fake.state.orders.size).toBe(0);
  });

  it('fails like a broken or unreachable service', async () => {
    const fake = await start({ faults: ['http-500'] });
    expect((await fetch(`${fake.url}/time`)).status).toBe(500);
    fake.setFaults(['down']);
    await expect(fetch(`${fake.url}/time`)).rejects.toThrow();
    fake.setFaults([]);
    expect(await (await fetch(`${fake.url}/version`)).json()).toEqual({ version: 2 });
  });
});

async function createL1HeadersFor(key: `0x${string}`, claimedAddress: string): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = await signTypedData({
    privateKey: key,
    domain: { name: 'ClobAuthDomain', version: '1', chainId: 137 },
    types: clobAuthTypes,
    primaryType: 'ClobAuth',
    message: { address: claimedAddress as `0x${string}`, timestamp, nonce: 0n, message: clobAuthMessage },
  });
  return { POLY_ADDRESS: claimedAddress, POLY_SIGNATURE: signature, POLY_TIMESTAMP: timestamp, POLY_NONCE: '0' };
}
