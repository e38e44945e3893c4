/**
 * Every page of the window with realistic data on it, for the scans that look at all of them (accessibility,
 * layouts): a vault with two keys (one verified on an offline fake Binance), an alert source, a paper order
 * and an open real one, and an alert received through the listener. Each stop opens its page the way a
 * person does (the main menu, a key's card) and waits for what the page shows.
 */
import type { Page } from 'playwright-core';
import type { Core } from '../../electron/core/app';
import { makeBinanceHmacKey, makeBybitKey, type FakeExchange } from '../../electron/testing/fake-exchange';
import { TEST_PASSPHRASE } from '../../electron/testing/test-core';
import type { KeywardenSession, SessionOptions } from './keywarden-app';
import { openAccount } from './ui-actions';
import { createUnlockedVault } from './vault-setup';

export interface TourStop {
  /** File-name friendly, e.g. "accounts", "key-detail". */
  readonly name: string;
  open(page: Page): Promise<void>;
}

type Opener = { open(options?: SessionOptions): Promise<KeywardenSession> };

/** A ready window over a vault full of data: keys, a source, orders, an alert. */
export async function openFilledVault(app: Opener, binance: FakeExchange): Promise<KeywardenSession> {
  const key = makeBinanceHmacKey();
  const bybit = makeBybitKey();
  binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
  let token = '';
  const session = await app.open({
    exchangeUrlOverrides: { binance: binance.url },
    exchangeTimeoutMs: 3000,
    webhookListener: true,
    before: async (core: Core) => {
      await createUnlockedVault(core);
      const main = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
      await core.verifier.verify(main.id, 'cli');
      // Never verified: its card shows the "not tested yet" state next to the verified one.
      await core.credentials.create({ provider: 'bybit', label: 'Bybit swing account for the long-term portfolio', fields: bybit }, 'cli');
      token = core.webhook.createSource({ label: 'BTC breakout strategy', scope: { accounts: [main.id], maxNotionalUsd: 90 } }, 'cli').oneTimeToken;
      await core.webhook.updateSettings({ enabled: true }, 'cli');
      await core.trading.place({ account: 'Binance main', symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: 0.001, paper: true }, { source: 'cli', actor: 'cli' });
      await core.trading.place({ account: 'Binance main', symbol: 'ETHUSDT', side: 'buy', type: 'limit', price: 3000, amount: 0.01 }, { source: 'cli', actor: 'cli' });
      // A perpetual position, for the Trade page's Perpetual form (position and leverage panels).
      await core.futures.setLeverage({ account: 'Binance main', symbol: 'BTCUSDT.P', leverage: 3, marginMode: 'isolated' }, 'cli');
      await core.trading.place({ account: 'Binance main', symbol: 'BTCUSDT.P', side: 'buy', type: 'market', amount: 0.001 }, { source: 'cli', actor: 'cli' });
    },
  });
  session.rememberSecret('the Binance API key', key.apiKey);
  session.rememberSecret('the Binance API secret', key.secret);
  session.rememberSecret('the Bybit API secret', bybit.secret);
  session.rememberSecret('the alert source token', token);
  await session.waitForAppState('ready');
  const localUrl = session.core.webhook.status().localUrl ?? 'missing';
  const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const alert = { account: 'Binance main', symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.0005', id: 'tour-alert-1', time };
  const answer = await fetch(`${localUrl}/webhook/${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alert) });
  if (answer.status !== 200) throw new Error(`page tour: the alert was answered ${answer.status}`);
  return session;
}

async function menu(page: Page, item: string, heading: string = item): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** The pages of the unlocked window, in menu order, with the pages reached from them. */
export const unlockedPages: readonly TourStop[] = [
  {
    name: 'accounts',
    open: async (page) => {
      await menu(page, 'Accounts');
      // The list shows one key beside it: choose the one the scans expect.
      await openAccount(page, 'Binance main');
    },
  },
  {
    name: 'key-detail',
    open: async (page) => {
      await menu(page, 'Accounts');
      await openAccount(page, 'Binance main');
      await page.getByRole('button', { name: 'Details of Binance main', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Binance main' }).waitFor();
    },
  },
  {
    name: 'add-key',
    open: async (page) => {
      await menu(page, 'Accounts');
      await page.getByRole('button', { name: /^Add (your first )?key$/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Add a key' }).waitFor();
    },
  },
  { name: 'ai-keys', open: (page) => menu(page, 'AI keys') },
  { name: 'wallets', open: (page) => menu(page, 'Wallets') },
  {
    name: 'trade',
    open: async (page) => {
      await menu(page, 'Trade');
      await page.getByRole('table', { name: 'Orders' }).getByRole('row', { name: 'Buy 0.01 ETH/USDT, Open' }).waitFor();
    },
  },
  {
    name: 'trade-perpetual',
    open: async (page) => {
      await menu(page, 'Trade');
      await page.getByRole('radio', { name: 'Perpetual', exact: true }).check();
      await page.getByRole('form', { name: 'New order' }).getByLabel('Symbol').fill('BTCUSDT.P');
      await page.getByRole('region', { name: 'Position · BTC/USDT:USDT' }).locator('[data-fact="liquidation"]').waitFor();
    },
  },
  { name: 'polymarket', open: (page) => menu(page, 'Polymarket') },
  { name: 'limits', open: (page) => menu(page, 'Risk limits') },
  {
    name: 'webhook',
    open: async (page) => {
      await menu(page, 'Webhook');
      await page.getByRole('table', { name: 'Received alerts' }).getByRole('row', { name: /^BTC breakout strategy:/ }).first().waitFor();
    },
  },
  {
    name: 'audit',
    open: async (page) => {
      await menu(page, 'Audit log');
      await page.getByRole('table').first().waitFor();
    },
  },
  { name: 'settings', open: (page) => menu(page, 'Settings') },
];

/** The two screens before the vault opens: first run (no vault) and unlock (a locked one). */
export const welcomeScreens: readonly { readonly name: string; readonly before?: (core: Core) => Promise<void>; readonly state: 'first-run' | 'locked' }[] = [
  { name: 'first-run', state: 'first-run' },
  {
    name: 'unlock',
    state: 'locked',
    before: async (core) => {
      await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
      core.vault.lock('user', 'cli');
    },
  },
];
