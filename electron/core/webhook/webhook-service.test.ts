/** core.webhook: the listener's lifecycle and its settings. */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { defaultWebhookSettings } from './webhook-settings';
import { sendRaw } from '../../testing/webhook-test-kit';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('webhook service', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;

  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('forgets refused requests after 7 days and settled alerts after 90 when the listener starts (the defaults)', async () => {
    const now = Date.now();
    const day = 86_400_000;
    const insert = databaseOf(core).sqlite.prepare("INSERT INTO webhook_events (received_at, http_status, outcome, message) VALUES (?, ?, ?, 'recorded by the test')");
    databaseOf(core).sqlite.transaction(() => {
      // More than one delete batch of old refusals, as a scanner would leave.
      for (let n = 0; n < 2500; n += 1) insert.run(now - 8 * day - n, 401, 'unauthorized');
      insert.run(now - 40 * day, 200, 'duplicate');
      insert.run(now - 40 * day, 200, 'placed');
      insert.run(now - 91 * day, 200, 'placed');
      insert.run(now - 40 * day, 200, 'blocked');
      insert.run(now - 6 * day, 400, 'malformed');
      insert.run(now - 8 * day, 400, 'malformed');
    })();
    await core.webhook.start({ port: 0 });
    const left = databaseOf(core).sqlite.prepare('SELECT outcome, COUNT(*) AS n FROM webhook_events GROUP BY outcome ORDER BY outcome').all();
    expect(left).toEqual([{ outcome: 'blocked', n: 1 }, { outcome: 'malformed', n: 1 }, { outcome: 'placed', n: 1 }]);
  });

  it('starts on loopback, reports where, and stops with the core', async () => {
    expect(core.webhook.settings()).toEqual(defaultWebhookSettings);
    expect(core.webhook.status()).toMatchObject({ running: false, host: '127.0.0.1', port: 8787, localUrl: null, publicWebhookUrlPrefix: null, sources: 0, paused: false });
    const status = await core.webhook.start({ port: 0 });
    expect(status).toMatchObject({ running: true, host: '127.0.0.1', localUrl: `http://127.0.0.1:${status.port}` });
    expect((await sendRaw(status.localUrl ?? '', '/health', { method: 'GET' })).status).toBe(200);
    core.close();
    await expect(sendRaw(status.localUrl ?? '', '/health', { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('says plainly when the port is taken', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(core.webhook.start({ port })).rejects.toMatchObject({ code: 'WEBHOOK_LISTENER_FAILED', message: expect.stringContaining(`Port ${port} on 127.0.0.1 is already in use`) });
      expect(core.webhook.status().running).toBe(false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('refuses a new port that is taken before saving it, and keeps listening where it was', async () => {
    const [first, taken] = [await freePort(), await freePort()];
    await core.webhook.updateSettings({ port: first, enabled: true }, 'ui');
    await core.webhook.startIfEnabled();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(taken, '127.0.0.1', resolve));
    try {
      await expect(core.webhook.updateSettings({ port: taken }, 'ui')).rejects.toMatchObject({ code: 'WEBHOOK_LISTENER_FAILED', message: expect.stringContaining(`Port ${taken} on 127.0.0.1 is already in use`) });
      expect(core.webhook.settings().port).toBe(first);
      expect(core.webhook.status()).toMatchObject({ running: true, port: first });
      expect((await sendRaw(`http://127.0.0.1:${first}`, '/health', { method: 'GET' })).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('in the app, follows the enabled setting and moves to a new port', async () => {
    const [first, second] = [await freePort(), await freePort()];
    await core.webhook.updateSettings({ port: first }, 'ui');
    expect((await core.webhook.startIfEnabled()).running).toBe(false);
    expect(await core.webhook.updateSettings({ enabled: true }, 'ui')).toMatchObject({ enabled: true, port: first });
    expect(core.webhook.status()).toMatchObject({ running: true, port: first });
    await core.webhook.updateSettings({ port: second }, 'ui');
    expect(core.webhook.status()).toMatchObject({ running: true, port: second });
    expect((await sendRaw(`http://127.0.0.1:${second}`, '/health', { method: 'GET' })).status).toBe(200);
    await core.webhook.updateSettings({ enabled: false }, 'ui');
    expect(core.webhook.status().running).toBe(false);
    expect(core.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'webhook.settings', details: { enabled: false, port: second, 'rateLimits.globalBurst': 50 } });
  });

  it('refuses bad settings naming the field, and changes rate limits one at a time', async () => {
    await expect(core.webhook.updateSettings({ rateLimits: { globalBurst: 0 } }, 'ui')).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'rateLimits.globalBurst' } });
    await expect(core.webhook.updateSettings({ host: 'example.com' } as never, 'ui')).rejects.toMatchObject({ details: { field: 'host' } });
    await expect(core.webhook.updateSettings({ portt: 1 } as never, 'ui')).rejects.toMatchObject({ message: expect.stringContaining('unknown field(s) "portt"') });
    const next = await core.webhook.updateSettings({ rateLimits: { sourceBurst: 3 }, trustedProxy: '::1', publicBaseUrl: 'https://kw.example.com/hooks/' }, 'ui');
    expect(next).toMatchObject({ rateLimits: { ...defaultWebhookSettings.rateLimits, sourceBurst: 3 }, trustedProxy: '::1', publicBaseUrl: 'https://kw.example.com/hooks' });
    expect(core.webhook.status().publicWebhookUrlPrefix).toBe('https://kw.example.com/hooks/webhook/');
  });
});
