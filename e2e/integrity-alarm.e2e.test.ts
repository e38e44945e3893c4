/** Issue 14: a row that decides whether money moves, changed outside Keywarden, is named in a red banner over every page. */
import { describe, expect, test } from 'vitest';
import { useKeywardenApp } from './harness/keywarden-app';
import { createUnlockedVault } from './harness/vault-setup';
import { databaseOf } from '../electron/testing/test-core';

const app = useKeywardenApp();

describe('integrity alarm', () => {
  test('a key whose exchange was changed in the database file is named in the banner; trading is paused', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState } = session;
    await waitForAppState('ready');
    const key = session.makeBybitKey('Bybit');
    const info = await core.credentials.create({ provider: 'bybit', label: 'Bybit main', fields: key }, 'cli');
    await page.getByRole('article', { name: 'Bybit main' }).waitFor();
    await expect(page.getByTestId('integrity-banner').count()).resolves.toBe(0);

    // Malware, or a synced copy edited elsewhere: the key now claims to be a Binance key.
    databaseOf(core).sqlite.prepare("UPDATE credentials SET provider = 'binance' WHERE id = ?").run(info.id);
    // The next check (the app reloading its keys, or any use of the key) finds it.
    expect(core.integrity.checkAll()).toEqual([{ table: 'credentials', key: info.id, label: 'key "Bybit main"' }]);

    const banner = page.getByRole('alert').filter({ hasText: 'Changed outside Keywarden' });
    await banner.waitFor();
    await banner.getByText('key "Bybit main"').waitFor();
    await expect.poll(() => core.trading.isPaused()).toBe(true);

    // Deleting the key (the person's review) clears the alarm, and the banner goes without a reload.
    core.credentials.delete(info.id, 'cli');
    await banner.waitFor({ state: 'detached' });

    // A change the person made themselves can be kept from the banner: it is MAC'd again, and audited.
    const other = await core.credentials.create({ provider: 'bybit', label: 'Bybit second', fields: session.makeBybitKey('Bybit second') }, 'cli');
    databaseOf(core).sqlite.prepare("UPDATE credentials SET label = label, trading_block = 'withdraw-enabled' WHERE id = ?").run(other.id);
    expect(core.integrity.checkAll()).toEqual([{ table: 'credentials', key: other.id, label: 'key "Bybit second"' }]);
    await banner.getByText('key "Bybit second"').waitFor();
    await session.screenshot('integrity-banner');
    await banner.getByRole('button', { name: 'Keep as it is: key "Bybit second"' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(core.audit.list({ actionPrefix: 'integrity.acknowledge', limit: 1 })[0]).toMatchObject({ subject: other.id, outcome: 'ok' });
  });
});
