/**
 * First run, locking and unlocking: the vault is created through the UI, and the unlock screen says
 * why it is locked and shows the core's own messages for refused attempts.
 */
import { describe, expect, test } from 'vitest';
import { channelNames } from '../electron/api/contract';
import { TEST_PASSPHRASE } from '../electron/testing/test-core';
import { useKeywardenApp } from './harness/keywarden-app';
import { createVaultWithPassphrase, goTo, unlockWithPassphrase } from './harness/ui-actions';

const app = useKeywardenApp();

describe('vault', () => {
  test('first run creates a passphrase vault, and it unlocks again after a lock', async () => {
    const { page, core, clock, waitForAppState, screenshotThemes } = await app.open();
    await waitForAppState('first-run');

    // The page sees exactly the contract: one method per channel, plus subscribe.
    const apiKeys = await page.evaluate('Object.keys(window.keywarden).sort()');
    expect(apiKeys).toEqual([...channelNames, 'subscribe'].sort());

    // No OS keychain in this core: the choice is disabled and says why.
    await expect(page.getByRole('checkbox', { name: /OS keychain/ }).isDisabled()).resolves.toBe(true);
    await page.getByText('There is no OS keychain here').waitFor();
    await page.getByText('cannot be recovered').waitFor();
    // First run says what the new vault's limits are, and where to change them.
    await page.getByText('To start, every order is capped at $100, trading at $500 a day').waitFor();

    await page.getByLabel('Passphrase', { exact: true }).fill('short');
    await expect(page.getByRole('meter', { name: 'Passphrase strength' }).getAttribute('aria-valuetext')).resolves.toBe('Too short');
    await page.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    await expect(page.getByRole('meter', { name: 'Passphrase strength' }).getAttribute('aria-valuenow')).resolves.not.toBe('0');
    await page.getByLabel('Confirm passphrase', { exact: true }).fill('something else entirely');
    await screenshotThemes('first-run');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByText('The two passphrases are different').waitFor();
    expect((await core.vault.status()).initialized).toBe(false);

    await createVaultWithPassphrase(page, TEST_PASSPHRASE);
    await waitForAppState('ready');
    await page.getByRole('heading', { name: 'No keys yet' }).waitFor();
    expect((await core.vault.status()).protectors.map((protector) => protector.kind)).toEqual(['passphrase']);

    await page.getByRole('button', { name: 'Lock now' }).first().click();
    await waitForAppState('locked');
    await page.getByText('You locked the vault.').waitFor();

    // Wrong passphrases: the core's message, then throttling after three.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await unlockWithPassphrase(page, 'not the passphrase at all');
      await page.getByText('That passphrase is not right. Nothing was unlocked.').waitFor();
      await expect(page.getByLabel('Passphrase', { exact: true }).inputValue()).resolves.toBe('');
    }
    await unlockWithPassphrase(page, TEST_PASSPHRASE);
    await page.getByText(/Too many wrong passphrases\. Wait \d+ s before trying again\./).waitFor();
    await screenshotThemes('unlock-throttled');
    expect(core.vault.isUnlocked()).toBe(false);

    clock.advance(60_000);
    await unlockWithPassphrase(page, TEST_PASSPHRASE);
    await waitForAppState('ready');
    await goTo(page, 'Accounts');
  });

  test('with an OS keychain, the vault is created with both and unlocks with the keychain', async () => {
    const { page, core, waitForAppState, screenshotThemes } = await app.open({ osKeychain: true });
    await waitForAppState('first-run');
    await page.getByText('GNOME Keyring (libsecret): unlocks with your computer login.').waitFor();
    await page.getByRole('checkbox', { name: /OS keychain/ }).check();
    await createVaultWithPassphrase(page, TEST_PASSPHRASE);
    await waitForAppState('ready');
    expect((await core.vault.status()).protectors.map((protector) => protector.kind).sort()).toEqual(['os-keychain', 'passphrase']);

    core.vault.lock('user', 'tray');
    await waitForAppState('locked');
    await page.getByRole('button', { name: 'Unlock with the OS keychain' }).waitFor();
    await screenshotThemes('unlock-with-keychain');
    await page.getByRole('button', { name: 'Unlock with the OS keychain' }).click();
    await waitForAppState('ready');

    // Settings: remove the keychain again (confirmation dialog), leaving the passphrase as the only way.
    await goTo(page, 'Settings');
    const unlockMethods = page.getByRole('region', { name: 'Ways to unlock' });
    await unlockMethods.getByRole('listitem').filter({ hasText: 'OS keychain' }).getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove the OS keychain?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('The OS keychain no longer unlocks the vault.').waitFor();
    await unlockMethods.getByText('This is the only way to unlock the vault').waitFor();
    expect((await core.vault.status()).protectors.map((protector) => protector.kind)).toEqual(['passphrase']);

    // And add it back.
    await unlockMethods.getByRole('button', { name: 'Add OS keychain' }).click();
    await page.getByText('The OS keychain can now unlock the vault too.').waitFor();
    expect((await core.vault.status()).protectors).toHaveLength(2);
  });
});
