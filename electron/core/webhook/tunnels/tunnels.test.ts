/**
 * Tunnels end to end: a fake TradingView sender → a fake tunnel client on PATH (its loopback
 * "public" port, the real tool's output and headers) → the real listener → the fake exchange.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../app';
import type { CoreEventMap } from '../../events';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../../testing/test-core';
import { installFakeTunnels, type FakeTunnels } from '../../../testing/fake-tunnels/install-fake-tunnels';
import { alertBody, sendRaw } from '../../../testing/webhook-test-kit';
import { senderAddress } from '../client-address';
import { tunnelTools } from './tunnel-tools';

const TRADINGVIEW_IP = '52.89.214.238';

describe('tunnels', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let accountId: string;
  let token: string;
  let fakes: FakeTunnels;
  let tunnelEvents: CoreEventMap['webhook.tunnel'][];
  const originalPath = process.env.PATH;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterEach(() => binance.resetAccounts());
  afterAll(async () => {
    await binance.stop();
  });
  beforeEach(async () => {
    fakes = installFakeTunnels();
    process.env.PATH = `${fakes.bin}:${originalPath ?? ''}`;
    temp = makeTempHome();
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000, tunnelBackoffMs: 1 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    const key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    accountId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui')).id;
    expect((await core.verifier.verify(accountId, 'ui')).outcome).toBe('ok');
    token = core.webhook.createSource({ label: 'TradingView', scope: { accounts: [accountId], maxNotionalUsd: 1000 } }, 'ui').oneTimeToken;
    tunnelEvents = [];
    core.events.on('webhook.tunnel', (event) => tunnelEvents.push(event));
  });
  afterEach(async () => {
    await core.webhook.stop();
    core.close();
    temp.cleanup();
    fakes.remove();
    process.env.PATH = originalPath;
  });

  /** Resolves with the next tunnel event in `state` (events are what the app signals; no sleeps). */
  const nextTunnelState = (state: string) => new Promise<CoreEventMap['webhook.tunnel']>((resolve) => {
    const off = core.events.on('webhook.tunnel', (event) => {
      if (event.state !== state) return;
      off();
      resolve(event);
    });
  });
  const alert = (id: string) => alertBody({ account: accountId, symbol: 'BTCUSDT', side: 'buy', amount: 0.001, id }, clock.now());
  const viaTunnel = (tool: 'cloudflared' | 'ngrok' | 'tailscale', sender: string, id: string) =>
    sendRaw(`http://127.0.0.1:${fakes.state(tool).port}`, `/webhook/${token}`, { body: alert(id), headers: { 'x-fake-public-client': sender } });
  const lastEvent = () => core.webhook.events({ limit: 1 })[0];

  for (const tool of ['cloudflared', 'ngrok', 'tailscale'] as const) {
    it(`${tool}: starts with the listener, shows its public URL, and an alert through it places one order from the real sender`, async () => {
      const running = nextTunnelState('running');
      await core.webhook.updateSettings({ tunnel: tool }, 'ui');
      await core.webhook.start({ host: '127.0.0.1', port: 0 });
      const event = await running;
      const { publicUrl } = fakes.state(tool);
      expect(event.publicUrl).toBe(publicUrl);
      expect(core.webhook.tunnel.status()).toMatchObject({ choice: tool, state: 'running', publicUrl, webhookUrlPrefix: `${publicUrl}/webhook/` });
      expect(core.webhook.status().publicWebhookUrlPrefix).toBe(`${publicUrl}/webhook/`);

      const response = await viaTunnel(tool, '203.0.113.7', `${tool}-1`);
      expect(response.status).toBe(200);
      await core.webhook.whenIdle();
      expect(lastEvent()).toMatchObject({ outcome: 'placed', remoteAddress: '203.0.113.7' });
      expect(binance.orders).toHaveLength(1);

      await core.webhook.stop();
      expect(core.webhook.tunnel.status()).toMatchObject({ state: 'off', publicUrl: null });
      const audit = core.audit.list({ limit: 50 }).map((row) => row.action);
      expect(audit).toEqual(expect.arrayContaining(['webhook.tunnel.started', 'webhook.tunnel.stopped']));
    });
  }

  it('applies the TradingView-addresses switch to the sender the tunnel names', async () => {
    await core.webhook.updateSettings({ tunnel: 'cloudflared', tradingViewIpsOnly: true }, 'ui');
    const running = nextTunnelState('running');
    await core.webhook.start({ host: '127.0.0.1', port: 0 });
    await running;
    expect((await viaTunnel('cloudflared', '198.51.100.9', 'other-1')).status).toBe(403);
    expect((await viaTunnel('cloudflared', TRADINGVIEW_IP, 'tv-1')).status).toBe(200);
    await core.webhook.whenIdle();
    expect(lastEvent()).toMatchObject({ outcome: 'placed', remoteAddress: TRADINGVIEW_IP });
  });

  it('ignores a spoofed tunnel header when no tunnel runs', async () => {
    await core.webhook.updateSettings({ tradingViewIpsOnly: true }, 'ui');
    const status = await core.webhook.start({ host: '127.0.0.1', port: 0 });
    const response = await sendRaw(status.localUrl ?? '', `/webhook/${token}`, { body: alert('spoof-1'), headers: { 'CF-Connecting-IP': TRADINGVIEW_IP, 'X-Forwarded-For': TRADINGVIEW_IP } });
    expect(response.status).toBe(403);
  });

  it('reads the tunnel header only from a loopback peer of a running tunnel of that tool', () => {
    const headers = { 'cf-connecting-ip': TRADINGVIEW_IP, 'x-forwarded-for': '198.51.100.1, 203.0.113.5' };
    expect(senderAddress('127.0.0.1', headers, null, 'cloudflared')).toBe(TRADINGVIEW_IP);
    expect(senderAddress('127.0.0.1', headers, null, 'ngrok')).toBe('203.0.113.5');
    expect(senderAddress('127.0.0.1', headers, null, null)).toBe('127.0.0.1');
    expect(senderAddress('192.0.2.4', headers, null, 'cloudflared')).toBe('192.0.2.4');
    expect(senderAddress('::ffff:127.0.0.1', { 'cf-connecting-ip': 'not an ip' }, null, 'cloudflared')).toBe('127.0.0.1');
  });

  it('restarts a tunnel that dies and shows the new URL', async () => {
    await core.webhook.updateSettings({ tunnel: 'cloudflared' }, 'ui');
    const first = nextTunnelState('running');
    await core.webhook.start({ host: '127.0.0.1', port: 0 });
    const before = (await first).publicUrl;
    const restarting = nextTunnelState('restarting');
    const again = nextTunnelState('running');
    process.kill(fakes.state('cloudflared').pid, 'SIGKILL');
    expect((await restarting).message).toMatch(/cloudflared stopped \(SIGKILL\)/);
    const after = await again;
    expect(after.publicUrl).not.toBe(before);
    expect(after.publicUrl).toBe(fakes.state('cloudflared').publicUrl);
    expect(core.webhook.tunnel.status()).toMatchObject({ state: 'running', restarts: 1, publicUrl: after.publicUrl });
    expect((await viaTunnel('cloudflared', '203.0.113.8', 'after-restart')).status).toBe(200);
    const audit = core.audit.list({ limit: 50 }).map((row) => row.action);
    expect(audit).toEqual(expect.arrayContaining(['webhook.tunnel.exited', 'webhook.tunnel.restarted']));
  });

  it('gives up after bounded restarts of a tunnel that keeps failing, saying why', async () => {
    fakes.failNextStarts('tailscale', true);
    await core.webhook.updateSettings({ tunnel: 'tailscale' }, 'ui');
    const failed = nextTunnelState('failed');
    await core.webhook.start({ host: '127.0.0.1', port: 0 });
    expect((await failed).message).toMatch(/Funnel is not enabled on your tailnet\..*Gave up after 5 restarts/);
    expect(core.webhook.tunnel.status()).toMatchObject({ state: 'failed', publicUrl: null, restarts: 5 });
  });

  it('says how to install a tool that is not on PATH', async () => {
    process.env.PATH = '/nonexistent';
    const tools = core.webhook.tunnel.tools();
    expect(tools.every((t) => !t.installed)).toBe(true);
    expect(tools.find((t) => t.tool === 'cloudflared')?.installHint).toBe(tunnelTools.cloudflared.installHint(process.platform));
    await core.webhook.updateSettings({ tunnel: 'ngrok' }, 'ui');
    const notInstalled = nextTunnelState('not-installed');
    await core.webhook.start({ host: '127.0.0.1', port: 0 });
    expect((await notInstalled).message).toMatch(/ngrok is not installed.*Install/);
    expect(core.webhook.tunnel.status()).toMatchObject({ state: 'not-installed', installHint: tunnelTools.ngrok.installHint(process.platform) });
  });
});
