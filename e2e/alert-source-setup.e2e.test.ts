/**
 * An alert source an earlier version saved without accounts or a per-order cap, in a real
 * database: the Webhook page shows it as needing attention, its alert is refused live and nothing
 * is placed; once its accounts and cap are set in the app, the same token trades again.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../electron/core/app';
import { generateToken, hashToken } from '../electron/core/webhook/webhook-token';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { useKeywardenApp } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';
import { databaseOf } from '../electron/testing/test-core';

const app = useKeywardenApp();
let binance: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
});
afterAll(async () => {
  await binance.stop();
});

/** The row as Keywarden wrote it before accounts and a cap were required: enabled, limited by nothing. */
function writeOldSource(core: Core, token: string): void {
  databaseOf(core).sqlite
    .prepare('INSERT INTO webhook_sources (id, label, token_hash, scope, enabled, created_at) VALUES (?, ?, ?, ?, 1, ?)')
    .run('oldsource1', 'Old strategy', hashToken(token), JSON.stringify({ accounts: null, symbols: null, sides: null, maxNotionalUsd: null }), Date.now() - 86_400_000);
}

describe('alert source set-up', () => {
  test('a source saved without accounts or a cap needs attention, refuses its alert, and trades again once they are set', async () => {
    const key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    const token = generateToken();
    const session = await app.open({
      webhookListener: true,
      exchangeUrlOverrides: { binance: binance.url },
      exchangeTimeoutMs: 3000,
      before: async (core) => {
        writeOldSource(core, token);
        await createUnlockedVault(core);
        const created = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
        await core.verifier.verify(created.id, 'cli');
        await core.webhook.updateSettings({ enabled: true }, 'cli');
      },
    });
    session.rememberSecret('the Binance API key', key.apiKey);
    session.rememberSecret('the Binance API secret', key.secret);
    session.rememberSecret('the old source token', token);
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    await goTo(page, 'Webhook');
    const localUrl = core.webhook.status().localUrl ?? 'missing';
    const sendAlert = (id: string) => fetch(`${localUrl}/webhook/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ account: 'Binance main', symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.001', unit: 'base', id, time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }),
    });

    const sources = page.getByRole('region', { name: 'Alert sources' });
    await sources.getByText('“Old strategy” needs at least one account and a per-order cap: its alerts are refused until you set them with “Set accounts and cap…”.').waitFor();
    const old = sources.getByRole('listitem', { name: 'Old strategy' });
    await old.getByText('Needs attention', { exact: true }).waitFor();
    await old.getByText('no account named · any symbol · buy and sell · no per-order cap').waitFor();
    await old.getByText('It has no account and no per-order cap, so its alerts are refused. Set them to accept its alerts again.').waitFor();

    // TradingView still sends with the old token: refused, recorded, shown live, nothing placed.
    const refused = await sendAlert('e2e-old-1');
    expect(refused.status).toBe(403);
    const received = page.getByRole('table', { name: 'Received alerts' });
    await received.getByRole('row', { name: 'Old strategy: Source needs accounts and a cap' }).waitFor();
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toEqual([]);
    await dismissToasts(page);
    await screenshotThemes('webhook-source-needs-attention');

    // Set them in the app: the dialog asks for both before saving.
    await old.getByRole('button', { name: 'Set accounts and cap…' }).click();
    const dialog = page.getByRole('dialog', { name: 'What “Old strategy” may trade' });
    await dialog.getByText('An alert can only trade these accounts, at most this much per order.').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Tick at least one account it may trade.').waitFor();
    await dialog.getByText('Enter the most one alert may spend, in USD, such as 200.').waitFor();
    await session.screenshot('webhook-source-scope-required');
    expect(core.webhook.sources.get('Old strategy').missingScope).toEqual(['accounts', 'maxNotionalUsd']);
    await dialog.getByRole('group', { name: 'Accounts it may trade' }).getByRole('checkbox', { name: 'Binance main' }).check();
    await dialog.getByLabel('At most per order (USD)').fill('100');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Saved what “Old strategy” may trade; its alerts are accepted.').waitFor();
    await old.getByText('Enabled', { exact: true }).waitFor();
    await old.getByText('Binance main · any symbol · buy and sell · at most $100.00 per order').waitFor();
    expect(await sources.getByText('needs at least one account and a per-order cap').count()).toBe(0);

    // The same token trades again, on that account only, within the cap.
    const accepted = await sendAlert('e2e-old-2');
    expect(accepted.status).toBe(200);
    await received.getByRole('row', { name: 'Old strategy: Placed' }).waitFor();
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toHaveLength(1);

    // Alerts name the account by label: renaming it warns, as the new label is typed, which source trades it.
    await goTo(page, 'Accounts');
    await page.getByRole('article', { name: 'Binance main' }).getByRole('button', { name: 'Edit Binance main' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit “Binance main”' });
    await edit.getByLabel('Label', { exact: true }).fill('Binance spot');
    await edit.locator('[data-rename-warning]').getByText('Alerts that name this account "Binance main" will be refused after the rename (alert source "Old strategy")', { exact: false }).waitFor();
    await session.screenshot('edit-key-rename-warning');
    await edit.getByLabel('Label', { exact: true }).fill('Binance main');
    await edit.locator('[data-rename-warning]').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await edit.waitFor({ state: 'detached' });
  });
});
