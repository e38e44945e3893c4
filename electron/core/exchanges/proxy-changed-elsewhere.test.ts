/**
 * An exchange account's outbound proxy changed by another process (the CLI beside the running app):
 * the app's next order goes through the new proxy. The proxy is a sealed field, so the app's cached
 * client cannot see the change by itself; it must not keep sending through the old proxy, which
 * might be a route the person just retired (the real IP the key is bound to, or a leak of their own).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { canUseSecondLoopback, startHttpProxy, type FakeProxy } from '../../testing/fake-proxy';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import type { OrderIntent, PlacementContext } from '../trading/trading-schema';

describe('a proxy changed by another process', () => {
  let binance: FakeExchange;
  let secondLoopback = false;
  let temp: ReturnType<typeof makeTempHome>;
  const cores: Core[] = [];
  const proxies: FakeProxy[] = [];

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    secondLoopback = await canUseSecondLoopback();
    if (!secondLoopback) process.stdout.write('Skipping the proxy-changed-elsewhere test: this machine cannot connect out from 127.0.0.2.\n');
  });
  afterAll(() => binance.stop());
  beforeEach(() => {
    temp = makeTempHome();
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) core.close();
    for (const proxy of proxies.splice(0)) await proxy.stop();
    temp.cleanup();
  });

  const coreOn = (home: string): Core => {
    const core = createTestCore(home, { exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 3000 });
    cores.push(core);
    return core;
  };
  const proxy = async (): Promise<FakeProxy> => {
    const started = await startHttpProxy();
    proxies.push(started);
    return started;
  };

  it("sends the app's next order through the new proxy, not the client it cached with the old one", async (context) => {
    if (!secondLoopback) context.skip();
    const [before, after] = [await proxy(), await proxy()];
    const app = coreOn(temp.home);
    await app.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    app.vault.setAutoLockMinutes(0, 'ui');
    // Bound to the proxies' outbound address: a direct request is refused, as a real exchange refuses a wrong IP.
    const key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.2'] });
    const { id } = await app.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'ui');
    await app.walletSettings.change(id, { proxyUrl: before.url }, 'ui');
    expect((await app.verifier.verify(id, 'ui')).outcome).toBe('ok');
    const intent: OrderIntent = { account: id, symbol: 'BTC/USDT', side: 'buy', amount: 0.0001 };
    const manual: PlacementContext = { source: 'manual', actor: 'ui' };
    expect((await app.trading.place(intent, manual)).order.status).toBe('filled');

    // The CLI, beside the running app: a new proxy, and the key verified through it.
    const cli = coreOn(temp.home);
    await cli.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    await cli.walletSettings.change(id, { proxyUrl: after.url }, 'cli');
    expect((await cli.verifier.verify(id, 'cli')).outcome).toBe('ok');

    const [beforeCarried, afterCarried] = [before.forwarded, after.forwarded];
    const { order } = await app.trading.place({ ...intent, idempotencyKey: 'second' }, manual);
    expect(order.status).toBe('filled');
    expect(after.forwarded).toBeGreaterThan(afterCarried);
    expect(before.forwarded).toBe(beforeCarried);

    // With nothing changed elsewhere since, the next order keeps that client (no second connection).
    const carried = after.forwarded;
    expect((await app.trading.place({ ...intent, idempotencyKey: 'third' }, manual)).order.status).toBe('filled');
    expect(after.forwarded).toBe(carried);
  });
});
