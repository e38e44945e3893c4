import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { isCcxtLoaded } from './ccxt-loader';

describe('exchange clients', () => {
  let binance: FakeExchange;
  const temp = makeTempHome();
  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(async () => {
    await binance.stop();
    temp.cleanup();
  });

  it('ccxt is not loaded by anything that does not talk to an exchange', async () => {
    const core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.credentials.list();
    core.audit.verify();
    await core.vault.status();
    expect(isCcxtLoaded()).toBe(false);
    core.close();
  });

  it('are cached per credential while unlocked, and dropped on lock, key rotation, revocation and change', async () => {
    const core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    const key = makeBinanceHmacKey();
    binance.addKey(key);
    const info = await core.credentials.create({ provider: 'binance', label: 'cached', fields: key }, 'ui');
    expect(isCcxtLoaded()).toBe(true);
    const request = () => ({ credentialId: info.id, provider: 'binance', environment: 'live' as const, secrets: key });
    const first = await core.exchangeClients.client(request());
    expect(await core.exchangeClients.client(request())).toBe(first);
    // Markets are shared: a second client needs no second market download.
    const marketLoads = () => binance.requests.filter((r) => r.path.endsWith('/exchangeInfo')).length;
    const loadsBefore = marketLoads();

    core.vault.lock('user', 'ui');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    const afterLock = await core.exchangeClients.client(request());
    expect(afterLock).not.toBe(first);
    expect(marketLoads()).toBe(loadsBefore);

    await core.vault.rotateKey({ passphrase: TEST_PASSPHRASE }, 'ui');
    const afterRotation = await core.exchangeClients.client(request());
    expect(afterRotation).not.toBe(afterLock);

    core.credentials.update({ ref: info.id, label: 'renamed' }, 'ui');
    const afterChange = await core.exchangeClients.client(request());
    expect(afterChange).not.toBe(afterRotation);

    core.credentials.revoke(info.id, 'ui');
    expect(await core.exchangeClients.client(request())).not.toBe(afterChange);
    core.close();
  });

  it('hand out a cached client only for the key it was built with (a rotation elsewhere changes the fingerprint)', async () => {
    const core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    const key = makeBinanceHmacKey();
    binance.addKey(key);
    const request = (fingerprint: string) => ({ credentialId: 'k1', fingerprint, provider: 'binance', environment: 'live' as const, secrets: key });
    expect(core.exchangeClients.cachedClient('k1', 'fp-old')).toBeUndefined();
    const old = await core.exchangeClients.client(request('fp-old'));
    expect(await core.exchangeClients.cachedClient('k1', 'fp-old')).toBe(old);
    expect(core.exchangeClients.cachedClient('k1', 'fp-new')).toBeUndefined();
    const rotated = await core.exchangeClients.client(request('fp-new'));
    expect(rotated).not.toBe(old);
    expect(core.exchangeClients.cachedClient('k1', 'fp-old')).toBeUndefined();
    expect(await core.exchangeClients.cachedClient('k1', 'fp-new')).toBe(rotated);
    core.close();
  });

  it('give a client for signed calls without the market list, and attach the markets to that same client when asked', async () => {
    const core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    const key = makeBinanceHmacKey();
    binance.addKey(key);
    const marketLoads = () => binance.requests.filter((r) => r.path.endsWith('/exchangeInfo')).length;
    const loadsBefore = marketLoads();
    const request = { credentialId: 'signed-only', fingerprint: 'fp', provider: 'binance', environment: 'live' as const, secrets: key };
    const signed = await core.exchangeClients.signedClient(request);
    expect(signed.markets).toBeUndefined();
    expect(await core.exchangeClients.signedClient(request)).toBe(signed);
    await (signed as unknown as { privateGetAccount(): Promise<unknown> }).privateGetAccount();
    expect(marketLoads()).toBe(loadsBefore);
    expect(binance.requests.some((r) => r.private && r.apiKey === key.apiKey && r.authenticated)).toBe(true);

    const ready = await core.exchangeClients.client(request);
    expect(ready).toBe(signed);
    expect(Object.keys(ready.markets ?? {}).length).toBeGreaterThan(0);
    expect(await core.exchangeClients.cachedClient('signed-only', 'fp')).toBe(signed);
    core.close();
  });
});
