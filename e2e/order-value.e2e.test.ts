/**
 * What an order can really cost, as a person sees it on the Trade page and in Received alerts: the
 * market's price and the free balance of both coins as soon as a market is chosen; a sell beyond the
 * balance and a limit far from the market blocked before anything is sent; an exchange that cannot be
 * reached said plainly; and a TradingView alert whose price is made up blocked, not valued at it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../electron/core/app';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange, type TestKey } from '../electron/testing/fake-exchange';
import { useKeywardenApp, type KeywardenSession } from './harness/keywarden-app';
import { goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
let binance: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
});
afterAll(() => binance.stop());
afterEach(() => binance.setFaults({}));

/** A vault with one verified Binance key ("Binance main"), 0.5 BTC and 10,000 USDT free. */
async function openWithVerifiedKey(options: { webhookListener?: boolean; before?: (core: Core, accountId: string) => void } = {}): Promise<{ session: KeywardenSession; key: TestKey }> {
  const key = makeBinanceHmacKey();
  binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
  const session = await app.open({
    exchangeUrlOverrides: { binance: binance.url },
    exchangeTimeoutMs: 3000,
    ...(options.webhookListener ? { webhookListener: true } : {}),
    before: async (core: Core) => {
      await createUnlockedVault(core);
      const created = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
      await core.verifier.verify(created.id, 'cli');
      options.before?.(core, created.id);
    },
  });
  session.rememberSecret('the Binance API key', key.apiKey);
  session.rememberSecret('the Binance API secret', key.secret);
  return { session, key };
}

describe('what an order can really cost', () => {
  test('shows the price and the balance at once, and blocks a sell beyond it and a limit far from the market', async () => {
    const { session, key } = await openWithVerifiedKey();
    const { page, waitForAppState, screenshot } = session;
    // Little enough BTC that selling more than is held stays under the new vault's $100 cap.
    binance.setBalance(key.apiKey, 'BTC', 0.001);
    await waitForAppState('ready');
    await goTo(page, 'Trade');
    const form = page.getByRole('form', { name: 'New order' });
    await form.getByLabel('Symbol').fill('BTCUSDT');

    // Before any amount is typed: the market and what the account holds.
    const market = form.getByRole('region', { name: 'BTC/USDT' });
    await market.getByText('65,000 USDT', { exact: true }).waitFor();
    await market.locator('[data-balance="BTC"]').getByText('0.001', { exact: true }).waitFor();
    await market.locator('[data-balance="USDT"]').getByText('10,000', { exact: true }).waitFor();

    // Selling more than is held: blocked by the gate, with both numbers, and Place stays off.
    await form.getByRole('radio', { name: 'Sell', exact: true }).check();
    await form.getByLabel('Amount', { exact: true }).fill('0.0015');
    const gate = form.getByRole('region', { name: 'Risk gate' });
    await gate.getByText('Blocked: Not enough balance').waitFor();
    await gate.getByText('This sells 0.0015 BTC, but "Binance main" has 0.001 BTC free.').waitFor();
    expect(await form.getByRole('button', { name: /^Place/ }).isDisabled()).toBe(true);
    await screenshot('trade-sell-beyond-balance');

    // A limit price a typo away from the market: blocked, and the value is never taken from it.
    await form.getByLabel('Amount', { exact: true }).fill('0.001');
    await form.getByRole('radio', { name: 'Limit', exact: true }).check();
    await form.getByLabel(/^Limit price/).fill('100');
    await gate.getByText('Blocked: Price far from the market').waitFor();
    await gate.getByText(/The limit price 100 is 99\.8% below the market price of BTC\/USDT \(65,000\)/).waitFor();
    await gate.locator('[data-preview="value"]').getByText('$65.00').waitFor();
    expect(await form.getByRole('button', { name: /^Place/ }).isDisabled()).toBe(true);

    // The band is the person's: narrowed to 5% on Risk limits, a limit 7.7% off is refused too.
    await form.getByLabel(/^Limit price/).fill('60000');
    await gate.getByText('Allowed').first().waitFor();
    await goTo(page, 'Risk limits');
    const limits = page.getByRole('form', { name: 'Limits (global)' });
    await expect(limits.getByLabel('Price band (%)').inputValue()).resolves.toBe('10');
    await limits.getByLabel('Price band (%)').fill('5');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await page.getByText('Global limits saved. They apply to the next order.').waitFor();
    await goTo(page, 'Trade');
    await form.getByLabel('Symbol').fill('BTCUSDT');
    await form.getByRole('radio', { name: 'Limit', exact: true }).check();
    await form.getByLabel('Amount', { exact: true }).fill('0.001');
    await form.getByLabel(/^Limit price/).fill('60000');
    await gate.getByText(/prices more than 5% from the market are refused \(global\)/).waitFor();
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toEqual([]);
  });

  test('says plainly when the exchange cannot be reached, in the market panel and the gate', async () => {
    const { session, key } = await openWithVerifiedKey();
    const { page, waitForAppState, screenshot } = session;
    await waitForAppState('ready');
    await goTo(page, 'Trade');
    const form = page.getByRole('form', { name: 'New order' });
    await form.getByLabel('Symbol').fill('BTCUSDT');
    await form.getByRole('region', { name: 'BTC/USDT' }).getByText('65,000 USDT', { exact: true }).waitFor();

    binance.setFaults({ errorRate: 1 });
    await form.getByLabel('Amount', { exact: true }).fill('0.001');
    const gate = form.getByRole('region', { name: 'Risk gate' });
    await gate.getByText('Binance could not be reached (answered 503); nothing was sent.').waitFor();
    const text = await form.innerText();
    expect(text).not.toContain('Something went wrong');
    expect(await form.getByRole('button', { name: /^Place/ }).isDisabled()).toBe(true);
    await screenshot('trade-exchange-down');
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toEqual([]);
  });

  test('a TradingView alert with a made-up price on a market order is blocked, not valued at it', async () => {
    let token = '';
    const { session, key } = await openWithVerifiedKey({
      webhookListener: true,
      before: (core, accountId) => {
        token = core.webhook.createSource({ label: 'Capped at 50', scope: { accounts: [accountId], maxNotionalUsd: 50 } }, 'cli').oneTimeToken;
        core.webhook.updateSettings({ enabled: true }, 'cli');
      },
    });
    const { page, core, waitForAppState } = session;
    await waitForAppState('ready');
    await goTo(page, 'Webhook');
    await page.getByRole('region', { name: 'Listener' }).getByText('Listening', { exact: true }).waitFor();
    const localUrl = core.webhook.status().localUrl ?? 'missing';

    const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    // 0.01 BTC is $650 at the market; "price": "1000" would have made it $10, under the $50 cap.
    const alert = { account: 'Binance main', symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.01', price: '1000', id: 'spoofed-price', time };
    const answer = await fetch(`${localUrl}/webhook/${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alert) });
    expect(answer.status).toBe(200);
    const received = page.getByRole('table', { name: 'Received alerts' });
    const row = received.getByRole('row', { name: 'Capped at 50: Blocked' });
    await row.waitFor();
    await row.getByText(/This market order names a price of 1,000, 98\.5% below the market price of BTC\/USDT/).waitFor();
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toEqual([]);
  });
});
