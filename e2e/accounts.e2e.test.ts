/**
 * Accounts: adding Binance and Bybit keys through the form, refusing a malformed one with the core's
 * field-specific message, editing and deleting. Nothing secret ever comes back to the page (the
 * fixture scans the DOM, inputs, storage and every bridge answer after each scenario).
 */
import { describe, expect, test } from 'vitest';
import { useKeywardenApp } from './harness/keywarden-app';
import { addKey, goTo, openAccount, openAddKeyForm } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();

describe('accounts', () => {
  test('adds a Binance key and a Bybit testnet key', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    const binance = session.makeBinanceKey('Binance');
    const bybit = session.makeBybitKey('Bybit');

    await openAddKeyForm(page, 'Binance');
    // The step-by-step help: read and trade on, withdrawals off, IP allow-list on.
    const help = page.getByRole('complementary', { name: 'Creating a safe key on Binance' });
    await help.getByText('Enable Withdrawals').waitFor();
    await help.getByText('Restrict access to trusted IPs only').waitFor();
    for (const field of ['API key', 'API secret']) {
      const input = page.getByLabel(field, { exact: true });
      await expect(input.getAttribute('type')).resolves.toBe('password');
      await expect(input.getAttribute('autocomplete')).resolves.toBe('off');
      await expect(input.getAttribute('spellcheck')).resolves.toBe('false');
      await expect(input.inputValue()).resolves.toBe('');
    }
    await page.getByText(/stores it as “Not checked yet”, for when Binance cannot be reached/).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await addKey(page, { exchange: 'Binance', label: 'Binance main', key: binance });
    await page.getByText('Saved “Binance main” without testing. It shows as “Not checked yet” until Keywarden checks it with Binance.').waitFor();
    await addKey(page, { exchange: 'Bybit', label: 'Bybit practice', environment: 'Testnet', key: bybit });

    // The key just added is the one shown beside the list.
    const bybitCard = page.getByRole('article', { name: 'Bybit practice' });
    await bybitCard.getByText('Testnet', { exact: true }).waitFor();
    await openAccount(page, 'Binance main');
    const binanceCard = page.getByRole('article', { name: 'Binance main' });
    await binanceCard.getByText('Live', { exact: true }).waitFor();
    await binanceCard.getByText('Not checked yet', { exact: true }).waitFor();
    await binanceCard.getByText(`${binance.apiKey.slice(0, 4)}…${binance.apiKey.slice(-4)}`).waitFor();
    await binanceCard.getByText('Known after the first check').waitFor();

    const stored = core.credentials.list();
    expect(stored.map((credential) => [credential.provider, credential.label, credential.environment, credential.status])).toEqual([
      ['binance', 'Binance main', 'live', 'unverified'],
      ['bybit', 'Bybit practice', 'testnet', 'unverified'],
    ]);
    await binanceCard.getByText(stored[0]?.fingerprint ?? 'missing').waitFor();
    // The key reached the core intact (only the core can read it back).
    expect(core.credentials.getDecrypted(stored[0]?.id ?? '').secrets).toEqual({ apiKey: binance.apiKey, secret: binance.secret });
    await screenshotThemes('accounts-two-keys');
  });

  test('a malformed key shows the error under its field and stores nothing', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    const good = session.makeBinanceKey('Binance');

    await screenshotThemes('accounts-empty');
    await page.getByRole('button', { name: 'Add your first key' }).click();
    const exchangeOptions = page.getByRole('list', { name: 'Exchanges' }).getByRole('button');
    await exchangeOptions.first().waitFor();
    const listed = await exchangeOptions.allTextContents();
    expect(listed[0]).toMatch(/^Binance/);
    expect(listed[1]).toMatch(/^Bybit/);
    expect(listed.length).toBeGreaterThan(50);
    await screenshotThemes('add-key-picker');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await openAddKeyForm(page, 'Binance');
    await page.getByLabel('Label', { exact: true }).fill('Broken key');

    // Checked as it is typed: a Binance API key is 64 letters and digits.
    const apiKey = page.getByLabel('API key', { exact: true });
    await apiKey.fill(good.apiKey.slice(0, 40));
    await page.getByText('A Binance API key is 64 letters and digits; this one has 40 characters.').waitFor();
    await expect(apiKey.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByRole('button', { name: 'Save without testing', exact: true }).click();
    await page.getByText('Enter the API secret.').waitFor();

    // A key file that cannot be read passes the light checks; the core refuses it and names the field.
    await apiKey.fill(good.apiKey);
    await page.getByRole('checkbox', { name: 'This is a private key file (Ed25519 or RSA key)' }).check();
    const brokenPem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINotAValidKeyAtAll\n-----END PRIVATE KEY-----';
    session.rememberSecret('the broken key file', 'MC4CAQAwBQYDK2VwBCIEINotAValidKeyAtAll');
    await page.getByLabel('API secret', { exact: true }).fill(brokenPem);
    await page.getByRole('button', { name: 'Save without testing', exact: true }).click();
    const secretError = page.getByText(/^The API secret looks like a key file but cannot be read/);
    await secretError.waitFor();
    await expect(page.getByLabel('API secret', { exact: true }).getAttribute('aria-describedby')).resolves.toContain(await secretError.getAttribute('id'));
    await screenshotThemes('add-key-error');

    expect(core.credentials.list()).toEqual([]);
    expect(core.audit.list({ actionPrefix: 'credential.', limit: 10 })).toEqual([]);

    // Leaving the form empties it.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'No keys yet' }).waitFor();
    await expect(page.locator('input[data-secret], textarea[data-secret]').count()).resolves.toBe(0);
  });

  test('shows what the last check found, and flags a key that can withdraw as dangerous', async () => {
    const session = await app.open({ before: createUnlockedVault });
    const { page, core, waitForAppState, screenshotThemes } = session;
    await waitForAppState('ready');
    const risky = await core.credentials.create({ provider: 'binance', label: 'Binance old', fields: session.makeBinanceKey('Binance') }, 'cli');
    const safe = await core.credentials.create({ provider: 'bybit', label: 'Bybit main', fields: session.makeBybitKey('Bybit') }, 'cli');
    // Verification has its own scenarios; here the stored outcome of one is all the page needs. It is
    // recorded through the store: a status written in SQL would be "changed outside Keywarden".
    const permissions = { read: true, trade: true, internalTransfer: false, universalTransfer: false, futures: false, margin: false, expiresAt: null };
    const recordCheck = (id: string, found: typeof permissions & { withdraw: boolean; ipRestricted: boolean; source: 'binance-api-restrictions' | 'bybit-query-api' }) =>
      core.verificationRecords.applyVerification(id, { outcome: 'ok', message: 'ok', latencyMs: 1, exchangeCode: null, checked: true, status: 'active', permissions: found, tradingBlock: null }, 'cli');
    recordCheck(risky.id, { ...permissions, withdraw: true, ipRestricted: false, source: 'binance-api-restrictions' });
    recordCheck(safe.id, { ...permissions, withdraw: false, ipRestricted: true, source: 'bybit-query-api' });
    await page.reload();
    await waitForAppState('ready');

    await openAccount(page, 'Binance old');
    const riskyCard = page.getByRole('article', { name: 'Binance old' });
    await riskyCard.getByText('This key can withdraw funds from your Binance account').waitFor();
    // One word per fact (docs/glossary.md): its state, then what it may do.
    for (const chip of ['Working', 'Can read', 'Can trade', 'Can withdraw', 'Any IP address']) await riskyCard.getByText(chip, { exact: true }).waitFor();
    await openAccount(page, 'Bybit main');
    const safeCard = page.getByRole('article', { name: 'Bybit main' });
    for (const chip of ['Working', 'Cannot withdraw', 'Limited to your IP addresses']) await safeCard.getByText(chip, { exact: true }).waitFor();
    await expect(safeCard.getByText('Can withdraw', { exact: true }).count()).resolves.toBe(0);
    await expect(safeCard.getByText('Never', { exact: true }).count()).resolves.toBe(0);
    await screenshotThemes('accounts-permissions');
  });

  test('edits a key and deletes it after a confirmation that names it', async () => {
    const session = await app.open({
      before: async (core) => {
        await createUnlockedVault(core);
      },
    });
    const { page, core, waitForAppState, screenshotThemes } = session;
    const key = session.makeBinanceKey('Binance');
    await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
    await waitForAppState('ready');
    // Created from "the CLI": the page learns of it from the credentials.changed event.
    const card = page.getByRole('article', { name: 'Binance main' });
    await card.waitFor();

    await card.getByRole('button', { name: 'Edit Binance main' }).click();
    let dialog = page.getByRole('dialog', { name: 'Edit “Binance main”' });
    // A label over 64 characters is kept whole and said so as it is typed, never cut.
    const tooLong = `Binance ${'x'.repeat(62)}`;
    await dialog.getByLabel('Label', { exact: true }).fill(tooLong);
    await dialog.getByText('A label can have at most 64 characters; this one has 70. Shorten it by 6.').waitFor();
    await expect(dialog.getByLabel('Label', { exact: true }).inputValue()).resolves.toBe(tooLong);
    await dialog.getByLabel('Label', { exact: true }).fill('Binance spot');
    // A saved key keeps its network: the dialog says how to move instead of offering a switch.
    await expect(dialog.getByRole('radio').count()).resolves.toBe(0);
    await dialog.getByText(/To move, create a key on Binance testnet, add it with “Add key”, then revoke this one\./).waitFor();
    await screenshotThemes('edit-key-dialog');
    await dialog.getByLabel('Label', { exact: true }).press('Enter');
    await page.getByText('Saved changes to “Binance spot”.').waitFor();
    const renamed = page.getByRole('article', { name: 'Binance spot' });
    await renamed.getByText('Live', { exact: true }).waitFor();
    // It stays the primary key, on the live exchange.
    expect(core.credentials.list().map((credential) => [credential.label, credential.environment, credential.isPrimary])).toEqual([['Binance spot', 'live', true]]);
    await renamed.getByText('primary live key').waitFor();

    // Escape closes a dialog without changing anything.
    await renamed.getByRole('button', { name: 'Edit Binance spot' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit “Binance spot”' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await renamed.getByRole('button', { name: 'Delete Binance spot' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Binance spot”?' });
    await confirm.getByText('still works on Binance until you delete it there').waitFor();
    await screenshotThemes('delete-key-dialog');
    await confirm.getByRole('button', { name: 'Delete “Binance spot”' }).click();
    await page.getByText('Deleted “Binance spot”. Its secret is destroyed.').waitFor();
    await page.getByRole('heading', { name: 'No keys yet' }).waitFor();
    expect(core.credentials.list()).toEqual([]);
    await goTo(page, 'Audit log');
    await page.getByRole('cell', { name: /Key “Binance spot” deleted/ }).waitFor();
  });
});
