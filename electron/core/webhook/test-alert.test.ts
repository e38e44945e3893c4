/**
 * "Send test alert" and "keep the vault unlocked while the listener is on" (issue 19), on the real
 * core, the real listener and the fake exchange. The public address is played by a forwarding proxy on
 * loopback standing in for the person's tunnel (the public URL must be https on 443, so the request to
 * it is routed to the proxy).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import type { FakeExchange } from '../../testing/fake-exchange';
import type { ManualClock } from '../../testing/test-core';
import { useVerifiedKeyFixture } from '../../testing/verified-key-fixture';
import { sendTestAlert } from './test-alert';
import type { TestAlertResult } from './webhook-setup-schema';

const PUBLIC = 'https://alerts.example.com';

/** A stand-in tunnel: forwards every request to the listener; closes itself after the test. */
async function startForwarder(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers: { ...req.headers, 'x-forwarded-for': '203.0.113.9' } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end('bad gateway'));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** fetch, with the public address routed to `to` (the tunnel). */
const routedFetch = (to: string) => (url: string, init: Parameters<typeof fetch>[1] & { body: string }) => fetch(url.replace(PUBLIC, to), init);

describe('test alert and keep-unlocked', () => {
  const fixture = useVerifiedKeyFixture({ label: 'main' });
  let binance: FakeExchange;
  let core: Core;
  let clock: ManualClock;
  let accountId: string;
  let token: string;

  beforeEach(async () => {
    ({ binance, core, clock, accountId } = fixture);
    token = core.webhook.createSource({ label: 'TradingView', scope: { accounts: [accountId], maxNotionalUsd: 1000 } }, 'ui').oneTimeToken;
    await core.webhook.start({ host: '127.0.0.1', port: 0 });
    binance.resetRequests();
  });
  afterEach(async () => {
    await core.webhook.stop();
  });

  it('goes to the listener, proves token and source, trades nothing and never returns the token', async () => {
    const result = await invokeChannel(core, 'webhook.setup.testAlert', { token }, { actor: 'ui' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as TestAlertResult;
    expect(value).toMatchObject({ ok: true, via: 'local', status: 200 });
    expect(value.hops.map((hop) => [hop.hop, hop.ok])).toEqual([['listener', true], ['token', true], ['source', true]]);
    expect(JSON.stringify(value)).not.toContain(token);
    expect(binance.requests.filter((request) => request.method === 'POST')).toEqual([]);
    const [event] = core.webhook.events({ limit: 1 });
    expect(event).toMatchObject({ outcome: 'test', sourceLabel: 'TradingView' });
  });

  it('goes through the public address when one is set, and says which hop failed', async () => {
    const tunnel = await startForwarder(core.webhook.status().localUrl ?? '');
    try {
      core.webhook.updateSettings({ publicBaseUrl: PUBLIC }, 'ui');
      const through = await sendTestAlert({ token }, core.webhook.status(), routedFetch(tunnel.url));
      expect(through.via).toBe('public');
      expect(through.url).toBe(`${PUBLIC}/webhook/${token.slice(0, 4)}…`);
      expect(through.hops.map((hop) => [hop.hop, hop.ok])).toEqual([['public-address', true], ['listener', true], ['token', true], ['source', true]]);

      const wrong = await sendTestAlert({ token: 'A'.repeat(22) }, core.webhook.status(), routedFetch(tunnel.url));
      expect(wrong.ok).toBe(false);
      expect(wrong.hops.at(-1)).toMatchObject({ hop: 'token', ok: false });
    } finally {
      await tunnel.close();
    }
    // The tunnel is down: nothing answers at the public address.
    const down = await sendTestAlert({ token }, core.webhook.status(), routedFetch(tunnel.url));
    expect(down).toMatchObject({ ok: false, status: null, hops: [{ hop: 'public-address', ok: false }] });
  });

  it('keeps the vault unlocked past the idle time only while the listener serves an enabled source; audited', async () => {
    core.vault.setAutoLockMinutes(1, 'ui');
    const refused = await invokeChannel(core, 'vault.keepUnlockedWhileListening.set', { on: true }, { actor: 'ui' });
    expect(refused.ok ? 'accepted' : refused.error.message).toMatch(/anyone who can use this computer/);
    const set = await invokeChannel(core, 'vault.keepUnlockedWhileListening.set', { on: true, understood: true }, { actor: 'ui' });
    expect(set.ok && set.value).toMatchObject({ keepUnlockedWhileListening: true, lockRefusesAlerts: true, alertsRefusedWhileLocked: false });
    expect(core.audit.list({ actionPrefix: 'vault.setKeepUnlockedWhileListening', limit: 5 })[0]).toMatchObject({ actor: 'ui', outcome: 'ok' });

    clock.advance(5 * 60_000);
    expect((await core.vault.status()).locked).toBe(false);
    // The person disables the source (activity), then is idle: nothing would be refused, so the idle lock applies again.
    expect((await invokeChannel(core, 'webhook.sources.update', { ref: 'TradingView', enabled: false }, { actor: 'ui' })).ok).toBe(true);
    clock.advance(2 * 60_000);
    expect((await core.vault.status()).locked).toBe(true);
  });

  it('locks when idle while the listener is stopped, and says alerts are refused while locked', async () => {
    core.vault.setAutoLockMinutes(1, 'ui');
    core.vault.setKeepUnlockedWhileListening(true, 'ui');
    expect(core.listenerWatch.status()).toMatchObject({ lockRefusesAlerts: true, enabledSources: 1 });
    core.vault.lock('user', 'ui');
    const watch = await invokeChannel(core, 'webhook.setup.status', {}, { actor: 'system' });
    expect(watch.ok && watch.value).toMatchObject({ locked: true, alertsRefusedWhileLocked: true, enabledSources: 1 });
    await core.webhook.stop();
    expect(core.listenerWatch.status().alertsRefusedWhileLocked).toBe(false);
  });

  it('without the choice, the idle lock locks even while the listener serves', async () => {
    core.vault.setAutoLockMinutes(1, 'ui');
    clock.advance(2 * 60_000);
    expect((await core.vault.status()).locked).toBe(true);
  });
});
