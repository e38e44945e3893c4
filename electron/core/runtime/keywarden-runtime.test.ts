/**
 * The runtime on the real core and the fake Binance: the scheduler runs only between start and
 * stop, an order a crash left unconfirmed is reconciled at the next unlock, and the listener starts
 * as each host asks and stops with the runtime.
 */
import net from 'node:net';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, databaseOf } from '../../testing/test-core';
import { UNCONFIRMED_IDEMPOTENCY_KEY, homeWithUnconfirmedOrder } from '../../testing/unconfirmed-order';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import type { Core } from '../app';
import { clientOrderIdFor } from '../trading/client-order-id';
import { sendRaw } from '../../testing/webhook-test-kit';
import { startRuntime, type RuntimeReport } from './keywarden-runtime';

const SCHEDULER_PERIOD_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** Starts the runtime, collecting what it reports; stopped after the test. */
function runtimeStarter(stopLater: Array<() => Promise<void>>) {
  return async (core: Core, listener: Parameters<typeof startRuntime>[1]['listener']) => {
    const reports: RuntimeReport[] = [];
    const runtime = await startRuntime(core, { listener, report: (report) => reports.push(report) });
    stopLater.push(() => runtime.stop());
    return { runtime, reports };
  };
}

describe('the runtime with a verified key', () => {
  const fixture = useVerifiedKeyFixture();
  const stopLater: Array<() => Promise<void>> = [];
  const start = runtimeStarter(stopLater);
  afterEach(async () => {
    vi.useRealTimers();
    for (const stop of stopLater.splice(0)) await stop();
  });

  /** Verifications the scheduler runs once the next check is due, counted from the events. */
  function countVerifications(core: Core): { count(): number } {
    let verified = 0;
    core.events.on('credentials.changed', ({ change }) => {
      if (change === 'verified') verified += 1;
    });
    return { count: () => verified };
  }

  it('re-verifies keys on schedule only between start and stop', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { core, clock } = fixture;
    const verifications = countVerifications(core);
    clock.advance(DAY_MS + 1);

    vi.advanceTimersByTime(SCHEDULER_PERIOD_MS);
    expect(vi.getTimerCount()).toBe(0);

    const { runtime } = await start(core, 'if-enabled');
    vi.advanceTimersByTime(SCHEDULER_PERIOD_MS);
    await vi.waitFor(() => expect(verifications.count()).toBe(1));

    await runtime.stop();
    clock.advance(DAY_MS + 1);
    vi.advanceTimersByTime(SCHEDULER_PERIOD_MS);
    expect(vi.getTimerCount()).toBe(0);
    // The key is due again, and no verification is on its way: one would reach the fake exchange well within this.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(verifications.count()).toBe(1);
  });

  it('runs the listener on the host and port given, and stop() stops it and the scheduler, once', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { core } = fixture;
    const { runtime } = await start(core, { host: '127.0.0.1', port: 0 });
    expect(runtime.listener).toMatchObject({ running: true, host: '127.0.0.1' });
    const url = runtime.listener.localUrl ?? '';
    expect((await sendRaw(url, '/health', { method: 'GET' })).status).toBe(200);

    await Promise.all([runtime.stop(), runtime.stop()]);
    await runtime.stop();
    expect(core.webhook.status().running).toBe(false);
    await expect(sendRaw(url, '/health', { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with no listener (the headless agent), never binds one, even when the enabled setting is turned on', async () => {
    const { core } = fixture;
    const { runtime, reports } = await start(core, 'none');
    expect(runtime.listener.running).toBe(false);
    await core.webhook.updateSettings({ host: '127.0.0.1', port: 0, enabled: true }, 'ui');
    expect(core.webhook.status().running).toBe(false);
    await runtime.stop();
    expect(reports).toEqual([]);
  });

  it('in the app, follows the enabled setting until stopped, and reports a listener that cannot start instead of failing', async () => {
    const { core } = fixture;
    const { runtime } = await start(core, 'if-enabled');
    expect(runtime.listener.running).toBe(false);
    await core.webhook.updateSettings({ host: '127.0.0.1', port: 0, enabled: true }, 'ui');
    expect(core.webhook.status().running).toBe(true);
    await runtime.stop();
    expect(core.webhook.status().running).toBe(false);
    await core.webhook.updateSettings({ enabled: false }, 'ui');
    await core.webhook.updateSettings({ enabled: true }, 'ui');
    expect(core.webhook.status().running).toBe(false);

    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const taken = (blocker.address() as net.AddressInfo).port;
      await core.webhook.updateSettings({ port: taken, enabled: true }, 'ui');
      const blocked = await start(core, 'if-enabled');
      expect(blocked.runtime.listener.running).toBe(false);
      expect(blocked.reports).toEqual([{ kind: 'listener-failed', message: expect.stringContaining(`webhook listener did not start: Port ${taken} on 127.0.0.1 is already in use`) }]);
      await blocked.runtime.stop();

      // serve's explicit port fails the start instead, and leaves nothing running.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      await expect(start(core, { port: taken })).rejects.toMatchObject({ code: 'WEBHOOK_LISTENER_FAILED' });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('may be stopped before or after the core is closed', async () => {
    const { core } = fixture;
    const before = await start(core, { host: '127.0.0.1', port: 0 });
    await before.runtime.stop();
    const after = await start(core, { host: '127.0.0.1', port: 0 });
    core.close();
    await expect(after.runtime.stop()).resolves.toBeUndefined();
  });
});

describe('the runtime after a crash mid-placement', () => {
  const key = makeBinanceHmacKey();
  const stopLater: Array<() => Promise<void>> = [];
  const start = runtimeStarter(stopLater);
  let binance: FakeExchange;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await binance.stop();
  });
  afterEach(async () => {
    for (const stop of stopLater.splice(0)) await stop();
  });

  it('reconciles the unconfirmed order at the next unlock: sent once, recorded, reported', async () => {
    const crashed = await homeWithUnconfirmedOrder(binance, key);
    const core = createTestCore(crashed.home, { exchangeUrlOverrides: { binance: binance.url } });
    try {
      const { runtime, reports } = await start(core, 'if-enabled');
      expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toEqual([]);

      await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
      await vi.waitFor(() => expect(reports).toEqual([{ kind: 'orders-reconciled', checked: 1, updated: 0, placed: 1, message: 'checked 1 unconfirmed order with the exchange: 0 updated, 1 placed now' }]));
      const onExchange = binance.orders.filter((order) => order.apiKey === key.apiKey);
      expect(onExchange).toEqual([expect.objectContaining({ clientOrderId: clientOrderIdFor(UNCONFIRMED_IDEMPOTENCY_KEY) })]);
      const rows = databaseOf(core).sqlite.prepare('SELECT idempotency_key AS k, exchange_order_id AS e, status FROM orders').all();
      expect(rows).toEqual([{ k: UNCONFIRMED_IDEMPOTENCY_KEY, e: onExchange[0]?.id, status: 'filled' }]);

      // The next unlock finds nothing left to look up (stop() waits for its reconciliation).
      core.vault.lock('user', 'ui');
      await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
      await runtime.stop();
      expect(reports).toHaveLength(1);
      expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toHaveLength(1);
    } finally {
      for (const stop of stopLater.splice(0)) await stop();
      core.close();
      crashed.cleanup();
    }
  });
});
