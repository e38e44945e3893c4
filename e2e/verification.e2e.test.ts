/**
 * Key checks against an offline fake Binance (real ccxt, real signatures): verifying one key and
 * all keys (ok, bad secret, a key that can withdraw shown as dangerous), accepting the withdraw
 * risk; the key page: rotation (a refused new key leaves the old one working; a good one is swapped
 * in, then the old key is checked until it is dead), and revocation. The fixture scans for every
 * key these scenarios typed or created after each one.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readCredentialSettings } from '../electron/core/credentials/credential-settings';
import { startFakeExchange, type FakeExchange } from '../electron/testing/fake-exchange';
import { useKeywardenApp } from './harness/keywarden-app';
import { addKey, dismissToasts, goTo, keyRow, openAccount, openAddKeyForm } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';
import { databaseOf } from '../electron/testing/test-core';

const app = useKeywardenApp();
let binance: FakeExchange;
let bybit: FakeExchange;

beforeAll(async () => {
  binance = await startFakeExchange({ exchange: 'binance' });
  bybit = await startFakeExchange({ exchange: 'bybit' });
});
afterAll(async () => {
  await Promise.all([binance.stop(), bybit.stop()]);
});

const withFakeBinance = () => ({ before: createUnlockedVault, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 3000 });

describe('verification', () => {
  test('Test and save checks a new key with the exchange first, and saves only a key it accepts', async () => {
    const session = await app.open(withFakeBinance());
    const { page, core } = session;
    const good = session.makeBinanceKey('Binance tested');
    binance.addKey({ ...good, allowedIps: ['127.0.0.1'] });
    await addKey(page, { exchange: 'Binance', label: 'Binance tested', key: good }, { test: true });
    const card = page.getByRole('article', { name: 'Binance tested' });
    await card.getByText('Working', { exact: true }).waitFor();
    expect(core.credentials.get('Binance tested')).toMatchObject({ status: 'active', permissions: { trade: true, withdraw: false } });

    const unknown = session.makeBinanceKey('Binance unknown');
    await openAddKeyForm(page, 'Binance');
    await page.getByLabel('Label', { exact: true }).fill('Binance unknown');
    await page.getByLabel('API key', { exact: true }).fill(unknown.apiKey);
    await page.getByLabel('API secret', { exact: true }).fill(unknown.secret);
    await page.getByRole('button', { name: 'Test and save', exact: true }).click();
    await page.getByText(/^Binance did not accept this key, so it was not saved\./).waitFor();
    await session.screenshot('test-and-save-refused');
    expect(core.credentials.list().map((c) => c.label)).toEqual(['Binance tested']);
    // Leaving the form empties it, so no secret stays in the page.
    await goTo(page, 'Accounts');
  });

  test('Verify all shows each key done as soon as its exchange answers, before the slowest one has', async () => {
    const session = await app.open({ before: createUnlockedVault, exchangeUrlOverrides: { binance: binance.url, bybit: bybit.url }, exchangeTimeoutMs: 8000 });
    const { page, core, waitForAppState } = session;
    const fast = session.makeBinanceKey('Binance fast');
    const slow = session.makeBybitKey('Bybit slow');
    binance.addKey({ ...fast, allowedIps: ['127.0.0.1'] });
    bybit.addKey({ ...slow, allowedIps: ['127.0.0.1'] });
    await core.credentials.create({ provider: 'binance', label: 'Binance fast', fields: fast }, 'cli');
    await core.credentials.create({ provider: 'bybit', label: 'Bybit slow', fields: slow }, 'cli');
    await waitForAppState('ready');
    // Bybit answers seconds later: time for the test to see the Binance key done on its own.
    bybit.setLatency(4000);
    try {
      await page.getByRole('button', { name: 'Verify all' }).click();
      await page.getByText('Checking 2 keys with their exchanges… 1 of 2 done').waitFor();
      // The list says each key's state as soon as it is known; the chosen key's card answers in place.
      await keyRow(page, 'Binance fast').getByText('Working', { exact: true }).waitFor();
      await openAccount(page, 'Binance fast');
      expect(await page.getByRole('button', { name: 'Verify Binance fast' }).isDisabled()).toBe(false);
      await openAccount(page, 'Bybit slow');
      await page.getByRole('article', { name: 'Bybit slow' }).getByText('Checking with Bybit…').waitFor();
      expect(await page.getByRole('progressbar', { name: 'Keys checked' }).evaluate((bar) => (bar as unknown as { value: number; max: number }).value)).toBe(1);
      await session.screenshot('verify-all-progress');
    } finally {
      bybit.setLatency(0);
    }
    await page.getByRole('heading', { name: 'Checked 2 keys' }).waitFor({ timeout: 20_000 });
    await page.getByRole('region', { name: 'Checked 2 keys' }).getByText('All 2 keys are working.').waitFor();
    expect(core.credentials.list().map((credential) => credential.status)).toEqual(['active', 'active']);
  });

  test('verifies one key and all keys, flags a key that can withdraw, and accepting the risk unblocks it', async () => {
    const session = await app.open(withFakeBinance());
    const { page, core, waitForAppState, screenshotThemes } = session;
    const main = session.makeBinanceKey('Binance main');
    const wrong = session.makeBinanceKey('Binance wrong');
    const risky = session.makeBinanceKey('Binance risky');
    binance.addKey({ ...main, allowedIps: ['127.0.0.1'] });
    // The exchange knows this API key, with another secret than the one stored.
    binance.addKey({ apiKey: wrong.apiKey, secret: session.makeBinanceKey('the real secret').secret });
    binance.addKey({ ...risky, permissions: { withdraw: true } });
    await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: main }, 'cli');
    await core.credentials.create({ provider: 'binance', label: 'Binance wrong secret', fields: wrong }, 'cli');
    const riskyInfo = await core.credentials.create({ provider: 'binance', label: 'Binance withdraw', fields: risky }, 'cli');
    await waitForAppState('ready');

    // One key: the card answers in place.
    await openAccount(page, 'Binance main');
    const mainCard = page.getByRole('article', { name: 'Binance main' });
    await mainCard.getByRole('button', { name: 'Verify Binance main' }).click();
    await mainCard.getByText('The key works.').waitFor();
    await mainCard.getByText('OK', { exact: true }).waitFor();
    await mainCard.getByText('Working', { exact: true }).waitFor();
    await mainCard.getByText('Limited to your IP addresses', { exact: true }).waitFor();

    // All keys: a busy state that says how many, then one line per account.
    binance.setLatency(400);
    await page.getByRole('button', { name: 'Verify all' }).click();
    await page.getByText('Checking 3 keys with their exchanges…').waitFor();
    const results = page.getByRole('list', { name: 'Results' });
    await results.waitFor();
    binance.setLatency(0);
    await page.getByRole('heading', { name: 'Checked 3 keys' }).waitFor();
    // Counted by state in the glossary's words; the blocked key is not counted as working (issue 21).
    await page.getByText('1 working, 1 trading blocked, 1 not working. Keywarden will not trade with the blocked key until you review it.').waitFor();
    const wrongLine = results.getByRole('listitem', { name: 'Binance wrong secret' });
    await wrongLine.getByText('Bad secret', { exact: true }).waitFor();
    await wrongLine.getByText('Binance knows the API key, but the secret does not match it.').waitFor();
    await wrongLine.getByText(/What to do: Rotate the key in Keywarden and paste the secret again/).waitFor();
    const riskyLine = results.getByRole('listitem', { name: 'Binance withdraw' });
    for (const badge of ['Trading blocked', 'Can withdraw', 'Key will die: no IP restriction']) await riskyLine.getByText(badge, { exact: true }).waitFor();
    await expect(riskyLine.getByText('OK', { exact: true }).count()).resolves.toBe(0);

    // The card of the key that can withdraw: dangerous, trading blocked, with the way to unblock it.
    await openAccount(page, 'Binance withdraw');
    const riskyCard = page.getByRole('article', { name: 'Binance withdraw' });
    // No IP restriction on a key that can move money: Binance deletes it (issue 20), a danger badge, not a mild one.
    // Its state is "Trading blocked", never "Working" beside a danger (issue 21).
    // "Trading blocked" twice: the key's state, and its last check (which passed).
    for (const badge of ['Can withdraw', 'Trading blocked', 'Will be deleted (no IP restriction)']) await riskyCard.getByText(badge, { exact: true }).first().waitFor();
    await expect(riskyCard.getByText('Working', { exact: true }).count()).resolves.toBe(0);
    // Its last check passed, but it reads "Trading blocked", not a green "OK" beside the danger.
    await riskyCard.getByText('Last check', { exact: true }).first().waitFor();
    await expect(riskyCard.getByText('OK', { exact: true }).count()).resolves.toBe(0);
    await riskyCard.getByText('Keywarden will not trade with it until you accept this risk.').waitFor();
    await riskyCard.getByText(/^Binance deletes API keys that can trade with no IP restriction/).waitFor();
    await keyRow(page, 'Binance wrong secret').getByText('Not working', { exact: true }).waitFor();
    await screenshotThemes('accounts-verified');

    await riskyCard.getByRole('button', { name: 'Accept withdraw risk…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept that “Binance withdraw” can withdraw?' });
    await dialog.getByText(/can withdraw funds from your Binance account\. If it ever leaks/).waitFor();
    await dialog.getByText(/untick “Enable Withdrawals”/).waitFor();
    // The safe choice has the focus.
    await expect(dialog.getByRole('button', { name: 'Cancel' }).evaluate((button) => (button as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === button)).resolves.toBe(true);
    await screenshotThemes('accept-withdraw-risk');
    await dialog.getByRole('button', { name: 'Accept the risk and allow trading' }).click();
    await page.getByText('Accepted: Keywarden may now trade with “Binance withdraw”.', { exact: false }).waitFor();
    await riskyCard.getByText('Trading blocked', { exact: true }).first().waitFor({ state: 'detached' });
    await riskyCard.getByText('You accepted this risk, so Keywarden trades with it.', { exact: false }).waitFor();
    expect(core.credentials.get(riskyInfo.id)).toMatchObject({ tradingBlock: null, withdrawRiskAccepted: true });
    expect(core.audit.list({ actionPrefix: 'credential.acceptRisk', limit: 5 })).toHaveLength(1);

    // The schedule of these checks lives in Settings.
    await goTo(page, 'Settings');
    const checks = page.getByRole('region', { name: 'Key checks' });
    await checks.getByLabel('Re-verify every (hours)').fill('12');
    await checks.getByLabel('Rotation reminder (days)').fill('30');
    await checks.getByRole('button', { name: 'Save key checks' }).click();
    await page.getByText('Saved: keys are checked every 12 hours, rotation is due after 30 days.').waitFor();
    expect(readCredentialSettings(databaseOf(core).db, core.integrity)).toEqual({ verifyIntervalHours: 12, rotationReminderDays: 30 });
  });

  test('the key page rotates to a checked new key (a refused one changes nothing), checks the old key, and revokes', async () => {
    const session = await app.open(withFakeBinance());
    const { page, core, waitForAppState, screenshotThemes } = session;
    const old = session.makeBinanceKey('old key');
    const fresh = session.makeBinanceKey('new key');
    const refused = session.makeBinanceKey('refused key');
    binance.addKey({ ...old, allowedIps: ['127.0.0.1'] });
    binance.addKey({ ...fresh, allowedIps: ['127.0.0.1'] });
    binance.addKey({ apiKey: refused.apiKey, secret: session.makeBinanceKey('the refused key real secret').secret });
    const info = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: old }, 'cli');
    await core.verifier.verify(info.id, 'cli');
    await waitForAppState('ready');

    await page.getByRole('article', { name: 'Binance main' }).getByRole('button', { name: 'Details of Binance main' }).click();
    await page.getByRole('heading', { level: 1, name: 'Binance main' }).waitFor();
    const permissions = page.getByRole('region', { name: 'Permissions' });
    await permissions.getByText('Cannot withdraw', { exact: true }).waitFor();
    const history = page.getByRole('region', { name: 'Verification history' });
    await history.getByRole('cell', { name: 'The key works.' }).waitFor();
    await page.getByRole('region', { name: 'Earlier keys' }).getByText('still uses its first key').waitFor();

    // A new key the exchange refuses: nothing changes, and the page says the old one still works.
    const rotate = page.getByRole('form', { name: 'New key for Binance main' });
    await rotate.getByLabel('API key', { exact: true }).fill(refused.apiKey);
    await rotate.getByLabel('API secret', { exact: true }).fill(refused.secret);
    await rotate.getByRole('button', { name: 'Verify and rotate' }).click();
    const refusal = rotate.getByRole('alert');
    await refusal.getByText('The new key was not accepted').waitFor();
    await refusal.getByText(/keeps its old key, which still works\. Binance knows the API key, but the secret does not match it\./).waitFor();
    await expect(rotate.getByLabel('API secret', { exact: true }).inputValue()).resolves.toBe('');
    expect(core.credentials.get(info.id).fingerprint).toBe(info.fingerprint);
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(old);
    await screenshotThemes('rotate-refused');

    // A good new key: checked, swapped in, then the steps to retire the old one.
    await rotate.getByLabel('API key', { exact: true }).fill(fresh.apiKey);
    await rotate.getByLabel('API secret', { exact: true }).fill(fresh.secret);
    await rotate.getByRole('button', { name: 'Verify and rotate' }).click();
    const finish = page.getByRole('region', { name: 'Finish the rotation' });
    await finish.getByText('“Binance main” now uses the new key.').waitFor();
    await finish.getByText(`The old key’s fingerprint was ${info.fingerprint}.`, { exact: false }).waitFor();
    expect(core.credentials.getDecrypted(info.id).secrets).toEqual(fresh);
    await page.getByRole('region', { name: 'Earlier keys' }).getByText(info.fingerprint).waitFor();

    // Not deleted on the exchange yet: the check says so, as a warning.
    await finish.getByRole('button', { name: 'Check that the old key stopped working' }).click();
    await finish.getByText('The old key still works').waitFor();
    await finish.getByText(/STILL WORKS on the exchange/).waitFor();
    await dismissToasts(page);
    await screenshotThemes('rotate-old-key-still-works');
    binance.removeKey(old.apiKey);
    await finish.getByRole('button', { name: 'Check that the old key stopped working' }).click();
    await finish.getByText('The old key is dead.').waitFor();
    await finish.getByRole('button', { name: 'Check that the old key stopped working' }).waitFor({ state: 'detached' });
    expect(core.credentials.get(info.id).retiredKeyExpiresAt).toBeNull();

    // Revoke, after a confirmation that names the key and says it is final.
    await page.getByRole('region', { name: 'Revoke in Keywarden' }).getByRole('button', { name: 'Revoke in Keywarden…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “Binance main”?' });
    await confirm.getByText('It cannot be undone.').waitFor();
    await screenshotThemes('revoke-dialog');
    await confirm.getByRole('button', { name: 'Revoke “Binance main”' }).click();
    await page.getByText('Revoked “Binance main”. Its secret is destroyed; nothing can use it again.').waitFor();
    await page.getByText('This key was revoked: its secret is destroyed').waitFor();
    expect(core.credentials.get(info.id).status).toBe('revoked');
    expect(core.audit.list({ actionPrefix: 'credential.', limit: 20 }).map((record) => record.action)).toEqual(expect.arrayContaining(['credential.rotate', 'credential.destroyOldKey', 'credential.revoke']));
  });
});
