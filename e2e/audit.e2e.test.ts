/** The audit log: records of what was done (here and in the CLI), filtering, and the integrity check. */
import { describe, expect, test } from 'vitest';
import { useKeywardenApp } from './harness/keywarden-app';
import { goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';
import { databaseOf } from '../electron/testing/test-core';

const app = useKeywardenApp();

describe('audit log', () => {
  test('lists entries, filters them, and says the chain is intact, or where it was broken', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    const key = session.makeBybitKey('Bybit');
    await core.credentials.create({ provider: 'bybit', label: 'Bybit main', fields: key }, 'cli');
    await page.getByRole('article', { name: 'Bybit main' }).waitFor();
    await page.getByRole('button', { name: 'Edit Bybit main' }).click();
    await page.getByRole('dialog').getByLabel('Label', { exact: true }).fill('Bybit spot');
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('article', { name: 'Bybit spot' }).waitFor();

    await goTo(page, 'Audit log');
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: 'Vault created' }).waitFor();
    await rows.filter({ hasText: 'Key added' }).filter({ hasText: 'CLI' }).waitFor();
    await rows.filter({ hasText: 'Key edited' }).filter({ hasText: 'You (app)' }).filter({ hasText: 'Bybit spot' }).waitFor();

    await page.getByLabel('Show').selectOption({ label: 'Keys (added, checked, rotated, revoked)' });
    await rows.filter({ hasText: 'Vault created' }).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(3); // header + two key records

    await page.getByRole('button', { name: 'Verify integrity' }).click();
    await page.getByRole('status').filter({ hasText: 'Intact.' }).waitFor();
    await page.getByText(/All \d+ records check out/).waitFor();
    await screenshotThemes('audit-log');

    // Someone edits a record in the file: the check finds it and says so plainly.
    databaseOf(core).sqlite.prepare("UPDATE audit_log SET details = json_set(details, '$.label', 'Someone else') WHERE action = 'credential.create'").run();
    await page.getByRole('button', { name: 'Verify integrity' }).click();
    await page.getByRole('alert').filter({ hasText: 'The audit log was tampered with.' }).waitFor();
    const report = core.audit.verify();
    expect(report.ok).toBe(false);
    if (!report.ok) await page.getByText(report.message, { exact: false }).waitFor();
    // The list is reloaded with the check, and the first bad record is marked.
    await page.locator('tr.audit-table__row--bad', { hasText: 'Someone else' }).waitFor();
    await screenshotThemes('audit-log-tampered');
  });
});
