/**
 * The exchange cannot be reached: "Test and save" with the fake Binance stopped (connection refused)
 * says so, with the exchange's display name and without claiming that Binance refused the key, and
 * saves nothing; "Verify" while Binance answers 503 says so and leaves the key active.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { useKeywardenApp } from './harness/keywarden-app';
import { goTo, openAddKeyForm } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
let binance: FakeExchange;
/** A port that was listening a moment ago: connections to it are refused, as to an exchange that is down. */
let stoppedUrl: string;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
  const stopped = await startFakeExchange({ exchange: 'binance' });
  stoppedUrl = stopped.url;
  await stopped.stop();
});
afterAll(() => binance.stop());

describe('an exchange that cannot be reached', () => {
  test('Test and save says Binance could not be reached and the key was not saved, and saves nothing', async () => {
    const session = await app.open({ before: createUnlockedVault, exchangeUrlOverrides: { binance: stoppedUrl }, exchangeTimeoutMs: 3000 });
    const { page, core } = session;
    const key = session.makeBinanceKey('Binance while down');
    await openAddKeyForm(page, 'Binance');
    await page.getByLabel('Label', { exact: true }).fill('Binance while down');
    await page.getByLabel('API key', { exact: true }).fill(key.apiKey);
    await page.getByLabel('API secret', { exact: true }).fill(key.secret);
    await page.getByRole('button', { name: 'Test and save', exact: true }).click();

    const form = page.getByRole('form', { name: 'Binance key' });
    await form.getByText('Binance could not be reached (connection refused); the key was not saved.', { exact: true }).waitFor();
    // One statement, not two that contradict each other, and the name people know.
    const text = await form.innerText();
    expect(text).not.toMatch(/did not accept|refused the key|binance could/);
    expect(text).not.toContain('Something went wrong');
    await expect(page.getByRole('button', { name: 'Test and save', exact: true }).isEnabled()).resolves.toBe(true);
    await session.screenshot('test-and-save-exchange-down');
    expect(core.credentials.list()).toEqual([]);
    // The key stays in the form (to try again, or save it untested); leaving the page empties it.
    await goTo(page, 'Accounts');
  });

  test('Verify while Binance answers 503 says so on the card, and the key stays active', async () => {
    const session = await app.open({ before: createUnlockedVault, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 3000 });
    const { page, core, waitForAppState } = session;
    const key = session.makeBinanceKey('Binance main');
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    const info = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
    expect((await core.verifier.verify(info.id, 'cli')).status).toBe('active');
    await waitForAppState('ready');

    binance.setFaults({ errorRate: 1 });
    try {
      const card = page.getByRole('article', { name: 'Binance main' });
      await card.getByRole('button', { name: 'Verify Binance main' }).click();
      await card.getByText("Binance could not be reached (answered 503); the key's status is unchanged.", { exact: true }).waitFor();
      await card.getByText('Working', { exact: true }).waitFor();
      expect(await card.innerText()).not.toContain('Something went wrong');
      await session.screenshot('verify-exchange-down');
    } finally {
      binance.setFaults({});
    }
    expect(core.credentials.get(info.id).status).toBe('active');
  });

  test('Rotating while Binance answers 503: not rotated, the old key kept, and rotating unchecked offered', async () => {
    const session = await app.open({ before: createUnlockedVault, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 3000 });
    const { page, core, waitForAppState } = session;
    const old = session.makeBinanceKey('old key');
    const fresh = session.makeBinanceKey('new key');
    binance.addKey({ ...old, allowedIps: ['127.0.0.1'] });
    const info = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: old }, 'cli');
    await core.verifier.verify(info.id, 'cli');
    await waitForAppState('ready');
    await page.getByRole('article', { name: 'Binance main' }).getByRole('button', { name: 'Details of Binance main' }).click();
    await page.getByRole('heading', { level: 1, name: 'Binance main' }).waitFor();

    binance.setFaults({ errorRate: 1 });
    try {
      const rotate = page.getByRole('form', { name: 'New key for Binance main' });
      await rotate.getByLabel('API key', { exact: true }).fill(fresh.apiKey);
      await rotate.getByLabel('API secret', { exact: true }).fill(fresh.secret);
      await rotate.getByRole('button', { name: 'Verify and rotate' }).click();
      const failure = rotate.getByRole('alert');
      await failure.getByText('The key was not rotated', { exact: true }).waitFor();
      await failure.getByText('Binance could not be reached (answered 503); "Binance main" keeps its old key, which still works. If Binance stays unreachable, you can rotate without verifying the new key and verify it later.', { exact: true }).waitFor();
      expect(await failure.innerText()).not.toContain('was not accepted');
      await rotate.getByRole('checkbox', { name: /Binance cannot be reached: store the new key without checking it/ }).waitFor();
      await session.screenshot('rotate-exchange-down');
    } finally {
      binance.setFaults({});
    }
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(old);
  });
});
