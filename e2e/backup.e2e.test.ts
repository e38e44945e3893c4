/** Settings → Backup and restore: write a backup, check and restore it, import a .env file. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FileChoicePurpose } from '../electron/ipc/backup-contract';
import { useKeywardenApp } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
const BACKUP_PASSPHRASE = 'seven copper kettles in the rain';

describe('backup and restore', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'keywarden-e2e-backup-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  test('writes a backup, refuses to overwrite it unasked, checks it against the vault, and imports a .env file', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState, screenshotThemes } = session;
    session.rememberSecret('the backup passphrase', BACKUP_PASSPHRASE);
    const binance = session.makeBinanceKey('Binance');
    await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: binance }, 'cli');
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const section = page.getByRole('region', { name: 'Backup and restore' });
    const backupFile = path.join(folder, 'keywarden.kwbackup');

    // Write a backup; the two passphrases must match.
    const write = section.getByRole('form', { name: 'Write a backup' });
    await write.getByLabel('Backup file').fill(backupFile);
    await write.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
    await write.getByLabel('Confirm backup passphrase').fill('something else');
    await write.getByRole('button', { name: 'Write backup' }).click();
    await write.getByText('The two passphrases are different. Type the same one twice.').waitFor();
    expect(existsSync(backupFile)).toBe(false);
    await write.getByLabel('Confirm backup passphrase').fill(BACKUP_PASSPHRASE);
    await write.getByRole('button', { name: 'Write backup' }).click();
    await page.getByText(`Backup written: 1 key to ${backupFile}.`).waitFor();
    expect(existsSync(backupFile)).toBe(true);
    await dismissToasts(page);

    // The same file again: refused unless replacing is ticked.
    await write.getByLabel('Backup file').fill(backupFile);
    await write.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
    await write.getByLabel('Confirm backup passphrase').fill(BACKUP_PASSPHRASE);
    await write.getByRole('button', { name: 'Write backup' }).click();
    await write.getByText(/already exists\. Choose another file name/).waitFor();
    await write.getByLabel('Replace the file if it exists').check();
    await write.getByRole('button', { name: 'Write backup' }).click();
    await page.getByText(`Backup written: 1 key to ${backupFile}.`).waitFor();
    await dismissToasts(page);

    // Restore into this vault: a wrong passphrase is refused; the check finds the key already here.
    const restore = section.getByRole('form', { name: 'Restore a backup' });
    await restore.getByLabel('Backup file').fill(backupFile);
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
    await envImport.getByLabel('.env file').fill(envFile);
    await envImport.getByRole('button', { name: 'Check first' }).click();
    await envImport.getByText('Check only, nothing changed: 1 key would be added, 0 skipped.').waitFor();
    expect(core.credentials.list()).toHaveLength(1);
    await envImport.getByRole('button', { name: 'Import' }).click();
    await envImport.getByText('1 key added, 0 skipped.').waitFor();
    await envImport.getByText(/delete/i).first().waitFor();
    expect(core.credentials.list().map((credential) => credential.provider).sort()).toEqual(['binance', 'bybit']);
    await screenshotThemes('settings-backup');

    await goTo(page, 'Accounts');
    await page.getByText('Bybit', { exact: true }).first().waitFor();
  });

  test('says what is wrong with a file that is not a backup, and changes nothing', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState } = session;
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const notABackup = path.join(folder, 'notes.txt');
    writeFileSync(notABackup, 'just some notes\n');
    const restore = page.getByRole('region', { name: 'Backup and restore' }).getByRole('form', { name: 'Restore a backup' });
    await restore.getByRole('button', { name: 'Restore' }).click();
    await restore.getByText('Enter the file to read.').waitFor();
    await restore.getByLabel('Backup file').fill(notABackup);
    await restore.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE);
    await restore.getByRole('button', { name: 'Restore' }).click();
    await restore.getByText(/not a Keywarden backup/).waitFor();
    expect(core.credentials.list()).toEqual([]);
    // Without the desktop app's window there is no system dialog to show: the path is typed.
    await restore.getByRole('button', { name: 'Choose…' }).click();
    await restore.getByText('Choosing a file from a dialog needs the Keywarden desktop app. Type the file\'s full path instead.').waitFor();
  });

  test('Choose… fills in the file from the system dialog; one the save dialog agreed to replace is written over', async () => {
    const backupFile = path.join(folder, 'chosen.kwbackup');
    const envFile = path.join(folder, '.env');
    // What the person picks in each dialog, in order (null: closed the dialog); the app's save dialog
    // asks before an existing file is chosen, so such a file comes back as a confirmed replacement.
    const picks: (string | null)[] = [backupFile, backupFile, null, backupFile, envFile];
    const asked: FileChoicePurpose[] = [];
    const session = await app.open({
      before: createUnlockedVault,
      chooseFile: async (purpose) => {
        asked.push(purpose);
        const file = picks.shift() ?? null;
        return { file, replaceConfirmed: purpose === 'backup-export' && file !== null && existsSync(file) };
      },
    });
    const { page, core, waitForAppState } = session;
    session.rememberSecret('the backup passphrase', BACKUP_PASSPHRASE);
    await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: session.makeBinanceKey('Binance') }, 'cli');
    const { token } = core.webhook.sources.create({ label: 'BTC strategy', scope: { accounts: ['Binance main'], maxNotionalUsd: 200 } }, 'cli');
    session.rememberSecret('the alert source token', token);
    await waitForAppState('ready');
    await goTo(page, 'Settings');
    const section = page.getByRole('region', { name: 'Backup and restore' });

    const write = section.getByRole('form', { name: 'Write a backup' });
    const writeBackup = async () => {
      await write.getByRole('button', { name: 'Choose…' }).click();
      await expect.poll(() => write.getByLabel('Backup file').inputValue()).toBe(backupFile);
      await write.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
      await write.getByLabel('Confirm backup passphrase').fill(BACKUP_PASSPHRASE);
    };
    await writeBackup();
    expect(await write.getByLabel('Replace the file if it exists').isChecked()).toBe(false);
    await write.getByRole('button', { name: 'Write backup' }).click();
    await page.getByText(`Backup written: 1 key to ${backupFile}.`).waitFor();
    await dismissToasts(page);
    // The same file chosen again: the dialog asked to replace it, so replacing is ticked and it is written.
    await writeBackup();
    expect(await write.getByLabel('Replace the file if it exists').isChecked()).toBe(true);
    // Typing another path takes back the tick the dialog gave; ticking by hand is the person's own.
    await write.getByLabel('Backup file').fill(`${backupFile}.other`);
    expect(await write.getByLabel('Replace the file if it exists').isChecked()).toBe(false);
    await write.getByLabel('Backup file').fill(backupFile);
    await write.getByLabel('Replace the file if it exists').check();
    await write.getByRole('button', { name: 'Write backup' }).click();
    await page.getByText(`Backup written: 1 key to ${backupFile}.`).waitFor();
    await dismissToasts(page);

    // Closing the dialog leaves the field as it was; then the backup is chosen and checked.
    const restore = section.getByRole('form', { name: 'Restore a backup' });
    await restore.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => asked.length).toBe(3);
    expect(await restore.getByLabel('Backup file').inputValue()).toBe('');
    await restore.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => restore.getByLabel('Backup file').inputValue()).toBe(backupFile);
    await restore.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE);
    // The alert source was deleted since the backup: the check says it would come back, token and all.
    core.webhook.sources.delete('BTC strategy', 'cli');
    await restore.getByRole('button', { name: 'Check first' }).click();
    await restore.getByText('Check only, nothing changed: 0 keys would be added, 1 skipped.').waitFor();
    await restore.getByText('Would restore: alert source "BTC strategy".').waitFor();
    await restore.getByRole('button', { name: 'Restore' }).click();
    await restore.getByText('Restored: alert source "BTC strategy".').waitFor();
    expect(core.webhook.sources.authenticate(token).source?.label).toBe('BTC strategy');

    const envImport = section.getByRole('form', { name: 'Import keys from a .env file' });
    await envImport.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => envImport.getByLabel('.env file').inputValue()).toBe(envFile);
    expect(asked).toEqual(['backup-export', 'backup-export', 'backup-import', 'backup-import', 'env-import']);
    await session.screenshot('settings-backup-chosen');
    await goTo(page, 'Accounts');
  });
});
