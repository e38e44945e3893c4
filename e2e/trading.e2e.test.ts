/**
 * Trading against an offline fake Binance: risk limits set in the app; a paper trade and a real one
 * placed through the risk gate, whose verdict shows before anything is sent (the fake receives
 * exactly one order, with our client order id); a blocked order naming its rule; an open limit
 * order canceled; an order placed elsewhere appearing live; pause / resume and panic.
 */
import net from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../electron/core/app';
import { readAccountLimits, readGlobalLimits } from '../electron/core/trading/risk-limits-store';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange, type TestKey } from '../electron/testing/fake-exchange';
import { useKeywardenApp, type KeywardenSession } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';
import { databaseOf } from '../electron/testing/test-core';

const app = useKeywardenApp();
/** What the risk gate panel says about a real order it lets through. */
const ALLOWED = 'No rule of the risk gate stops this order.';
let binance: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
});
afterAll(async () => {
  await binance.stop();
});

/** A vault with one verified Binance key ("Binance main") the fake exchange knows, read + trade only. */
async function openWithVerifiedKey(options: { webhookListener?: boolean } = {}): Promise<{ session: KeywardenSession; key: TestKey }> {
  const key = makeBinanceHmacKey();
  binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
  const session = await app.open({
    ...options,
    exchangeUrlOverrides: { binance: binance.url },
    exchangeTimeoutMs: 3000,
    before: async (core: Core) => {
      await createUnlockedVault(core);
      const created = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
      await core.verifier.verify(created.id, 'cli');
    },
  });
  session.rememberSecret('the Binance API key', key.apiKey);
  session.rememberSecret('the Binance API secret', key.secret);
  return { session, key };
}

/** Fills the order form; fields left out keep what they have. */
async function fillOrder(page: Page, order: { symbol?: string; side?: 'Buy' | 'Sell'; amount?: string; type?: 'Market' | 'Limit'; price?: string; paper?: boolean }) {
  const form = page.getByRole('form', { name: 'New order' });
  if (order.symbol !== undefined) await form.getByLabel('Symbol').fill(order.symbol);
  if (order.side) await form.getByRole('radio', { name: order.side, exact: true }).check();
  if (order.type) await form.getByRole('radio', { name: order.type, exact: true }).check();
  if (order.price !== undefined) await form.getByLabel(/^Limit price/).fill(order.price);
  if (order.amount !== undefined) await form.getByLabel('Amount', { exact: true }).fill(order.amount);
  if (order.paper !== undefined) await form.getByRole('checkbox', { name: /^Paper trade/ }).setChecked(order.paper);
  return form;
}

describe('trading', () => {
  test('sets limits, then places a paper trade and a real one through the risk gate; a blocked order names its rule', async () => {
    const { session, key } = await openWithVerifiedKey();
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');

    // Limits first: $100 per order, $1,000 a day, 10 orders a minute.
    await goTo(page, 'Risk limits');
    const global = page.getByRole('form', { name: 'Limits (global)' });
    await global.getByLabel('Maximum per order (USD)').fill('100');
    await global.getByLabel('Maximum per day (USD)').fill('1000');
    await global.getByLabel('Maximum orders per minute').fill('10');
    await global.getByLabel('Symbol allow-list').fill('btcusdt, ETH/USDT');
    await global.getByRole('button', { name: 'Save limits' }).click();
    await page.getByText('Global limits saved. They apply to the next order.').waitFor();
    expect(readGlobalLimits(databaseOf(core).db, core.integrity)).toMatchObject({ maxOrderNotionalUsd: 100, maxDailyNotionalUsd: 1000, maxOrdersPerMinute: 10, symbolAllowList: ['BTC/USDT', 'ETH/USDT'] });

    // A paper trade: the gate allows it, and nothing reaches the exchange.
    await goTo(page, 'Trade');
    const form = await fillOrder(page, { symbol: 'BTCUSDT', amount: '0.001', paper: true });
    const gate = form.getByRole('region', { name: 'Risk gate' });
    await gate.getByText('Allowed (paper trade: simulated, nothing is sent; the balance is not checked).').waitFor();
    await gate.getByText('$65.00').waitFor();
    await form.getByRole('button', { name: 'Place paper order' }).click();
    const last = form.getByRole('status', { name: 'Last order' });
    await last.getByText(/^Paper order filled: Buy 0\.001 BTC\/USDT$/).waitFor();
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toHaveLength(0);

    // A real one: confirmed once more, then exactly one order at the exchange, with our client order id.
    await form.getByRole('checkbox', { name: /^Paper trade/ }).uncheck();
    await gate.getByText(ALLOWED).waitFor();
    await form.getByRole('button', { name: 'Place real order on Binance' }).click();
    const confirm = page.getByRole('dialog', { name: 'Buy 0.001 BTC/USDT for real?' });
    await confirm.getByText('worth about', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Buy on Binance' }).click();
    await last.getByText(/^Order filled: Buy 0\.001 BTC\/USDT$/).waitFor();
    const [real] = core.trading.listOrders({ limit: 10 }).filter((order) => !order.paper);
    const atExchange = binance.orders.filter((order) => order.apiKey === key.apiKey);
    expect(atExchange).toHaveLength(1);
    expect(atExchange[0]).toMatchObject({ clientOrderId: real?.clientOrderId, symbol: 'BTC/USDT', side: 'buy', amount: 0.001 });
    await last.getByText(real?.clientOrderId ?? 'missing').waitFor();
    const orders = page.getByRole('table', { name: 'Orders' });
    await orders.getByRole('row', { name: 'Buy 0.001 BTC/USDT, Filled' }).first().waitFor();
    await dismissToasts(page);
    await screenshotThemes('trade');

    // Too big for the per-order limit: the gate says which rule, and Place stays disabled.
    await fillOrder(page, { amount: '0.01' });
    await gate.getByText('Blocked: Maximum per order').waitFor();
    await gate.getByText('This order is worth $650; the limit per order (global) is $100.').waitFor();
    await expect(form.getByRole('button', { name: 'Place real order on Binance' }).isDisabled()).resolves.toBe(true);
    // Not on the allow-list.
    await fillOrder(page, { symbol: 'SOL/USDT', amount: '0.1' });
    await gate.getByText('Blocked: Symbol allow-list').waitFor();
    await dismissToasts(page);
    await screenshotThemes('trade-blocked');
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toHaveLength(1);

    // Today's usage against the limits (real orders only; paper counts separately).
    await goTo(page, 'Risk limits');
    const traded = page.getByRole('meter', { name: /Traded today/ }).first();
    await traded.waitFor();
    await expect(traded.getAttribute('value')).resolves.toBe('65');
    await global.getByText('$65.00').first().waitFor();
    await dismissToasts(page);
    await screenshotThemes('risk-limits');

    // An account's own limits apply on top of the global ones, until it goes back to "global only".
    const account = page.getByRole('region', { name: 'Binance main' });
    await account.getByRole('button', { name: 'Set limits for Binance main' }).click();
    const own = account.getByRole('form', { name: 'Limits (Binance main)' });
    await own.getByLabel('Maximum per order (USD)').fill('50');
    await own.getByRole('button', { name: 'Save limits for this account' }).click();
    await page.getByText('Limits for “Binance main” saved. The global limits still apply too.').waitFor();
    expect(readAccountLimits(databaseOf(core).db, real?.credentialId ?? '', core.integrity)).toMatchObject({ maxOrderNotionalUsd: 50 });
    await account.getByRole('button', { name: 'Use global limits only for Binance main' }).click();
    await account.getByText('Binance · only the global limits apply.').waitFor();
    expect(readAccountLimits(databaseOf(core).db, real?.credentialId ?? '', core.integrity)).toBeNull();
  });

  test('cancels an open limit order, shows an order placed elsewhere live, pauses and resumes, and panics', async () => {
    const { session, key } = await openWithVerifiedKey();
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    await goTo(page, 'Trade');
    const orders = page.getByRole('table', { name: 'Orders' });

    // A limit buy below the market rests on the exchange; cancel it from the table.
    const form = await fillOrder(page, { symbol: 'BTC/USDT', type: 'Limit', price: '60000', amount: '0.001' });
    const gate = form.getByRole('region', { name: 'Risk gate' });
    await gate.getByText(ALLOWED).waitFor();
    await form.getByRole('button', { name: 'Place real order on Binance' }).click();
    await page.getByRole('dialog', { name: 'Buy 0.001 BTC/USDT for real?' }).getByRole('button', { name: 'Buy on Binance' }).click();
    const openRow = orders.getByRole('row', { name: 'Buy 0.001 BTC/USDT, Open' });
    await openRow.waitFor();
    await openRow.getByRole('button', { name: 'Cancel Buy 0.001 BTC/USDT' }).click();
    await orders.getByRole('row', { name: 'Buy 0.001 BTC/USDT, Canceled' }).waitFor();
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey).map((order) => order.status)).toEqual(['canceled']);

    // An order placed by the CLI shows up without a reload, and so does its cancel.
    const { order: fromCli } = await core.trading.place({ account: 'Binance main', symbol: 'ETHUSDT', side: 'buy', type: 'limit', price: 3000, amount: 0.01 }, { source: 'cli', actor: 'cli' });
    const cliRow = orders.getByRole('row', { name: 'Buy 0.01 ETH/USDT, Open' });
    await cliRow.getByText('Command line', { exact: false }).waitFor();
    await dismissToasts(page);
    await screenshotThemes('trade-open-order');

    // Pause: the sidebar and the gate say so, and nothing may be placed.
    await page.getByRole('region', { name: 'Trading state' }).getByRole('button', { name: 'Pause trading' }).click();
    await page.getByRole('region', { name: 'Kill switch' }).getByText('Trading paused').waitFor();
    await fillOrder(page, { type: 'Market' });
    await gate.getByText('Blocked: Kill switch').waitFor();
    expect(core.trading.isPaused()).toBe(true);
    await dismissToasts(page);
    await screenshotThemes('trade-paused');
    await page.getByRole('region', { name: 'Kill switch' }).getByRole('button', { name: 'Resume trading' }).click();
    await page.getByRole('region', { name: 'Kill switch' }).getByText('Trading on').waitFor();
    await gate.getByText(ALLOWED).waitFor();
    expect(core.trading.isPaused()).toBe(false);

    // Panic: pause, cancel every open order, lock the vault.
    await page.getByRole('button', { name: 'Panic…' }).click();
    const panic = page.getByRole('dialog', { name: 'Panic: stop everything now?' });
    await panic.getByText('(1 open now)', { exact: false }).waitFor();
    await screenshotThemes('panic-dialog');
    await panic.getByRole('button', { name: 'Panic: pause, cancel and lock' }).click();
    await waitForAppState('locked');
    await page.getByText('Panic done: trading paused, 1 open order canceled, vault locked.').waitFor();
    expect(core.trading.isPaused()).toBe(true);
    expect(core.trading.getOrder(fromCli.id).status).toBe('canceled');
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey).every((order) => order.status === 'canceled')).toBe(true);
  });

  test('webhook: moves the listener to another port, and refuses a port in use without moving', async () => {
    const { session } = await openWithVerifiedKey({ webhookListener: true });
    const { page, core, waitForAppState } = session;
    await waitForAppState('ready');
    await goTo(page, 'Webhook');
    const listener = page.getByRole('region', { name: 'Listener' });
    await listener.getByRole('checkbox', { name: 'Receive alerts while Keywarden is open' }).check();
    await listener.getByText('Listening', { exact: true }).waitFor();
    const before = core.webhook.status().port;
    const [free, taken] = [await freePort(), await freePort()];
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(taken, '127.0.0.1', resolve));
    try {
      const form = listener.getByRole('form', { name: 'Listener port' });
      await form.getByLabel('Port').fill(String(taken));
      await form.getByRole('button', { name: 'Save port' }).click();
      await form.getByText(`Port ${taken} on 127.0.0.1 is already in use`, { exact: false }).waitFor();
      expect(core.webhook.status()).toMatchObject({ running: true, port: before });

      await form.getByLabel('Port').fill(String(free));
      await form.getByRole('button', { name: 'Save port' }).click();
      await page.getByText(`The listener moved to port ${free}.`, { exact: false }).waitFor();
      await listener.getByText(`http://127.0.0.1:${free}`).waitFor();
      expect(core.webhook.status()).toMatchObject({ running: true, port: free });
      // The alert message's URL follows the listener.
      await page.getByRole('region', { name: 'Alert message' }).getByText(`http://127.0.0.1:${free}/webhook/<token>`).first().waitFor();
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  test('webhook: turns the listener on, shows a new token once, writes the alert message, and an alert arriving shows up live', async () => {
    const { session, key } = await openWithVerifiedKey({ webhookListener: true });
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    await goTo(page, 'Webhook');

    const listener = page.getByRole('region', { name: 'Listener' });
    await listener.getByText('Off', { exact: true }).waitFor();
    await listener.getByRole('checkbox', { name: 'Receive alerts while Keywarden is open' }).check();
    await listener.getByText('Listening', { exact: true }).waitFor();
    const localUrl = core.webhook.status().localUrl ?? 'missing';
    await listener.getByText(localUrl).waitFor();
    await page.getByRole('region', { name: 'Reach it from TradingView' }).getByText(/ports 80 and 443 of a public IPv4 address/).waitFor();

    // A new source: its token is shown once, with the URL to paste, then gone for good.
    const sources = page.getByRole('region', { name: 'Alert sources' });
    await sources.getByRole('button', { name: 'New alert source' }).click();
    const create = sources.getByRole('form', { name: 'New alert source' });
    await create.getByLabel('Name').fill('BTC strategy');
    // The accounts and the cap are required: without them the form says so and nothing is created.
    await create.getByText('An alert can only trade these accounts, at most this much per order.').waitFor();
    await create.getByRole('button', { name: 'Create source and show its token' }).click();
    await create.getByText('Tick at least one account it may trade.').waitFor();
    await create.getByText('Enter the most one alert may spend, in USD, such as 200.').waitFor();
    expect(core.webhook.sources.list()).toEqual([]);
    await create.getByRole('group', { name: 'Accounts it may trade' }).getByRole('checkbox', { name: 'Binance main' }).check();
    await create.getByLabel('Symbols it may trade').fill('BTCUSDT');
    await create.getByLabel('At most per order (USD)').fill('200');
    await create.getByRole('button', { name: 'Create source and show its token' }).click();
    const once = sources.getByRole('region', { name: /is ready: copy it now, it is shown only once/ });
    const token = (await once.locator('.one-time__row').filter({ hasText: 'Token alone' }).locator('code').textContent()) ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await once.getByText(`${localUrl}/webhook/${token}`).waitFor();
    await once.getByText('TradingView cannot reach it').waitFor();
    await screenshotThemes('webhook-new-token');
    await once.getByRole('button', { name: 'I have copied it: hide the token' }).click();
    await once.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);
    await sources.getByRole('listitem', { name: 'BTC strategy' }).getByText('Binance main · BTC/USDT · buy and sell · at most $200.00 per order').waitFor();

    // The generator writes the exact message for a fixed order.
    const generator = page.getByRole('region', { name: 'Alert message' });
    await generator.getByRole('radio', { name: /An indicator or price alert/ }).check();
    await generator.getByLabel('Amount', { exact: true }).fill('0.001');
    await generator.getByRole('status').getByText('"side": "buy"', { exact: false }).waitFor();
    await generator.getByText(/Replace <token> with the token shown when the alert source was created/).waitFor();

    // TradingView posts an alert while the page is open: it appears without a reload.
    const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const alert = { account: 'Binance main', symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.001', unit: 'base', id: 'e2e-alert-1', time };
    const answer = await fetch(`${localUrl}/webhook/${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alert) });
    expect(answer.status).toBe(200);
    const received = page.getByRole('table', { name: 'Received alerts' });
    await received.getByRole('row', { name: 'BTC strategy: Placed' }).waitFor();
    const placed = binance.orders.filter((order) => order.apiKey === key.apiKey);
    expect(placed).toHaveLength(1);
    expect(placed[0]?.clientOrderId).toBe(core.trading.listOrders({ limit: 5 })[0]?.clientOrderId);
    await dismissToasts(page);
    await screenshotThemes('webhook');

    // The token leaked: rotate it with no grace. The new one is shown once; the old one is refused, live.
    await sources.getByRole('button', { name: 'Rotate token of BTC strategy' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate the token of “BTC strategy”?' });
    await rotate.getByRole('radio', { name: /Stops working now/ }).check();
    await rotate.getByRole('button', { name: 'Rotate token' }).click();
    const renewed = sources.getByRole('region', { name: /New token for “BTC strategy”: copy it now/ });
    const newToken = (await renewed.locator('.one-time__row').filter({ hasText: 'Token alone' }).locator('code').textContent()) ?? '';
    expect(newToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newToken).not.toBe(token);
    await renewed.getByRole('button', { name: 'I have copied it: hide the token' }).click();
    const refused = await fetch(`${localUrl}/webhook/${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...alert, id: 'e2e-alert-2' }) });
    expect(refused.status).toBe(401);
    // Refusals of unknown tokens are written in batches and announce nothing (a flood stays cheap): reload to see them.
    const badToken = received.getByRole('row', { name: 'Unknown source: Bad token' });
    await expect.poll(async () => {
      await page.getByRole('region', { name: 'Received alerts' }).getByRole('button', { name: 'Reload' }).click();
      return badToken.count();
    }, { timeout: 30_000, interval: 200 }).toBe(1);
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toHaveLength(1);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
