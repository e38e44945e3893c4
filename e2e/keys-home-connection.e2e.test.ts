/**
 * Issue 20 in the window: a Binance trading key with no IP restriction carries a danger badge ("will be
 * deleted"), a refused IP shows the walk-through with the IP Binance saw, and the key page's Connection
 * section sets a proxy (shown as scheme://host:port only), tests it through the fake exchange, and clears
 * it. The fixture scans the DOM and every bridge answer for the proxy's password.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { canUseSecondLoopback, startSocks5Proxy, type FakeProxy } from '../electron/testing/fake-proxy';
import { openAccount } from './harness/ui-actions';
import { useKeywardenApp } from './harness/keywarden-app';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
let binance: FakeExchange;
let proxy: FakeProxy;
let secondLoopback = false;
const password = 'e2e-proxy-pass-9Zx';

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
  proxy = await startSocks5Proxy({ auth: { username: 'kw', password } });
  secondLoopback = await canUseSecondLoopback();
});
afterAll(async () => {
  await Promise.all([binance.stop(), proxy.stop()]);
});

describe('keys on a home connection', () => {
  test('danger badge, IP walk-through, and a proxy set, tested and cleared from the key page', async () => {
    const session = await app.open({ before: createUnlockedVault, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 3000 });
    const { page, core, waitForAppState } = session;
    session.rememberSecret('the proxy password', password);
    const open = session.makeBinanceKey('Binance open');
    binance.addKey(open);
    const bound = session.makeBinanceKey('Binance bound');
    binance.addKey({ ...bound, allowedIps: ['127.0.0.2'] });
    await core.credentials.create({ provider: 'binance', label: 'Binance open', fields: open }, 'cli');
    await core.credentials.create({ provider: 'binance', label: 'Binance bound', fields: bound }, 'cli');
    await waitForAppState('ready');

    await openAccount(page, 'Binance open');
    const openCard = page.getByRole('article', { name: 'Binance open' });
    await openCard.getByRole('button', { name: 'Verify Binance open' }).click();
    await openCard.getByText('Will be deleted (no IP restriction)', { exact: true }).waitFor();
    await openCard.getByText(/^Binance deletes API keys that can trade with no IP restriction/).waitFor();

    await openAccount(page, 'Binance bound');
    const boundCard = page.getByRole('article', { name: 'Binance bound' });
    await boundCard.getByRole('button', { name: 'Verify Binance bound' }).click();
    const help = boundCard.getByRole('note', { name: 'Fix the IP allow-list' });
    await help.getByText('127.0.0.1', { exact: true }).waitFor();

    await boundCard.getByRole('button', { name: 'Details of Binance bound' }).click();
    const connection = page.getByRole('region', { name: 'Connection' });
    await connection.getByLabel('Proxy URL').fill('socks4://127.0.0.1:1080');
    await connection.getByRole('button', { name: 'Set proxy' }).click();
    await connection.getByText(/socks4 proxies are not supported/).waitFor();
    await connection.getByLabel('Proxy URL').fill(proxy.url);
    await connection.getByRole('button', { name: 'Set proxy' }).click();
    await connection.getByText(`Set: socks5://127.0.0.1:${proxy.port} (with a user name and password)`).waitFor();
    if (secondLoopback) {
      await connection.getByRole('button', { name: 'Test connection' }).click();
      await connection.getByText(new RegExp(`^The exchange answered through socks5://127\\.0\\.0\\.1:${proxy.port}`)).waitFor();
      expect(core.credentials.get('Binance bound').status).toBe('active');
    }
    await connection.getByRole('button', { name: 'Clear' }).click();
    await connection.getByText('None: requests go directly from this computer').waitFor();
  });
});
