/**
 * Never a silent refusal, and a copy-ready set-up (issue 19), in Chromium over the real core, listener
 * and fake exchange: after creating a source the checklist turns green as a test alert goes through
 * (nothing traded); locking while the listener serves the source warns first; the sidebar and the lock
 * screen say alerts are refused while locked, and an alert sent then is refused (409) and recorded.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

describe('never a silent refusal', () => {
  test('set-up checklist and test alert, then the lock warning, the sidebar and the lock screen notice', async () => {
    const key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    const session = await app.open({
      webhookListener: true,
      exchangeUrlOverrides: { binance: binance.url },
      exchangeTimeoutMs: 3000,
      before: async (core) => {
        await createUnlockedVault(core);
        const created = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
        await core.verifier.verify(created.id, 'cli');
        await core.webhook.updateSettings({ enabled: true }, 'cli');
      },
    });
    session.rememberSecret('the Binance API key', key.apiKey);
    session.rememberSecret('the Binance API secret', key.secret);
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    await goTo(page, 'Webhook');
    await page.getByRole('region', { name: 'Listener' }).getByText('Listening', { exact: true }).waitFor();
    const accountId = core.credentials.list()[0]?.id ?? 'missing';

    // Before any source: locking refuses nothing, so the sidebar says nothing about alerts.
    const sidebar = page.locator('aside.sidebar');
    expect(await sidebar.locator('[data-alerts-refused-notice]').count()).toBe(0);

    const sources = page.getByRole('region', { name: 'Alert sources' });
    await sources.getByRole('button', { name: 'New alert source' }).click();
    const create = sources.getByRole('form', { name: 'New alert source' });
    await create.getByLabel('Name').fill('BTC strategy');
    await create.getByRole('group', { name: 'Accounts it may trade' }).getByRole('checkbox', { name: 'Binance main' }).check();
    await create.getByLabel('At most per order (USD)').fill('200');
    await create.getByRole('button', { name: 'Create source and show its token' }).click();
    const once = sources.getByRole('region', { name: /is ready: copy it now, it is shown only once/ });
    const token = (await once.locator('.one-time__row').filter({ hasText: 'Token alone' }).locator('code').textContent()) ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // One place: the message names the account by its label, and the checklist.
    const setup = sources.getByRole('region', { name: 'Connect TradingView: paste, then test' });
    await setup.locator('[data-message-account="Binance main"]').waitFor();
    await setup.getByText('"account": "Binance main"', { exact: false }).first().waitFor();
    const checklist = setup.getByRole('list', { name: 'Set-up checklist' });
    await checklist.locator('[data-step="listener"][data-done="true"]').waitFor();
    await checklist.locator('[data-step="alert"][data-done="false"]').waitFor();

    await setup.getByRole('button', { name: 'Send test alert' }).click();
    const hops = setup.getByRole('list', { name: 'Test alert' });
    await setup.locator('[data-test-alert="ok"]').waitFor();
    await hops.getByText('The token was accepted.').waitFor();
    await hops.getByText('The source is enabled; the test alert was recorded and nothing was traded.').waitFor();
    await checklist.locator('[data-step="alert"][data-done="true"]').waitFor();
    expect(await hops.textContent()).not.toContain(token);
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toEqual([]);
    await dismissToasts(page);
    await screenshotThemes('never-silent-setup-checklist');

    // "I have copied it" is kept: the token and the test button go away for good.
    await once.getByRole('button', { name: 'I have copied it: hide the token' }).click();
    await once.waitFor({ state: 'detached' });
    await setup.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);

    // The sidebar says what a lock would do, and "Lock now" warns first.
    await sidebar.locator('[data-alerts-refused-notice="sidebar"]').getByText('Alerts refused while locked').waitFor();
    await sidebar.getByRole('button', { name: 'Lock now' }).click();
    const warning = page.getByRole('dialog', { name: 'Lock the vault? Alerts will be refused' });
    await warning.getByText(/every TradingView alert is refused/).waitFor();
    await warning.getByText(/anyone who can use this computer can trade with your keys/).waitFor();
    expect(await warning.getByRole('button', { name: 'Keep unlocked while the listener is on' }).isDisabled()).toBe(true);
    await screenshotThemes('never-silent-lock-warning');
    await warning.getByRole('button', { name: 'Lock and refuse alerts' }).click();
    await waitForAppState('locked');

    // The lock screen says so; an alert sent now is refused and recorded, never placed.
    await page.locator('[data-alerts-refused-notice="lock-screen"]').getByText(/every TradingView alert is refused until you unlock/).waitFor();
    const localUrl = core.webhook.status().localUrl ?? 'missing';
    const answer = await fetch(`${localUrl}/webhook/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ account: accountId, symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.001', unit: 'base', id: 'e2e-locked-1', time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }),
    });
    expect(answer.status).toBe(409);
    // Read from the table: the vault is locked, so the channel would refuse.
    expect(databaseOf(core).sqlite.prepare('SELECT outcome, http_status AS status FROM webhook_events ORDER BY id DESC LIMIT 1').get()).toEqual({ outcome: 'vault-locked', status: 409 });
    expect(binance.orders.filter((order) => order.apiKey === key.apiKey)).toEqual([]);
    await screenshotThemes('never-silent-lock-screen');
  });
});
