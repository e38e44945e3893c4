/**
 * The tunnel in the window (issue 19): with the fake cloudflared first on PATH for the core, the
 * listener on, choose Cloudflare Tunnel, see it come up with its public webhook URL, send an alert
 * through the fake tunnel's "public" port, and see it in Received alerts, one result per account.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { installFakeTunnels, type FakeTunnels } from '../electron/testing/fake-tunnels/install-fake-tunnels';
import { useKeywardenApp } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
let binance: FakeExchange;
let fakes: FakeTunnels;
const originalPath = process.env['PATH'];

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
  // The core runs in this process and finds (and starts) the tunnel client on this PATH.
  fakes = installFakeTunnels(['cloudflared']);
  process.env['PATH'] = `${fakes.bin}${process.platform === 'win32' ? ';' : ':'}${originalPath ?? ''}`;
});
afterAll(async () => {
  process.env['PATH'] = originalPath;
  await binance.stop();
  fakes.remove();
});

describe('tunnel', () => {
  test('Cloudflare Tunnel starts with the listener, shows its public URL, and an alert through it is received', async () => {
    const keys = [makeBinanceHmacKey(), makeBinanceHmacKey()];
    for (const key of keys) binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    let token = '';
    const session = await app.open({
      webhookListener: true,
      exchangeUrlOverrides: { binance: binance.url },
      exchangeTimeoutMs: 3000,
      before: async (core) => {
        await createUnlockedVault(core);
        const ids: string[] = [];
        for (const [index, key] of keys.entries()) {
          const created = await core.credentials.create({ provider: 'binance', label: index === 0 ? 'Binance main' : 'Binance two', fields: key }, 'cli');
          await core.verifier.verify(created.id, 'cli');
          ids.push(created.id);
        }
        token = core.webhook.createSource({ label: 'TradingView', scope: { accounts: ids, maxNotionalUsd: 100 } }, 'cli').oneTimeToken;
        await core.webhook.updateSettings({ enabled: true }, 'cli');
      },
    });
    for (const [index, key] of keys.entries()) {
      session.rememberSecret(`API key ${index}`, key.apiKey);
      session.rememberSecret(`API secret ${index}`, key.secret);
    }
    session.rememberSecret('the source token', token);
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    await goTo(page, 'Webhook');

    const tunnel = page.getByRole('region', { name: 'Reach it from TradingView' });
    // cloudflared is "installed"; ngrok and Tailscale are not, and say how to install them.
    await tunnel.getByRole('radio', { name: /ngrok/ }).and(page.locator(':disabled')).waitFor();
    await tunnel.getByRole('radio', { name: /Cloudflare Tunnel/ }).check();
    await tunnel.getByRole('button', { name: 'Start tunnel' }).click();

    const state = tunnel.getByRole('status', { name: 'Tunnel state' });
    await state.getByText('Up', { exact: true }).waitFor();
    const publicUrl = fakes.state('cloudflared').publicUrl;
    expect(publicUrl).toMatch(/^https:\/\/fake-[0-9a-f]+\.trycloudflare\.com$/);
    await tunnel.getByLabel('Public webhook URL').getByText(`${publicUrl}/webhook/`, { exact: true }).waitFor();
    expect(core.webhook.status().publicWebhookUrlPrefix).toBe(`${publicUrl}/webhook/`);
    await tunnel.getByRole('button', { name: 'Copy public webhook url' }).waitFor();
    await dismissToasts(page);
    await screenshotThemes('webhook-tunnel-up');

    // TradingView → the tunnel's public side → the listener: one alert for both accounts.
    const answer = await fetch(`http://127.0.0.1:${fakes.state('cloudflared').port}/webhook/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-fake-public-client': '52.89.214.238' },
      body: JSON.stringify({ accounts: ['Binance main', 'Binance two'], symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '20', unit: 'quote', id: 'e2e-tunnel-1', time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }),
    });
    expect(answer.status).toBe(200);
    const received = page.getByRole('table', { name: 'Received alerts' });
    const row = received.getByRole('row', { name: 'TradingView: Placed' });
    await row.waitFor();
    await row.getByText('52.89.214.238').waitFor();
    const results = row.getByRole('list', { name: 'Each account\'s result' });
    await results.getByRole('listitem').filter({ hasText: 'Binance main' }).getByText('Placed').waitFor();
    await results.getByRole('listitem').filter({ hasText: 'Binance two' }).getByText('Placed').waitFor();
    expect(binance.orders.filter((order) => keys.some((key) => key.apiKey === order.apiKey))).toHaveLength(2);
    await screenshotThemes('webhook-tunnel-alert-accounts');

    // Stop: the tunnel client ends, the URL goes.
    await tunnel.getByRole('button', { name: 'Stop tunnel' }).click();
    await tunnel.getByRole('button', { name: 'Start tunnel' }).waitFor();
    expect(await tunnel.getByLabel('Public webhook URL').count()).toBe(0);
    expect(core.webhook.tunnel.status().state).toBe('off');
  });
});
