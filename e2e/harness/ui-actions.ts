/** What a user does, as Playwright steps: find things by role and label, as a screen reader would. */
import type { Page } from 'playwright-core';
import type { TestKey } from '../../electron/testing/fake-exchange/keys';

export type Section = 'Accounts' | 'AI keys' | 'Trade' | 'Risk limits' | 'Webhook' | 'Audit log' | 'Settings';

export async function goTo(page: Page, section: Section): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: section, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: section }).waitFor();
}

export async function createVaultWithPassphrase(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
}

export async function unlockWithPassphrase(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Passphrase', { exact: true }).press('Enter');
}

export interface NewKey {
  readonly exchange: 'Binance' | 'Bybit';
  readonly label: string;
  readonly environment?: 'Live' | 'Testnet';
  readonly key: TestKey;
}

/** Opens "Add key" and picks the exchange; leaves the form open. */
export async function openAddKeyForm(page: Page, exchange: string): Promise<void> {
  await page.getByRole('button', { name: /^Add (your first )?key$/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a key' }).waitFor();
  await page.getByRole('searchbox', { name: 'Exchange' }).fill(exchange.slice(0, 3).toLowerCase());
  await page.getByRole('list', { name: 'Exchanges' }).getByRole('button', { name: new RegExp(`^${exchange}\\b`) }).first().click();
  await page.getByRole('form', { name: `${exchange} key` }).waitFor();
}

/** Adds a key through the form; `test` picks "Test and save" (needs a reachable exchange), else "Save without testing". */
export async function addKey(page: Page, { exchange, label, environment = 'Live', key }: NewKey, { test = false }: { test?: boolean } = {}): Promise<void> {
  await openAddKeyForm(page, exchange);
  await page.getByRole('radio', { name: new RegExp(`^${environment}`) }).check();
  await page.getByLabel('Label', { exact: true }).fill(label);
  await page.getByLabel('API key', { exact: true }).fill(key.apiKey);
  await page.getByLabel('API secret', { exact: true }).fill(key.secret);
  await page.getByRole('button', { name: test ? 'Test and save' : 'Save without testing', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  await page.getByRole('article', { name: label }).waitFor();
}

/** A key's row in the Accounts list (its name is the whole row: label, exchange, network, state). */
export function keyRow(page: Page, label: string) {
  return page.getByRole('listbox', { name: 'Keys' }).getByRole('option').filter({ has: page.getByText(label, { exact: true }) });
}

/** Shows one key of the Accounts list beside it (its card is then the article named by its label). */
export async function openAccount(page: Page, label: string): Promise<void> {
  // The list is virtualised: a key far down is in the page only once the search brings it up.
  const search = page.getByRole('search', { name: 'Find keys' }).getByRole('searchbox');
  await search.fill(label);
  await keyRow(page, label).click();
  await search.fill('');
  await page.getByRole('article', { name: label }).waitFor();
}

/** Closes every toast, so a screenshot shows the page under them. */
export async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.locator('.toast-region').getByRole('button', { name: 'Dismiss' });
  // A success toast may also leave by itself between the count and the click.
  for (let left = await buttons.count(); left > 0; left = await buttons.count()) {
    await buttons.first().click({ timeout: 1000 }).catch(() => undefined);
  }
}
