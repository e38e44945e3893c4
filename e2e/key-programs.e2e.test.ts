/**
 * Issue 16: the key page's switch that lets programs (keywarden run) use a key. Off by default;
 * turning it on and off goes through credentials.update and is audited. The window never receives
 * a field (the fixture scans the DOM and every bridge answer).
 */
import { describe, expect, test } from 'vitest';
import { useKeywardenApp } from './harness/keywarden-app';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();

describe('letting programs use a key', () => {
  test('the key page has the switch, off by default, and it changes the key in the core', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState } = session;
    const info = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: session.makeBinanceKey('Binance') }, 'cli');
    await waitForAppState('ready');

    await page.getByRole('article', { name: 'Binance main' }).getByRole('button', { name: 'Details of Binance main' }).click();
    const programs = page.getByRole('region', { name: 'Programs' });
    const allow = programs.getByRole('checkbox', { name: 'Allow programs to use this key' });
    await expect(allow.isChecked()).resolves.toBe(false);

    await allow.click();
    await page.getByText('Programs you start through Keywarden may now use “Binance main”.').waitFor();
    expect(core.credentials.get(info.id).allowPrograms).toBe(true);
    await expect(allow.isChecked()).resolves.toBe(true);

    await allow.click();
    await page.getByText('No program is handed “Binance main” any more.').waitFor();
    expect(core.credentials.get(info.id).allowPrograms).toBe(false);
    const changes = core.audit.list({ actionPrefix: 'credential.update', limit: 5 }).map((row) => [row.actor, row.details?.['allowPrograms']]);
    expect(changes).toEqual([['ui', false], ['ui', true]]);
  });
});
