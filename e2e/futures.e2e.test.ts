/**
 * Perpetual futures in the window (issue 20), against the fake Binance USDⓈ-M: the Trade page's
 * Perpetual form sets leverage and margin mode, places a market order through the risk gate, shows
 * the position with its leverage, margin mode and liquidation price, and closes it after asking;
 * the Risk limits page's max leverage refuses more; panic lists the positions Keywarden opened and
 * closes them only when ticked; the message generator writes market_position for a perpetual chart.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readGlobalLimits } from '../electron/core/trading/risk-limits-store';
import { startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { databaseOf } from '../electron/testing/test-core';
import { useKeywardenApp } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { openWithVerifiedBinance } from './harness/verified-binance';

const app = useKeywardenApp();
let binance: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
});
afterAll(async () => {
  await binance.stop();
});

const openWithVerifiedKey = () => openWithVerifiedBinance(app, binance);

async function openPerpetualForm(page: Page, symbol: string) {
  await goTo(page, 'Trade');
  await page.getByRole('radio', { name: 'Perpetual', exact: true }).check();
  const form = page.getByRole('form', { name: 'New order' });
  await form.getByLabel('Symbol').fill(symbol);
  await page.getByRole('region', { name: /^Position/ }).waitFor();
  return form;
}

describe('perpetual futures in the window', () => {
  test('sets leverage, places a market order, sees the position with leverage, margin mode and liquidation price, and closes it', async () => {
    const { session, key } = await openWithVerifiedKey();
    const { page, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    const form = await openPerpetualForm(page, 'BTCUSDT.P');

    // The leverage control shows the limit (a new vault allows 5x) and refuses more before asking the exchange.
    const leverage = page.getByRole('form', { name: 'Leverage and margin mode' });
    await leverage.getByText('5x (global)').waitFor();
    const before = binance.requests.length;
    await leverage.getByLabel('Leverage', { exact: true }).fill('10x');
    await leverage.getByRole('button', { name: 'Set leverage' }).click();
    await leverage.getByText('Leverage 10x is above the limit of 5x (global).', { exact: false }).waitFor();
    for (const junk of ['1,5', '0', '-2']) {
      await leverage.getByLabel('Leverage', { exact: true }).fill(junk);
      await leverage.getByRole('button', { name: 'Set leverage' }).click();
      await leverage.locator('.field__error').waitFor();
    }
    expect(binance.requests.length).toBe(before);

    // 3x isolated, set by the person.
    await leverage.getByLabel('Leverage', { exact: true }).fill('3');
    await leverage.getByRole('radio', { name: 'Isolated' }).check();
    await leverage.getByRole('button', { name: 'Set leverage' }).click();
    await page.getByText('Leverage on BTC/USDT:USDT set to 3x, isolated margin.').waitFor();
    await dismissToasts(page);
    expect(binance.futures.leverageOf(key.apiKey, 'BTC/USDT')).toBe(3);

    // A market buy of 0.001 BTC, allowed by the gate, then placed (a live account asks once more).
    await form.getByRole('radio', { name: 'Buy', exact: true }).check();
    await form.getByLabel('Amount', { exact: true }).fill('0,001');
    await page.getByText('No rule of the risk gate stops this order.').waitFor();
    await form.getByRole('button', { name: /^Place real order on Binance/ }).click();
    await page.getByRole('dialog', { name: 'Buy 0.001 BTC/USDT:USDT for real?' }).getByRole('button', { name: 'Buy on Binance' }).click();
    await page.locator('.toast-region').getByText(/^Order filled: Buy 0\.001 BTC\/USDT:USDT/).waitFor();
    expect(binance.futuresOrders.filter((order) => order.apiKey === key.apiKey)).toMatchObject([{ symbol: 'BTC/USDT', side: 'buy', amount: 0.001, reduceOnly: false }]);
    await dismissToasts(page);

    // The position: side, size, leverage, margin mode, liquidation price.
    const position = page.getByRole('region', { name: 'Position · BTC/USDT:USDT' });
    const long = position.locator('[data-position="long"]');
    await long.waitFor();
    await expect.poll(() => long.locator('[data-fact="leverage"]').textContent()).toBe('3x');
    expect(await long.locator('[data-fact="margin-mode"]').textContent()).toBe('Isolated');
    expect(await long.locator('[data-fact="liquidation"]').textContent()).toMatch(/^[\d.,\s\u202f]+ USDT$/);
    expect(await long.locator('[data-fact="size"]').textContent()).toBe('0.001 BTC');
    await screenshotThemes('futures-trade');
    await position.scrollIntoViewIfNeeded();
    await screenshotThemes('futures-position');

    // Close: asks, then closes with a reduce-only market order.
    await long.getByRole('button', { name: 'Close position…' }).click();
    const ask = page.getByRole('dialog', { name: 'Close the BTC/USDT:USDT position?' });
    await ask.getByRole('button', { name: 'Close position' }).click();
    await page.getByText('Closed BTC/USDT:USDT: sell 0.001.').waitFor();
    await position.locator('[data-position="none"]').waitFor();
    expect(binance.futuresOrders.filter((order) => order.apiKey === key.apiKey).at(-1)).toMatchObject({ side: 'sell', amount: 0.001, reduceOnly: true });
  });

  test('the Risk limits page sets max leverage and max position; a higher leverage is then refused', async () => {
    const { session } = await openWithVerifiedKey();
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    await goTo(page, 'Risk limits');
    const global = page.getByRole('form', { name: 'Limits (global)' });
    for (const junk of ['1,5', '0', '126']) {
      await global.getByLabel('Maximum leverage (futures)').fill(junk);
      await global.getByRole('button', { name: 'Save limits' }).click();
      await global.locator('.field__error').first().waitFor();
    }
    await global.getByLabel('Maximum leverage (futures)').fill('2x');
    await global.getByLabel('Maximum position per symbol (USD, futures)').fill('1.000,5');
    await global.getByRole('button', { name: 'Save limits' }).click();
    await page.getByText('Global limits saved. They apply to the next order.').waitFor();
    expect(readGlobalLimits(databaseOf(core).db, core.integrity)).toMatchObject({ maxLeverage: 2, maxPositionNotionalUsd: 1000.5 });
    await page.getByText('Leverage up to 2x').waitFor();
    await screenshotThemes('futures-limits');
    await dismissToasts(page);

    await openPerpetualForm(page, 'BTCUSDT.P');
    const leverage = page.getByRole('form', { name: 'Leverage and margin mode' });
    await leverage.getByText('2x (global)').waitFor();
    await leverage.getByLabel('Leverage', { exact: true }).fill('3');
    await leverage.getByRole('button', { name: 'Set leverage' }).click();
    await leverage.getByText('Leverage 3x is above the limit of 2x (global).', { exact: false }).waitFor();
    // The core refuses the same, whoever asks.
    await expect(core.futures.setLeverage({ account: 'Binance main', symbol: 'BTCUSDT.P', leverage: 3 }, 'ui')).rejects.toMatchObject({ code: 'LEVERAGE_REFUSED' });
  });

  test('panic lists the positions Keywarden opened and closes them only when ticked', async () => {
    const { session, key } = await openWithVerifiedKey();
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    await core.futures.setLeverage({ account: 'Binance main', symbol: 'BTCUSDT.P', leverage: 2 }, 'cli');
    const opened = await core.trading.place({ account: 'Binance main', symbol: 'BTCUSDT.P', side: 'buy', amount: 0.001 }, { source: 'cli', actor: 'cli' });
    expect(opened.order.status).toBe('filled');
    await goTo(page, 'Trade');
    await page.getByRole('button', { name: 'Panic…' }).click();
    const panic = page.getByRole('dialog', { name: 'Panic: stop everything now?' });
    await panic.getByText('Binance main · BTC/USDT:USDT · long 0.001').waitFor();
    await panic.getByRole('button', { name: 'Panic: pause, cancel and lock' }).waitFor();
    await panic.getByRole('checkbox', { name: /Also close the position Keywarden opened/ }).check();
    await screenshotThemes('futures-panic');
    await panic.getByRole('button', { name: 'Panic: close, pause, cancel and lock' }).click();
    await waitForAppState('locked');
    expect(core.trading.isPaused()).toBe(true);
    expect(binance.futuresOrders.filter((order) => order.apiKey === key.apiKey).at(-1)).toMatchObject({ side: 'sell', amount: 0.001, reduceOnly: true, status: 'filled' });
  });

  test('the message generator writes market_position for a perpetual chart', async () => {
    const { session } = await openWithVerifiedKey();
    const { page, waitForAppState } = session;
    await waitForAppState('ready');
    await goTo(page, 'Webhook');
    const message = page.locator('pre[aria-label="Alert message"]');
    await message.waitFor();
    expect(await message.textContent()).not.toContain('market_position');
    await page.getByLabel('The chart is').selectOption('perpetual');
    await expect.poll(() => message.textContent()).toContain('"market_position": "{{strategy.market_position}}"');
    await page.getByText('Leverage and margin mode are never set by an alert', { exact: false }).waitFor();
  });
});
