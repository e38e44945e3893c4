/**
 * Issue 18, in the window: Polymarket accounts against the offline fake CLOB. An account connected
 * with its private key only (the CLOB API credentials derived from it) and verified with its pUSD; a
 * funder the key cannot sign for refused under the funder field, with the addresses it can sign for,
 * on the connect form and in an account's Funder section.
 * The fixture scans the DOM, the inputs and every bridge answer for the keys typed here after each
 * scenario.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeClob, type FakeClob } from '../electron/testing/fake-clob';
import { hardhat0, hardhat1, markets } from '../electron/testing/fake-clob/fixtures';
import { useKeywardenApp, type KeywardenSession } from './harness/keywarden-app';
import { dismissToasts } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';
import { TEST_PASSPHRASE } from '../electron/testing/test-core';

const app = useKeywardenApp();

describe('Polymarket', () => {
  let clob: FakeClob;

  beforeAll(async () => {
    // Hardhat #1's funder never approved the exchanges: it can sign in, but not trade yet.
    clob = await startFakeClob({ markets, accounts: [{ address: hardhat0.address, pusd: '250.5' }, { address: hardhat1.address, pusd: '20', allowances: {} }] });
  });
  afterAll(async () => {
    await clob.stop();
  });

  /** `scanForKey: false` for the export scenario: the export's answer carries the key on purpose. */
  async function openSession({ scanForKey = true } = {}): Promise<KeywardenSession> {
    const session = await app.open({ before: createUnlockedVault, exchangeUrlOverrides: { polymarket: clob.url } });
    await session.waitForAppState('ready');
    if (scanForKey) {
      session.rememberSecret('the signing wallet key', hardhat0.key);
      session.rememberSecret('the signing wallet key without 0x', hardhat0.key.slice(2));
    }
    return session;
  }

  async function openPolymarket(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Polymarket', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Polymarket' }).waitFor();
  }

  /** From the Polymarket page: connects an account by its private key only, with Test and save. */
  async function connect(page: Page, label: string): Promise<void> {
    await page.getByRole('button', { name: 'Connect an account' }).first().click();
    const form = page.getByRole('form', { name: 'Polymarket account' });
    await form.waitFor();
    await form.getByLabel('Label', { exact: true }).fill(label);
    await form.getByLabel('Signing wallet’s private key', { exact: true }).fill(hardhat0.key);
    await form.getByRole('button', { name: 'Test and save', exact: true }).click();
    await page.getByText(`Saved “${label}” after Polymarket accepted it.`).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Polymarket' }).waitFor();
  }

  test('connects an account by its private key only: credentials derived, verified, pUSD shown', async () => {
    const session = await openSession();
    const { page, core, screenshotThemes } = session;

    await openPolymarket(page);
    await page.getByRole('heading', { name: 'No Polymarket account yet' }).waitFor();
    await page.getByRole('button', { name: 'Connect an account' }).click();
    const form = page.getByRole('form', { name: 'Polymarket account' });
    await form.waitFor();
    // The key is masked; the funder is an address, shown as typed; the API credentials are folded away.
    await expect(form.getByLabel('Signing wallet’s private key', { exact: true }).getAttribute('type')).resolves.toBe('password');
    await expect(form.getByLabel('Funder address (optional)', { exact: true }).getAttribute('type')).resolves.toBe('text');
    await expect(form.getByLabel('CLOB API secret', { exact: true }).isVisible()).resolves.toBe(false);
    await form.getByText('I already have CLOB API credentials').click();
    await expect(form.getByLabel('CLOB API secret', { exact: true }).getAttribute('type')).resolves.toBe('password');
    await form.getByText('I already have CLOB API credentials').click();
    const signatureType = form.getByLabel('Signature type', { exact: true });
    await expect(signatureType.inputValue()).resolves.toBe('');
    await expect(signatureType.locator('option').allTextContents()).resolves.toEqual([
      'Work it out from the funder (recommended)',
      'Plain wallet: the key’s own address holds the funds (type 0)',
      'Email login: a Polymarket proxy wallet (type 1)',
      'Browser wallet: a Gnosis Safe (type 2)',
      'Deposit wallet: newer accounts (type 3)',
    ]);

    await form.getByLabel('Label', { exact: true }).fill('Poly main');
    await form.getByLabel('Signing wallet’s private key', { exact: true }).fill(hardhat0.key);
    await screenshotThemes('polymarket-connect-form');
    await form.getByRole('button', { name: 'Test and save', exact: true }).click();

    await page.getByText('Saved “Poly main” after Polymarket accepted it.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Polymarket' }).waitFor();
    const card = page.getByRole('article', { name: 'Poly main' });
    await card.getByText('Working', { exact: true }).waitFor();
    await card.getByText(/pUSD balance: 250\.5\./).waitFor();
    await card.getByText(/^0xf3.*2266$/i).waitFor();

    const [stored] = core.credentials.list();
    expect(stored).toMatchObject({ kind: 'polymarket', provider: 'polymarket', label: 'Poly main', status: 'active' });
    // Only the key was typed: no API credentials were stored, they are derived when needed.
    expect(stored?.fields).not.toContain('apiKey');
    // Not an exchange key: the Accounts page does not list it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts', exact: true }).click();
    await page.getByRole('heading', { name: 'No keys yet' }).waitFor();
    await openPolymarket(page);
    await dismissToasts(page);
    await screenshotThemes('polymarket-accounts');

    await page.getByRole('button', { name: 'Open Poly main' }).click();
    await page.getByRole('heading', { level: 1, name: 'Poly main' }).waitFor();
    await page.getByText(/pUSD balance: 250\.5\./).first().waitFor();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await page.getByText('Checking with Polymarket…').waitFor({ state: 'detached' });
    await page.getByText(/pUSD balance: 250\.5\./).first().waitFor();
  });

  test('a funder the key cannot sign for is refused under the funder field, naming the addresses it can sign for', async () => {
    const session = await openSession();
    const { page, core, screenshot } = session;

    await openPolymarket(page);
    await page.getByRole('button', { name: 'Connect an account' }).click();
    const form = page.getByRole('form', { name: 'Polymarket account' });
    await form.getByLabel('Label', { exact: true }).fill('Poly wrong funder');
    await form.getByLabel('Signing wallet’s private key', { exact: true }).fill(hardhat0.key);
    const funder = form.getByLabel('Funder address (optional)', { exact: true });
    await funder.fill(hardhat1.address);
    await form.getByRole('button', { name: 'Test and save', exact: true }).click();

    const message = form.getByText(/^This private key cannot sign for that funder address\./);
    await message.waitFor();
    await expect(message.textContent()).resolves.toMatch(/its own Polymarket proxy \(0x[0-9a-fA-F]{40}\); a browser wallet signs for its Gnosis Safe \(0x[0-9a-fA-F]{40}\)/);
    // The message is the funder field's, and the field has the focus.
    await expect(funder.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate("document.activeElement?.getAttribute('name')")).resolves.toBe('funderAddress');
    expect(core.credentials.list()).toEqual([]);
    await screenshot('polymarket-funder-refused');

    // Leaving the form empties it.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'No Polymarket account yet' }).waitFor();
    await expect(page.locator('input[data-secret]').count()).resolves.toBe(0);
  });

  test('the Funder section refuses a funder the key cannot sign for under its field, and keeps the one it had', async () => {
    const session = await openSession();
    const { page, core, screenshotThemes } = session;

    await openPolymarket(page);
    await connect(page, 'Poly funder');
    await page.getByRole('button', { name: 'Open Poly funder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Poly funder' }).waitFor();
    // The page's sections are tabs (WAI-ARIA): Trade first; the arrow keys move to Account and select it.
    const tabs = page.getByRole('tablist', { name: 'Sections of Poly funder' });
    await expect(tabs.getByRole('tab').allTextContents()).resolves.toEqual(['Trade', 'Account', 'Key']);
    const tradeTab = tabs.getByRole('tab', { name: 'Trade' });
    await expect(tradeTab.getAttribute('aria-selected')).resolves.toBe('true');
    await tradeTab.focus();
    await page.keyboard.press('ArrowRight');
    const accountTab = tabs.getByRole('tab', { name: 'Account' });
    await expect.poll(() => accountTab.getAttribute('aria-selected')).toBe('true');
    await expect(page.evaluate("document.activeElement?.textContent")).resolves.toBe('Account');
    await page.getByRole('tabpanel', { name: 'Account' }).getByRole('region', { name: 'Verification history' }).waitFor();
    // The header keeps the state and Verify on every tab.
    await page.getByRole('button', { name: 'Verify now' }).waitFor();
    // The tab is remembered while the app runs: back to the list and in again, Account is still open.
    await page.getByRole('button', { name: 'Back to Polymarket' }).click();
    await page.getByRole('button', { name: 'Open Poly funder' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Account' }).getAttribute('aria-selected')).toBe('true');
    // The tabs pass axe (the page tour does not reach this page).
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
    const section = page.getByRole('form', { name: 'Funder of Poly funder' });
    // The funder Keywarden worked out is stored; the section shows it and how the key signs for it.
    const now = section.getByRole('definition').filter({ hasText: /^0x[0-9a-fA-F]{40}$/ });
    await now.waitFor();
    await section.getByText('the signing wallet itself (type 0)').waitFor();
    await section.getByText('derived from the key').waitFor();
    // The connect form's select, with a first choice that keeps the stored type.
    const signatureType = section.getByLabel('Signature type', { exact: true });
    await expect(signatureType.inputValue()).resolves.toBe('keep');
    await expect(signatureType.locator('option').allTextContents()).resolves.toContain('Work it out from the funder (recommended)');
    const before = core.credentials.getDecrypted(core.credentials.list()[0]?.id ?? '').secrets;

    const funder = section.getByLabel('Replace the funder address', { exact: true });
    await expect(funder.getAttribute('type')).resolves.toBe('text');
    await funder.fill(hardhat1.address);
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    const message = section.getByText(/^This private key cannot sign for that funder address\./);
    await message.waitFor();
    await expect(message.textContent()).resolves.toMatch(/its own Polymarket proxy \(0x[0-9a-fA-F]{40}\); a browser wallet signs for its Gnosis Safe \(0x[0-9a-fA-F]{40}\)/);
    // The message is the funder field's, and the field has the focus.
    await expect(funder.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate("document.activeElement?.getAttribute('name')")).resolves.toBe('funderAddress');
    const [stored] = core.credentials.list();
    expect(stored?.status).toBe('active');
    expect(core.credentials.getDecrypted(stored?.id ?? '').secrets).toMatchObject({ funderAddress: before.funderAddress, signatureType: before.signatureType });
    await dismissToasts(page);
    await screenshotThemes('polymarket-funder-section-refused');

    // The funder it has already: nothing changes, and the section says so.
    await funder.fill(hardhat0.address);
    await section.getByRole('button', { name: 'Save', exact: true }).click();
    await section.getByText(/^Nothing changed: those are the settings it has/).waitFor();
    expect(core.credentials.list()[0]?.status).toBe('active');
  });

  test('an account whose funder has not approved the exchange is saved, and its card says what to do', async () => {
    const session = await openSession();
    const { page, screenshot } = session;
    session.rememberSecret('the second wallet key', hardhat1.key);
    session.rememberSecret('the second wallet key without 0x', hardhat1.key.slice(2));

    await openPolymarket(page);
    await page.getByRole('button', { name: 'Connect an account' }).click();
    const form = page.getByRole('form', { name: 'Polymarket account' });
    await form.getByLabel('Label', { exact: true }).fill('Poly new');
    await form.getByLabel('Signing wallet’s private key', { exact: true }).fill(hardhat1.key);
    await form.getByRole('button', { name: 'Test and save', exact: true }).click();
    await page.getByText('Saved “Poly new” after Polymarket accepted it.').waitFor();
    const card = page.getByRole('article', { name: 'Poly new' });
    await card.getByText('No allowance', { exact: true }).waitFor();
    await card.getByText(/Enable trading once on polymarket\.com with this account/).waitFor();
    await dismissToasts(page);
    await screenshot('polymarket-no-allowance');
  });

  test('exports the signing key after the vault passphrase is typed again, and Done hides it', async () => {
    // The export's answer carries the key on purpose, so the fixture's scan cannot look for it:
    // this scenario checks the page itself once the key is hidden.
    const session = await openSession({ scanForKey: false });
    const { page } = session;
    await openPolymarket(page);
    await connect(page, 'Poly export');
    await page.getByRole('button', { name: 'Open Poly export' }).click();
    await page.getByRole('heading', { level: 1, name: 'Poly export' }).waitFor();

    await page.getByRole('tab', { name: 'Key' }).click();
    await page.getByRole('button', { name: 'Export private key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the key of “Poly export”' });
    const passphrase = dialog.getByLabel('Vault passphrase', { exact: true });
    await passphrase.fill('not the passphrase at all');
    await dialog.getByRole('button', { name: 'Show the key' }).click();
    await expect.poll(() => passphrase.getAttribute('aria-invalid')).toBe('true');
    expect(await page.content()).not.toContain(hardhat0.key.slice(2));

    await passphrase.fill(TEST_PASSPHRASE);
    await dialog.getByRole('button', { name: 'Show the key' }).click();
    await expect(dialog.getByLabel('Private key', { exact: true }).textContent()).resolves.toMatch(new RegExp(`^(0x)?${hardhat0.key.slice(2)}$`, 'i'));
    await dialog.getByText(hardhat0.address).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await page.content()).toLowerCase()).not.toContain(hardhat0.key.slice(2));
    const values = await page.locator('input, textarea').evaluateAll((elements) => elements.map((element) => (element as unknown as { value: string }).value));
    expect(values.join('\n')).not.toContain(hardhat0.key.slice(2));
  });

  test('looks up a market, previews and places a limit buy that rests and cancels it, a market buy that fills, and an order over the limit blocked', async () => {
    const trading = await startFakeClob({ markets, accounts: [{ address: hardhat0.address, pusd: '250.5' }] });
    try {
      const session = await app.open({ before: createUnlockedVault, exchangeUrlOverrides: { polymarket: trading.url } });
      await session.waitForAppState('ready');
      session.rememberSecret('the signing wallet key', hardhat0.key);
      session.rememberSecret('the signing wallet key without 0x', hardhat0.key.slice(2));
      const { page, screenshotThemes } = session;
      await openPolymarket(page);
      await connect(page, 'Poly trader');
      await page.getByRole('button', { name: 'Open Poly trader' }).click();
      await page.getByRole('heading', { level: 1, name: 'Poly trader' }).waitFor();

      // The funder in full, with its pUSD.
      const holdings = page.getByRole('region', { name: 'pUSD and positions' });
      await holdings.getByText(hardhat0.address, { exact: true }).waitFor();
      await holdings.getByText('250.50 pUSD', { exact: true }).waitFor();
      await holdings.getByText('No positions yet.').waitFor();

      // The market by its slug: the question and each outcome's bid and ask.
      const lookup = page.getByRole('form', { name: 'Look up a market' });
      await lookup.getByLabel('Market', { exact: true }).fill('will-it-rain-tomorrow');
      await lookup.getByRole('button', { name: 'Look up' }).click();
      const market = page.getByRole('region', { name: 'Market: Will it rain tomorrow?' });
      await market.waitFor();
      const yes = market.getByRole('row', { name: 'Yes' });
      await expect(yes.getByRole('cell').allTextContents()).resolves.toEqual(['Yes', '45¢', '50¢', expect.any(String)]);
      await expect(market.getByRole('row', { name: 'No' }).getByRole('cell').allTextContents()).resolves.toEqual(['No', '48¢', '55¢', expect.any(String)]);

      // A limit buy under the best ask: previewed (value in $), placed, resting; then canceled.
      await yes.getByRole('button', { name: 'Buy Yes' }).click();
      const form = page.getByRole('form', { name: 'New order on Will it rain tomorrow?' });
      await form.getByRole('radio', { name: 'Limit' }).check();
      await form.getByLabel('Shares', { exact: true }).fill('10');
      await form.getByLabel('Limit price (pUSD a share)', { exact: true }).fill('0.46');
      await form.getByRole('button', { name: 'Preview', exact: true }).click();
      const gate = form.getByRole('status').filter({ hasText: 'Allowed' });
      await gate.waitFor();
      // Valued at the worse of the limit and the market: 10 shares at the 0.50 ask.
      await expect(form.locator('[data-preview="value"]').textContent()).resolves.toBe('$5.00');
      await dismissToasts(page);
      await screenshotThemes('polymarket-account-preview');
      await form.getByRole('button', { name: 'Place', exact: true }).click();
      await form.getByText('Order open', { exact: true }).waitFor();
      const orders = page.getByRole('table', { name: 'Orders of Poly trader' });
      const resting = orders.getByRole('row', { name: /^Buy .*Yes.*, Open$/ });
      await resting.waitFor();
      expect([...trading.state.orders.values()].filter((order) => order.status === 'LIVE')).toHaveLength(1);
      await resting.getByRole('button', { name: /^Cancel / }).click();
      await orders.getByRole('row', { name: /^Buy .*Yes.*, Canceled$/ }).waitFor();
      expect([...trading.state.orders.values()].filter((order) => order.status === 'LIVE')).toHaveLength(0);

      // A market buy of 5 pUSD, all or nothing: it fills at the best ask and the position shows.
      await form.getByRole('radio', { name: 'Market' }).check();
      await form.getByLabel('pUSD to spend', { exact: true }).fill('5');
      await expect(form.getByRole('radio', { name: 'All or nothing' }).isChecked()).resolves.toBe(true);
      await form.getByRole('button', { name: 'Preview', exact: true }).click();
      await form.getByRole('status').filter({ hasText: 'Allowed' }).waitFor();
      await form.getByRole('button', { name: 'Place', exact: true }).click();
      await form.getByText('Order filled', { exact: true }).waitFor();
      await orders.getByRole('row', { name: /^Buy .*Yes.*, Filled$/ }).waitFor();
      await holdings.getByRole('table', { name: 'Positions' }).getByRole('row', { name: /Yes$/ }).getByText('10', { exact: true }).waitFor();
      await holdings.getByText('245.50 pUSD', { exact: true }).waitFor();

      // Over the $100 an order the vault starts with: the gate blocks it, and Place stays off.
      await form.getByRole('radio', { name: 'Limit' }).check();
      await form.getByLabel('Shares', { exact: true }).fill('300');
      await form.getByLabel('Limit price (pUSD a share)', { exact: true }).fill('0.46');
      await form.getByRole('button', { name: 'Preview', exact: true }).click();
      await form.getByRole('status').filter({ hasText: /^Blocked: / }).waitFor();
      await expect(form.getByRole('button', { name: 'Place', exact: true }).isDisabled()).resolves.toBe(true);
      await screenshotThemes('polymarket-account-blocked');
    } finally {
      await trading.stop();
    }
  });
});
