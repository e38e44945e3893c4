/** Settings: passphrase change, vault-key rotation, auto-lock and locking on idle. */
import { describe, expect, test } from 'vitest';
import { TEST_PASSPHRASE } from '../electron/testing/test-core';
import { useKeywardenApp } from './harness/keywarden-app';
import { goTo, unlockWithPassphrase } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
const NEW_PASSPHRASE = 'purple elephant waltzes at dawn';

describe('settings', () => {
  test('changes the passphrase; afterwards only the new one unlocks', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState, screenshotThemes } = session;
    session.rememberSecret('the new passphrase', NEW_PASSPHRASE);
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const section = page.getByRole('region', { name: 'Passphrase' });

    await section.getByLabel('Current passphrase').fill('not my passphrase');
    await section.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
    await section.getByLabel('Confirm new passphrase').fill(NEW_PASSPHRASE);
    await section.getByRole('button', { name: 'Change passphrase' }).click();
    await section.getByText('That passphrase is not right.').waitFor();
    await screenshotThemes('settings');

    await section.getByLabel('Current passphrase').fill(TEST_PASSPHRASE);
    await section.getByRole('button', { name: 'Change passphrase' }).click();
    await page.getByText('Passphrase changed. Use the new one from now on.').waitFor();
    await expect(section.getByLabel('New passphrase', { exact: true }).inputValue()).resolves.toBe('');

    await page.getByRole('button', { name: 'Lock now' }).first().click();
    await waitForAppState('locked');
    await unlockWithPassphrase(page, TEST_PASSPHRASE);
    await page.getByText('That passphrase is not right. Nothing was unlocked.').waitFor();
    await unlockWithPassphrase(page, NEW_PASSPHRASE);
    await waitForAppState('ready');
    expect(core.audit.list({ actionPrefix: 'vault.changePassphrase', limit: 5 })).toHaveLength(1);
  });

  test('rotates the vault key, and every key stays readable', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState } = session;
    const binance = session.makeBinanceKey('Binance');
    const bybit = session.makeBybitKey('Bybit');
    const first = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: binance }, 'cli');
    await core.credentials.create({ provider: 'bybit', label: 'Bybit main', fields: bybit }, 'cli');
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const section = page.getByRole('region', { name: 'Vault key' });
    await section.getByText('Not rotated since the vault was created.').waitFor();

    await section.getByRole('button', { name: 'Rotate vault key' }).click();
    await section.getByText('Enter your passphrase to confirm.').waitFor();
    await section.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
    await section.getByLabel('Passphrase').press('Enter');
    await page.getByText('Vault key rotated (once so far): 4 secrets re-encrypted with the new key.').waitFor();
    await section.getByText('Rotated once so far.').waitFor();
    expect((await core.vault.status()).keyVersion).toBe(2);
    expect(core.credentials.getDecrypted(first.id).secrets).toEqual({ apiKey: binance.apiKey, secret: binance.secret });
  });

  test('locks after the idle time set in Settings, and the unlock screen says why', async () => {
    const { page, core, clock, waitForAppState, screenshotThemes } = await app.open({ before: createUnlockedVault });
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const minutes = page.getByLabel('Lock after this many idle minutes');
    await minutes.fill('2000');
    await page.getByRole('region', { name: 'Locking' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter whole minutes from 0 (never) to 1440 (a day).').waitFor();
    await minutes.fill('1');
    await minutes.press('Enter');
    await page.getByText('The vault now locks after 1 idle minute.').waitFor();
    await page.getByText('Locks after 1 idle min', { exact: true }).waitFor();
    expect((await core.vault.status()).autoLockMinutes).toBe(1);

    // A minute passes without any use of the keys; the core notices and locks.
    clock.advance(61_000);
    expect(core.vault.isUnlocked()).toBe(false);
    await waitForAppState('locked');
    await page.getByText('Locked after 1 minute without activity. Your keys are encrypted again.').waitFor();
    await screenshotThemes('locked-idle');
    await unlockWithPassphrase(page, TEST_PASSPHRASE);
    await waitForAppState('ready');
  });
});
