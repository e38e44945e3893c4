/**
 * Settings → Backup and restore: write a backup, check and restore it, import a .env file. Files are
 * chosen in the (scripted) system dialog and named by its one-time handles, never typed; writing a
 * backup asks for the vault passphrase; a restore brings alert sources back disabled and applies a
 * wider listener setting only when ticked.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FileChoicePurpose } from '../electron/api/backup-contract';
import { TEST_PASSPHRASE } from '../electron/testing/test-core';
import { useKeywardenApp } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
const BACKUP_PASSPHRASE = 'seven copper kettles in the rain';

describe('backup and restore', () => {
  let folder: string;
  /** What the person picks in each system dialog, in order (null: closed it without choosing). */
  let picks: (string | null)[];
  let asked: FileChoicePurpose[];
  const chooseFile = async (purpose: FileChoicePurpose) => {
    asked.push(purpose);
    const file = picks.shift() ?? null;
    // The app's save dialog asks before an existing file is chosen: such a file is a confirmed replacement.
    return { file, replaceConfirmed: purpose === 'backup-export' && file !== null && existsSync(file) };
  };
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'keywarden-e2e-backup-'));
    picks = [];
    asked = [];
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  test('writes a backup after the vault passphrase, replaces it only through the dialog, checks it, and imports a .env file', async () => {
    const session = await app.open({ before: createUnlockedVault, chooseFile });
    const { page, core, waitForAppState, screenshotThemes } = session;
    session.rememberSecret('the backup passphrase', BACKUP_PASSPHRASE);
    await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: session.makeBinanceKey('Binance') }, 'cli');
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const section = page.getByRole('region', { name: 'Backup and restore' });
    const backupFile = path.join(folder, 'keywarden.kwbackup');

    const write = section.getByRole('form', { name: 'Write a backup' });
    // Nothing chosen yet: the path box cannot be typed into.
    expect(await write.getByLabel('Backup file').getAttribute('readonly')).not.toBeNull();
    await write.getByRole('button', { name: 'Write backup' }).click();
    await write.getByText('Choose where to write the backup.').waitFor();
    const chooseAndFill = async (vaultPassphrase: string) => {
      picks.push(backupFile);
      await write.getByRole('button', { name: 'Choose…' }).click();
      await expect.poll(() => write.getByLabel('Backup file').inputValue()).toBe(backupFile);
      await write.getByLabel('Vault passphrase').fill(vaultPassphrase);
      await write.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
      await write.getByLabel('Confirm backup passphrase').fill(BACKUP_PASSPHRASE);
    };
    // A wrong vault passphrase: refused, recorded, nothing written; the choice stands for a retry.
    await chooseAndFill('not the vault passphrase');
    await write.getByRole('button', { name: 'Write backup' }).click();
    await write.getByText(/passphrase/i).and(write.locator('.field__error')).first().waitFor();
    expect(existsSync(backupFile)).toBe(false);
    expect(core.audit.list({ actionPrefix: 'backup.export', limit: 1 })[0]).toMatchObject({ outcome: 'denied', details: { reason: 'WRONG_PASSPHRASE' } });
    await write.getByLabel('Vault passphrase').fill(TEST_PASSPHRASE);
    await write.getByRole('button', { name: 'Write backup' }).click();
    await page.getByText(`Backup written: 1 key to ${backupFile}.`).waitFor();
    expect(existsSync(backupFile)).toBe(true);
    await dismissToasts(page);

    // The same file again: the dialog asked to replace it, and the form says so.
    await chooseAndFill(TEST_PASSPHRASE);
    await write.getByText('This replaces the existing file (you agreed in the dialog).').waitFor();
    await write.getByRole('button', { name: 'Write backup' }).click();
    await page.getByText(`Backup written: 1 key to ${backupFile}.`).waitFor();
    await dismissToasts(page);

    // Restore into this vault: a wrong passphrase is refused; the check finds the key already here.
    const restore = section.getByRole('form', { name: 'Restore a backup' });
    picks.push(backupFile);
    await restore.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => restore.getByLabel('Backup file').inputValue()).toBe(backupFile);
    await restore.getByLabel('Backup passphrase').fill('not the backup passphrase');
    await restore.getByRole('button', { name: 'Check first' }).click();
    await restore.getByText(/That is not the passphrase this backup was made with\. Nothing was changed\./).waitFor();
    await restore.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE);
    await restore.getByRole('button', { name: 'Check first' }).click();
    await restore.getByText('Check only, nothing changed: 0 keys would be added, 1 skipped.').waitFor();
    await restore.getByText(/already in the vault: skipped/).waitFor();

    // A .env file with a Bybit key: checked, then imported; the file's keys never reach the page.
    const bybit = session.makeBybitKey('Bybit');
    const envFile = path.join(folder, 'bot.env');
    writeFileSync(envFile, `BYBIT_API_KEY=${bybit.apiKey}\nBYBIT_API_SECRET=${bybit.secret}\n`);
    const envImport = section.getByRole('form', { name: 'Import keys from a .env file' });
    picks.push(envFile);
    await envImport.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => envImport.getByLabel('.env file').inputValue()).toBe(envFile);
    await envImport.getByRole('button', { name: 'Check first' }).click();
    await envImport.getByText('Check only, nothing changed: 1 key would be added, 0 skipped.').waitFor();
    expect(core.credentials.list()).toHaveLength(1);
    await envImport.getByRole('button', { name: 'Import' }).click();
    await envImport.getByText('1 key added, 0 skipped.').waitFor();
    await envImport.getByText(/delete/i).first().waitFor();
    expect(core.credentials.list().map((credential) => credential.provider).sort()).toEqual(['binance', 'bybit']);
    // The import spent the choice: another import starts by choosing the file again.
    expect(await envImport.getByLabel('.env file').inputValue()).toBe('');
    expect(asked).toEqual(['backup-export', 'backup-export', 'backup-import', 'env-import']);
    await screenshotThemes('settings-backup');

    await goTo(page, 'Accounts');
    // The imported Bybit key is in the Accounts list.
    await page.getByRole('listbox', { name: 'Keys' }).getByRole('option').filter({ hasText: 'Bybit · Live' }).first().waitFor();
  });

  test('says what is wrong with a file that is not a backup, and that choosing needs the desktop app', async () => {
    const notABackup = path.join(folder, 'notes.txt');
    writeFileSync(notABackup, 'just some notes\n');
    const session = await app.open({ before: createUnlockedVault, chooseFile });
    const { page, core, waitForAppState } = session;
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const restore = page.getByRole('region', { name: 'Backup and restore' }).getByRole('form', { name: 'Restore a backup' });
    await restore.getByRole('button', { name: 'Restore' }).click();
    await restore.getByText('Choose the file to read.').waitFor();
    picks.push(notABackup);
    await restore.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => restore.getByLabel('Backup file').inputValue()).toBe(notABackup);
    await restore.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE);
    await restore.getByRole('button', { name: 'Restore' }).click();
    await restore.getByText(/not a Keywarden backup/).waitFor();
    expect(core.credentials.list()).toEqual([]);

    // In a plain browser (no desktop window) there is no system dialog, and so no way to name a file.
    const browserOnly = await app.open({ before: createUnlockedVault });
    await browserOnly.waitForAppState('ready');
    await goTo(browserOnly.page, 'Settings');
    const elsewhere = browserOnly.page.getByRole('region', { name: 'Backup and restore' }).getByRole('form', { name: 'Restore a backup' });
    await elsewhere.getByRole('button', { name: 'Choose…' }).click();
    await elsewhere.getByText('Choosing a file from a dialog needs the Keywarden desktop app. In the CLI, name the file as an argument.').waitFor();
  });

  test('a restore brings a deleted alert source back disabled, without its retired token, and a wider listener setting only when ticked', async () => {
    const backupFile = path.join(folder, 'chosen.kwbackup');
    const session = await app.open({ before: createUnlockedVault, chooseFile });
    const { page, core, waitForAppState } = session;
    session.rememberSecret('the backup passphrase', BACKUP_PASSPHRASE);
    await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: session.makeBinanceKey('Binance') }, 'cli');
    const { token } = core.webhook.sources.create({ label: 'BTC strategy', scope: { accounts: ['Binance main'], maxNotionalUsd: 200 } }, 'cli');
    session.rememberSecret('the alert source token', token);
    await core.webhook.updateSettings({ maxAlertAgeSeconds: 0, trustedProxy: '10.0.0.1' }, 'cli');
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const section = page.getByRole('region', { name: 'Backup and restore' });
    const write = section.getByRole('form', { name: 'Write a backup' });
    picks.push(backupFile);
    await write.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => write.getByLabel('Backup file').inputValue()).toBe(backupFile);
    await write.getByLabel('Vault passphrase').fill(TEST_PASSPHRASE);
    await write.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
    await write.getByLabel('Confirm backup passphrase').fill(BACKUP_PASSPHRASE);
    await write.getByRole('button', { name: 'Write backup' }).click();
    await page.getByText(`Backup written: 1 key to ${backupFile}.`).waitFor();
    await dismissToasts(page);

    // Since the backup, the token leaked: the source was deleted.
    core.webhook.sources.delete('BTC strategy', 'cli');
    const restore = section.getByRole('form', { name: 'Restore a backup' });
    picks.push(backupFile);
    await restore.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => restore.getByLabel('Backup file').inputValue()).toBe(backupFile);
    await restore.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE);
    await restore.getByRole('button', { name: 'Check first' }).click();
    await restore.getByText('Would restore: alert source "BTC strategy".').waitFor();
    await restore.getByText(/Review alert source "BTC strategy": disabled: its token was retired here/).waitFor();
    await restore.getByRole('button', { name: 'Restore' }).click();
    await restore.getByText('Restored: alert source "BTC strategy".').waitFor();
    expect(core.webhook.sources.list().map((source) => [source.label, source.enabled])).toEqual([['BTC strategy', false]]);
    expect(core.webhook.sources.authenticate(token).source).toBeUndefined();

    // On a new machine, the backup's listener settings that let more in wait for a tick each.
    const newMachine = await app.open({ before: createUnlockedVault, chooseFile });
    await newMachine.waitForAppState('ready');
    await goTo(newMachine.page, 'Settings');
    const elsewhere = newMachine.page.getByRole('region', { name: 'Backup and restore' }).getByRole('form', { name: 'Restore a backup' });
    picks.push(backupFile);
    await elsewhere.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => elsewhere.getByLabel('Backup file').inputValue()).toBe(backupFile);
    await elsewhere.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE);
    await elsewhere.getByRole('button', { name: 'Check first' }).click();
    const ageBox = elsewhere.getByLabel('Apply maximum alert age: 60 s → off');
    const proxyBox = elsewhere.getByLabel('Apply trusted proxy: none → 10.0.0.1');
    await ageBox.waitFor();
    expect(await ageBox.isChecked()).toBe(false);
    expect(await proxyBox.isChecked()).toBe(false);
    await ageBox.check();
    await newMachine.screenshot('settings-backup-restore-exposure');
    await elsewhere.getByRole('button', { name: 'Restore' }).click();
    await elsewhere.getByText('1 key added, 0 skipped.').waitFor();
    await elsewhere.getByText('maximum alert age: 60 s → off (applied)').waitFor();
    await elsewhere.getByText('trusted proxy: none → 10.0.0.1 (kept this vault\'s value)').waitFor();
    await elsewhere.getByText(/Review alert source "BTC strategy": disabled: check its accounts/).waitFor();
    expect(newMachine.core.webhook.settings()).toMatchObject({ maxAlertAgeSeconds: 0, trustedProxy: null });
    expect(newMachine.core.webhook.sources.list().map((source) => [source.label, source.enabled])).toEqual([['BTC strategy', false]]);
    await goTo(page, 'Accounts');
  });
});
