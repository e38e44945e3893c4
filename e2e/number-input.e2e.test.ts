/**
 * Typed numbers are read by the app's one rule (electron/shared/decimal-input.ts), against an
 * offline fake Binance: "0,001" in Amount is 0.001 BTC in the risk gate's preview and at the
 * exchange (the Trade page once read it as 1 BTC), and an ambiguous "1,000" is refused on the field
 * with both readings while Place stays disabled. The Risk limits page refuses it the same way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../electron/core/app';
import { readGlobalLimits } from '../electron/core/trading/risk-limits-store';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange, type TestKey } from '../electron/testing/fake-exchange';
import { useKeywardenApp, type KeywardenSession } from './harness/keywarden-app';
import { goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';
import { databaseOf } from '../electron/testing/test-core';

const app = useKeywardenApp();
const AMBIGUOUS = 'The amount "1,000" could mean 1000 or 1. Write 1000, or 1.0 / 1,0 if you meant 1.';
let binance: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
});
afterAll(async () => {
  await binance.stop();
});

/** A vault with one verified Binance key ("Binance main") the fake exchange knows, read + trade only. */
async function openWithVerifiedKey(): Promise<{ session: KeywardenSession; key: TestKey }> {
  const key = makeBinanceHmacKey();
  binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
  const session = await app.open({
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

/** The text of one row of the risk gate's facts (Amount, Price, Value). */
async function gateFact(page: Page, name: string): Promise<string | null> {
  const row = page.getByRole('region', { name: 'Risk gate' }).locator('.facts__row').filter({ has: page.getByRole('term').getByText(name, { exact: true }) });
  return row.getByRole('definition').textContent();
}

describe('typed numbers', () => {
  test('"0,001" is 0.001 BTC in the preview and at the exchange; "1,000" is refused on the field and cannot be placed', async () => {
    const { session, key } = await openWithVerifiedKey();
    const { page, waitForAppState, screenshot } = session;
    await waitForAppState('ready');
    await goTo(page, 'Trade');
    const form = page.getByRole('form', { name: 'New order' });
    const gate = form.getByRole('region', { name: 'Risk gate' });
    const amount = form.getByLabel('Amount', { exact: true });
    const place = form.getByRole('button', { name: 'Place real order on Binance' });

    await form.getByLabel('Symbol').fill('BTCUSDT');
    await amount.fill('0,001');
    // How the amount was read, next to what was typed, and in the gate's preview.
    await form.getByText('Read as 0.001', { exact: true }).waitFor();
    await gate.getByText('0.001 BTC', { exact: true }).waitFor();
    expect(await gateFact(page, 'Amount')).toBe('0.001 BTC');
    await expect(amount.getAttribute('aria-invalid')).resolves.toBeNull();
    await screenshot('number-input-read-as');

    await place.click();
    const confirm = page.getByRole('dialog', { name: 'Buy 0.001 BTC/USDT for real?' });
    await confirm.getByRole('button', { name: 'Buy on Binance' }).click();
    await form.getByRole('status', { name: 'Last order' }).getByText(/^Order filled: Buy 0\.001 BTC\/USDT$/).waitFor();
    const atExchange = binance.orders.filter((order) => order.apiKey === key.apiKey);
    expect(atExchange.map((order) => order.amount)).toEqual([0.001]);

    // Ambiguous: the field says both readings, the gate is not asked, and nothing can be placed.
    await amount.fill('1,000');
    await form.getByText(AMBIGUOUS, { exact: true }).waitFor();
    await expect(amount.getAttribute('aria-invalid')).resolves.toBe('true');
    await gate.getByText('Fill in the order to see what the risk gate says before anything is sent.').waitFor();
    await expect(form.getByRole('button', { name: /^Place/ }).isDisabled()).resolves.toBe(true);
    await expect(form.getByText('Read as', { exact: false }).count()).resolves.toBe(0);
    await screenshot('number-input-ambiguous');

    // Written without the ambiguity, it reads as typed.
    await amount.fill('1.0');
    await form.getByText('Read as 1', { exact: true }).waitFor();
    await expect(form.getByText(AMBIGUOUS).count()).resolves.toBe(0);
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toHaveLength(1);
  });

  test('the Risk limits page refuses "1,000" with both readings and saves "1.000,5" as 1000.5', async () => {
    const { session } = await openWithVerifiedKey();
    const { page, core, waitForAppState } = session;
    await waitForAppState('ready');
    await goTo(page, 'Risk limits');
    const global = page.getByRole('form', { name: 'Limits (global)' });
    const perOrder = global.getByLabel('Maximum per order (USD)');
    const before = readGlobalLimits(databaseOf(core).db, core.integrity).maxOrderNotionalUsd;

    await perOrder.fill('1,000');
    await global.getByRole('button', { name: 'Save limits' }).click();
    await global.getByText('The limit "1,000" could mean 1000 or 1. Write 1000, or 1.0 / 1,0 if you meant 1.', { exact: true }).waitFor();
    expect(readGlobalLimits(databaseOf(core).db, core.integrity).maxOrderNotionalUsd).toBe(before);

    await perOrder.fill('1.000,5');
    await global.getByText('Read as 1000.5. The value of one order.', { exact: true }).waitFor();
    await global.getByRole('button', { name: 'Save limits' }).click();
    await page.getByText('Global limits saved. They apply to the next order.').waitFor();
    expect(readGlobalLimits(databaseOf(core).db, core.integrity).maxOrderNotionalUsd).toBe(1000.5);
  });
});
