/**
 * Revoking or deleting a key that has an open order on an offline fake Binance: the dialog lists the
 * order with "cancel it first" chosen, the order is canceled on the exchange before the secret is
 * destroyed; a cancel the exchange refuses destroys nothing and says which order; "leave it open"
 * revokes and says the order stays; deleting a key that traded keeps its record, revoked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../electron/core/app';
import type { OrderInfo } from '../electron/core/trading/trading-schema';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { useKeywardenApp, type KeywardenSession } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
let binance: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
});
afterAll(async () => {
  await binance.stop();
});

/**
 * A vault with one verified Binance key ("Binance main") and a small limit buy resting under the
 * market (65,000), placed from the CLI beside the app.
 */
async function openWithRestingOrder(): Promise<{ session: KeywardenSession; order: OrderInfo }> {
  const key = makeBinanceHmacKey();
  binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
  let order: OrderInfo | undefined;
  const session = await app.open({
    exchangeUrlOverrides: { binance: binance.url },
    exchangeTimeoutMs: 3000,
    before: async (core: Core) => {
      await createUnlockedVault(core);
      const created = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
      await core.verifier.verify(created.id, 'cli');
      order = (await core.trading.place({ account: created.id, symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: 60000, amount: 0.001 }, { source: 'cli', actor: 'cli' })).order;
    },
  });
  session.rememberSecret('the Binance API key', key.apiKey);
  session.rememberSecret('the Binance API secret', key.secret);
  if (order?.status !== 'open') throw new Error(`the limit order did not rest open: ${order?.status ?? 'not placed'}`);
  return { session, order };
}

const statusAtExchange = (order: OrderInfo) => binance.orders.find((placed) => placed.clientOrderId === order.clientOrderId)?.status;

async function openRevokeDialog(page: Page) {
  await goTo(page, 'Accounts');
  await page.getByRole('article', { name: 'Binance main' }).getByRole('button', { name: 'Details of Binance main' }).click();
  await page.getByRole('region', { name: 'Revoke in Keywarden' }).getByRole('button', { name: 'Revoke in Keywarden…' }).click();
  return page.getByRole('dialog', { name: 'Revoke “Binance main”?' });
}

describe('revoking a key with open orders', () => {
  test('lists the open order with "cancel it first" chosen, cancels it on Binance, then revokes', async () => {
    const { session, order } = await openWithRestingOrder();
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    const dialog = await openRevokeDialog(page);

    const orders = dialog.getByRole('region', { name: 'Open orders' });
    await orders.getByText('1 open order on Binance:').waitFor();
    await orders.getByRole('listitem').filter({ hasText: 'Buy 0.001 BTC/USDT @ 60,000' }).waitFor();
    const cancelFirst = orders.getByRole('radio', { name: /^Cancel it on Binance first \(recommended\)/ });
    await expect(cancelFirst.isChecked()).resolves.toBe(true);
    await expect(orders.getByRole('radio', { name: /^Leave it open/ }).isChecked()).resolves.toBe(false);
    await dialog.getByText('Revoking destroys Keywarden’s copy of the key only: the key itself still works on Binance until you delete it on Binance’s API management page.').waitFor();
    await screenshotThemes('revoke-open-orders-dialog');

    await dialog.getByRole('button', { name: 'Revoke “Binance main”' }).click();
    await page.getByText('Revoked “Binance main”. Its secret is destroyed; nothing can use it again. Canceled 1 open order on Binance: Buy 0.001 BTC/USDT @ 60,000.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('This key was revoked: its secret is destroyed').waitFor();
    expect(statusAtExchange(order)).toBe('canceled');
    expect(core.trading.getOrder(order.id).status).toBe('canceled');
    expect(core.credentials.get(order.credentialId).status).toBe('revoked');
    const [revoked] = core.audit.list({ actionPrefix: 'credential.revoke', limit: 5 });
    expect(revoked).toMatchObject({ outcome: 'ok', details: { openOrders: 'cancel', canceledOrders: order.id } });

    // The order table shows it canceled too.
    await goTo(page, 'Trade');
    await page.getByRole('table', { name: 'Orders' }).getByRole('row', { name: 'Buy 0.001 BTC/USDT, Canceled' }).waitFor();
  });

  test('a cancel Binance does not confirm revokes nothing; "leave it open" then revokes and says so', async () => {
    const { session, order } = await openWithRestingOrder();
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    const dialog = await openRevokeDialog(page);
    const orders = dialog.getByRole('region', { name: 'Open orders' });
    await orders.getByText('1 open order on Binance:').waitFor();

    binance.failNext(1, '5xx');
    await dialog.getByRole('button', { name: 'Revoke “Binance main”' }).click();
    // The order, then the reason the cancel failed (Trading's words), then what to do.
    const refusal = dialog.getByText(`Nothing was revoked: an open order on Binance could not be canceled. Buy 0.001 BTC/USDT @ 60,000 (order ${order.id}):`, { exact: false });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/Binance .+\. Try again, or choose to leave it open\.$/);
    expect(core.credentials.get(order.credentialId).status).toBe('active');
    expect(statusAtExchange(order)).toBe('open');

    await orders.getByRole('radio', { name: /^Leave it open/ }).check();
    await dismissToasts(page);
    await screenshotThemes('revoke-open-orders-refused');
    await dialog.getByRole('button', { name: 'Revoke “Binance main”' }).click();
    await page.getByText('Left open on Binance: Buy 0.001 BTC/USDT @ 60,000. Keywarden can no longer cancel it; cancel it on Binance if you need to.').waitFor();
    await page.getByText('This key was revoked: its secret is destroyed').waitFor();
    expect(statusAtExchange(order)).toBe('open');
    expect(core.credentials.get(order.credentialId).status).toBe('revoked');
  });

  test('deleting a key that traded cancels its open order and keeps its record, revoked', async () => {
    const { session, order } = await openWithRestingOrder();
    const { page, core, waitForAppState } = session;
    await waitForAppState('ready');
    await goTo(page, 'Accounts');
    await page.getByRole('article', { name: 'Binance main' }).getByRole('button', { name: 'Delete Binance main' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Binance main”?' });
    await dialog.getByRole('region', { name: 'Open orders' }).getByRole('listitem').filter({ hasText: 'Buy 0.001 BTC/USDT @ 60,000' }).waitFor();
    await dialog.getByText('Orders were placed with this key, so its record stays, marked revoked').waitFor();
    await dialog.getByText('still works on Binance until you delete it there').waitFor();
    await dialog.getByRole('button', { name: 'Delete “Binance main”' }).click();
    await page.getByText('Destroyed the secret of “Binance main”. Its record stays, revoked, because orders were placed with it. Canceled 1 open order on Binance').waitFor();
    await page.getByRole('article', { name: 'Binance main' }).getByText('Revoked', { exact: true }).waitFor();
    expect(statusAtExchange(order)).toBe('canceled');
    expect(core.credentials.get(order.credentialId).status).toBe('revoked');
  });
});
