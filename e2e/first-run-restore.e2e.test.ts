/**
 * Issue 21: on a new computer, the first-run screen restores a backup instead of creating an empty vault
 * first. The backup file is chosen in the (scripted) system dialog; a wrong passphrase creates nothing;
 * the right one opens the app with the backup's keys, and the vault then unlocks with that passphrase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeBinanceHmacKey } from '../electron/testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore } from '../electron/testing/test-core';
import { useKeywardenApp } from './harness/keywarden-app';
import { unlockWithPassphrase } from './harness/ui-actions';

const app = useKeywardenApp();
const BACKUP_PASSPHRASE = 'seven copper kettles in the rain';
const binance = makeBinanceHmacKey();
let folder: string;
let backupFile: string;

beforeAll(async () => {
  // The old computer: a vault with one key, written to a backup.
  folder = mkdtempSync(path.join(os.tmpdir(), 'keywarden-e2e-first-run-'));
  backupFile = path.join(folder, 'old-computer.kwbackup');
  const old = createTestCore(path.join(folder, 'old-home'));
  try {
    await old.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    await old.credentials.create({ provider: 'binance', label: 'Binance main', fields: binance }, 'cli');
    await old.backups.export({ file: backupFile, vaultPassphrase: TEST_PASSPHRASE, passphrase: BACKUP_PASSPHRASE, overwrite: false }, 'cli');
  } finally {
    old.close();
  }
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('first run: restore from a backup', () => {
  test('a wrong passphrase creates nothing; the right one opens the app with the backup’s keys', async () => {
    const session = await app.open({ chooseFile: async () => ({ file: backupFile, replaceConfirmed: false }) });
    const { page, core, waitForAppState, screenshotThemes } = session;
    session.rememberSecret('the backup passphrase', BACKUP_PASSPHRASE);
    session.rememberSecret('the Binance API key', binance.apiKey);
    session.rememberSecret('the Binance API secret', binance.secret);
    await waitForAppState('first-run');
    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    const form = page.getByRole('form', { name: 'Restore from a backup' });
    await form.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => form.getByLabel('Backup file').inputValue()).toBe(backupFile);

    await form.getByLabel('Backup passphrase').fill('not the backup passphrase');
    await form.getByRole('button', { name: 'Restore vault' }).click();
    await form.getByText(/passphrase/i).first().waitFor();
    await form.locator('[aria-invalid="true"]').waitFor();
    expect((await core.vault.status()).initialized).toBe(false);
    await screenshotThemes('first-run-restore');

    await form.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE);
    await form.getByRole('button', { name: 'Restore vault' }).click();
    await waitForAppState('ready');
    await page.getByText('Vault restored from the backup: 1 key.', { exact: false }).waitFor();
    await page.getByRole('article', { name: 'Binance main' }).waitFor();

    // The restored vault unlocks with the backup's passphrase.
    await page.getByRole('button', { name: 'Lock now' }).click();
    await waitForAppState('locked');
    await unlockWithPassphrase(page, BACKUP_PASSPHRASE);
    await waitForAppState('ready');
  });
});
