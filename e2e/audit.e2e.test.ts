/** The audit log: sentences with key labels, filters, search, CSV export, the integrity check; readable at 900 px and accessible. */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { useKeywardenApp } from './harness/keywarden-app';
import { goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';
import { databaseOf, makeTempHome } from '../electron/testing/test-core';

const app = useKeywardenApp();

describe('audit log', () => {
  test('reads as sentences, filters and searches them, exports CSV, and says the chain is intact, or where it was broken', async () => {
    const folder = makeTempHome('keywarden-e2e-audit-');
    const csv = path.join(folder.home, 'audit.csv');
    const session = await app.open({ before: createUnlockedVault, chooseFile: async () => ({ file: csv, replaceConfirmed: false }) });
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    const key = session.makeBybitKey('Bybit');
    await core.credentials.create({ provider: 'bybit', label: 'Bybit main', fields: key }, 'cli');
    await page.getByRole('article', { name: 'Bybit main' }).waitFor();
    await page.getByRole('button', { name: 'Edit Bybit main' }).click();
    await page.getByRole('dialog').getByLabel('Label', { exact: true }).fill('Bybit spot');
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('article', { name: 'Bybit spot' }).waitFor();
    const global = core.limits.overview().global.limits;
    core.limits.change({ scope: 'global', ...global, maxOrderNotionalUsd: 1000 }, 'cli');

    await goTo(page, 'Audit log');
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: 'Vault created.' }).waitFor();
    // The label now, even for the record written under the old one; who did it; no action codes or ids.
    await rows.filter({ hasText: 'Key “Bybit spot” added.' }).filter({ hasText: 'by Command line' }).waitFor();
    await rows.filter({ hasText: 'Key “Bybit spot” edited: Name.' }).filter({ hasText: 'by You (app)' }).waitFor();
    await rows.filter({ hasText: 'Risk limits of all keys changed: Max order value: 100 → 1,000 USD.' }).waitFor();
    const text = await page.getByRole('table').innerText();
    expect(text).not.toMatch(/credential\.create|#\d+ ·|webhook\.|[a-z]+[A-Z][a-zA-Z]+:/);

    // Nothing scrolls sideways at 900 px, and the Result column is whole.
    await page.setViewportSize({ width: 900, height: 800 });
    const overflow = await page.locator('.table-frame').evaluate((frame) => frame.scrollWidth - frame.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const results = await page.locator('.audit-table__result .badge, .audit-table__result > *').first().evaluate((badge) => {
      const cell = badge.closest('td');
      return cell ? badge.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 0.5 : false;
    });
    expect(results).toBe(true);
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await page.getByLabel('Kind').selectOption({ label: 'Keys' });
    await rows.filter({ hasText: 'Vault created.' }).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(3); // header + two key records
    await page.getByLabel('Kind').selectOption({ label: 'All kinds' });
    // The key filter is the searchable picker: type to find the key, Enter picks it; "All keys" clears it.
    const keyFilter = page.getByRole('combobox', { name: 'Key', exact: true });
    await expect(keyFilter.inputValue()).resolves.toBe('All keys');
    await keyFilter.fill('bybit');
    await page.getByRole('listbox', { name: 'Accounts' }).getByRole('option', { name: /Bybit spot/ }).waitFor();
    await keyFilter.press('Enter');
    await expect(keyFilter.inputValue()).resolves.toBe('Bybit spot');
    await rows.filter({ hasText: 'Vault created.' }).waitFor({ state: 'detached' });
    await keyFilter.fill('all keys');
    await keyFilter.press('Enter');
    await expect(keyFilter.inputValue()).resolves.toBe('All keys');
    await page.getByLabel('Search').fill('max order');
    await rows.filter({ hasText: 'Key “Bybit spot” added.' }).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(2);
    await page.getByLabel('To').fill('2000-01-01');
    await page.getByText('No records match these filters.').waitFor();
    await page.getByLabel('To').fill('');
    await page.getByLabel('Search').fill('');
    await rows.filter({ hasText: 'Vault created.' }).waitFor();

    await page.getByRole('button', { name: 'Export CSV' }).click();
    await page.getByRole('status').filter({ hasText: 'Exported.' }).waitFor();
    expect(readFileSync(csv, 'utf8')).toContain('Key “Bybit spot” added.,Bybit spot,Keys,Done');

    await page.getByRole('button', { name: 'Verify integrity' }).click();
    await page.getByRole('status').filter({ hasText: 'Intact.' }).waitFor();
    await page.getByText(/All \d+ records check out/).waitFor();
    await screenshotThemes('audit-log');

    // Someone edits a record in the file: the check finds it and says so plainly.
    databaseOf(core).sqlite.prepare("UPDATE audit_log SET details = json_set(details, '$.environment', 'testnet') WHERE action = 'credential.create'").run();
    await page.getByRole('button', { name: 'Verify integrity' }).click();
    await page.getByRole('alert').filter({ hasText: 'The audit log was tampered with.' }).waitFor();
    const report = core.audit.verify();
    expect(report.ok).toBe(false);
    if (!report.ok) await page.getByText(report.message, { exact: false }).waitFor();
    // The list is reloaded with the check, and the first bad record is marked.
    await page.locator('tr.audit-table__row--bad', { hasText: 'Key “Bybit spot” added.' }).waitFor();
    await screenshotThemes('audit-log-tampered');
    folder.cleanup();
  });
});
