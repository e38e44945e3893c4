/**
 * Issue 17, in the window: AI provider keys have a place of their own. An OpenAI key added with
 * "Test and save" against the offline fake provider, a key the provider refuses (nothing saved), a
 * key unlike the provider's format (a warning that never blocks), an expiry date set and removed on
 * the key's page, and the usage view with the keys nobody used. The fixture scans the DOM, the
 * inputs and every bridge answer for the keys typed here after each scenario.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiProvider } from '../electron/testing/fake-ai-provider';
import { useKeywardenApp, type KeywardenSession } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();
const DAY = 86_400_000;

describe('AI keys', () => {
  let openai: FakeAiProvider;

  beforeAll(async () => {
    openai = await startFakeAiProvider({ provider: 'openai' });
  });
  afterAll(async () => {
    await openai.stop();
  });

  async function openSession(): Promise<KeywardenSession> {
    const session = await app.open({ before: createUnlockedVault, exchangeUrlOverrides: { openai: openai.url } });
    await session.waitForAppState('ready');
    return session;
  }

  /** From the AI keys page: picks the provider (with the mouse, or Enter in the search box) and leaves its form open. */
  async function openAddAiKeyForm(page: Page, provider: string, { keyboard = false } = {}): Promise<void> {
    await page.getByRole('button', { name: /^Add (your first )?AI key$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an AI key' }).waitFor();
    const search = page.getByRole('searchbox', { name: 'AI provider' });
    await search.fill(provider.slice(0, 4).toLowerCase());
    if (keyboard) await search.press('Enter');
    else await page.getByRole('list', { name: 'AI providers' }).getByRole('button', { name: new RegExp(`^${provider}`) }).first().click();
    await page.getByRole('form', { name: `${provider} key` }).waitFor();
  }

  test('adds an OpenAI key with Test and save: checked with OpenAI, stored sealed, nothing of it shown', async () => {
    const session = await openSession();
    const { page, core, screenshotThemes } = session;
    const key = makeFakeAiKey('openai');
    const organization = 'org-AbCdEfGhIjKlMnOpQrStUvWx';
    openai.addKey({ key, organization });
    session.rememberSecret('the OpenAI key', key);

    await goTo(page, 'AI keys');
    await page.getByRole('heading', { name: 'No AI keys yet' }).waitFor();
    await screenshotThemes('ai-keys-empty');
    await page.getByRole('button', { name: 'Add your first AI key' }).click();
    // Every provider the core knows, in its order; the search box has the focus.
    const options = page.getByRole('list', { name: 'AI providers' }).getByRole('button');
    await expect(options.count()).resolves.toBe(13);
    await expect(options.first().textContent()).resolves.toMatch(/^OpenAI/);
    await expect(page.evaluate("document.activeElement?.getAttribute('placeholder')")).resolves.toBe('Search providers');
    await screenshotThemes('add-ai-key-picker');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await openAddAiKeyForm(page, 'OpenAI');

    // The provider's own steps and keys page, from aiProviders.list.
    const help = page.getByRole('complementary', { name: 'Creating a narrow key on OpenAI' });
    await help.getByText('https://platform.openai.com/api-keys').waitFor();
    await help.getByText(/^Choose "Restricted" permissions/).waitFor();
    await help.getByText('OPENAI_API_KEY').waitFor();
    // The key is masked as it is typed; the organization ID is a setting, shown as typed.
    const apiKey = page.getByLabel('API key', { exact: true });
    await expect(apiKey.getAttribute('type')).resolves.toBe('password');
    await expect(apiKey.getAttribute('autocomplete')).resolves.toBe('off');
    await expect(page.getByLabel('Organization ID (optional)', { exact: true }).getAttribute('type')).resolves.toBe('text');
    await expect(page.getByRole('radio', { name: /^Testnet/ }).count()).resolves.toBe(0);

    await page.getByLabel('Label', { exact: true }).fill('OpenAI bots');
    await apiKey.fill(key);
    await page.getByLabel('Organization ID (optional)', { exact: true }).fill(organization);
    await screenshotThemes('add-ai-key-form');
    await page.getByRole('button', { name: 'Test and save', exact: true }).click();

    await page.getByText('Saved “OpenAI bots” after OpenAI accepted it.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'AI keys' }).waitFor();
    const card = page.getByRole('article', { name: 'OpenAI bots' });
    await card.getByText('Working', { exact: true }).waitFor();
    await card.getByText('••••', { exact: true }).waitFor();
    await card.getByText(/^OpenAI accepted the key; it can use \d+ models\.$/).waitFor();
    // Nothing of trading on an AI key's card.
    await expect(card.getByText('Live', { exact: true }).count()).resolves.toBe(0);
    await expect(card.getByText('Permissions', { exact: true }).count()).resolves.toBe(0);

    const [stored] = core.credentials.list();
    expect(stored).toMatchObject({ kind: 'ai', provider: 'openai', label: 'OpenAI bots', environment: 'live', status: 'active', preview: '••••', fields: ['apiKey', 'organization'] });
    expect(core.credentials.getDecrypted(stored?.id ?? '').secrets).toEqual({ apiKey: key, organization });
    expect(openai.keyEverInUrl()).toBe(false);
    // An exchange key's place does not list it.
    await goTo(page, 'Accounts');
    await page.getByRole('heading', { name: 'No keys yet' }).waitFor();
    await goTo(page, 'AI keys');
    await page.getByRole('article', { name: 'OpenAI bots' }).waitFor();
    await dismissToasts(page);
    await screenshotThemes('ai-keys-list');

    await page.getByRole('button', { name: 'Details of OpenAI bots' }).click();
    await page.getByRole('heading', { level: 1, name: 'OpenAI bots' }).waitFor();
    await page.getByRole('region', { name: 'Usage' }).waitFor();
    await expect(page.getByRole('region', { name: 'Permissions' }).count()).resolves.toBe(0);
    const revoke = page.getByRole('region', { name: 'Revoke in Keywarden' });
    await revoke.getByText(/it still works at OpenAI until you delete it on OpenAI’s keys page/).waitFor();
    await screenshotThemes('ai-key-page');

    // Rotating takes the provider's fields again, checked the same way, and tests the new key first.
    const fresh = makeFakeAiKey('openai');
    openai.addKey({ key: fresh, organization });
    session.rememberSecret('the new OpenAI key', fresh);
    const rotation = page.getByRole('form', { name: 'New key for OpenAI bots' });
    await rotation.getByLabel('API key', { exact: true }).fill(fresh);
    await rotation.getByLabel('Organization ID (optional)', { exact: true }).fill(organization);
    await rotation.getByRole('button', { name: 'Verify and rotate' }).click();
    await page.getByText('“OpenAI bots” now uses the new key (after checking it). Next: delete the old key on OpenAI.').waitFor();
    expect(core.credentials.getDecrypted(stored?.id ?? '').secrets).toEqual({ apiKey: fresh, organization });
  });

  test('a key OpenAI refuses is not saved, and the form says why', async () => {
    const session = await openSession();
    const { page, core, screenshot } = session;
    const unknown = makeFakeAiKey('openai');
    session.rememberSecret('the refused OpenAI key', unknown);

    await goTo(page, 'AI keys');
    await openAddAiKeyForm(page, 'OpenAI');
    await page.getByLabel('Label', { exact: true }).fill('OpenAI wrong');
    await page.getByLabel('API key', { exact: true }).fill(unknown);
    await page.getByRole('button', { name: 'Test and save', exact: true }).click();

    const refusal = page.getByRole('alert').filter({ hasText: 'OpenAI does not accept this key' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/not saved|Copy it again/);
    await expect(page.getByRole('button', { name: 'Test and save', exact: true }).isEnabled()).resolves.toBe(true);
    expect(core.credentials.list()).toEqual([]);
    await screenshot('add-ai-key-refused');

    // Leaving the form empties it.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'No AI keys yet' }).waitFor();
    await expect(page.locator('input[data-secret], textarea[data-secret]').count()).resolves.toBe(0);
  });

  test('warns about a key unlike OpenAI’s, and saves it all the same; refuses what cannot be a key', async () => {
    const session = await openSession();
    const { page, core, screenshotThemes } = session;
    const claude = makeFakeAiKey('anthropic');
    session.rememberSecret('the Anthropic key typed as OpenAI', claude);

    await goTo(page, 'AI keys');
    await openAddAiKeyForm(page, 'OpenAI', { keyboard: true });
    await page.getByLabel('Label', { exact: true }).fill('Looks odd');
    const apiKey = page.getByLabel('API key', { exact: true });

    // Cannot be a key: an error, and nothing is sent.
    await apiKey.fill('https://platform.openai.com/api-keys');
    await page.getByText('This is a web address, not an API key.').waitFor();
    await expect(apiKey.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByRole('button', { name: 'Save without testing', exact: true }).click();
    await page.getByText('This is a web address, not an API key.').waitFor();
    expect(core.credentials.list()).toEqual([]);

    // Unlike OpenAI's format: a warning under the field, described by it, never an error.
    await apiKey.fill(claude);
    const warning = page.getByText(/^This looks like an Anthropic key \(it starts with sk-ant-\)\. OpenAI keys start with sk-\./);
    await warning.waitFor();
    await expect(apiKey.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(apiKey.getAttribute('aria-describedby')).resolves.toContain(await warning.getAttribute('id'));
    await screenshotThemes('add-ai-key-warning');
    await page.getByRole('button', { name: 'Save without testing', exact: true }).click();

    await page.getByText('Saved “Looks odd” without testing. It shows as “Not checked yet” until Keywarden checks it with OpenAI.').waitFor();
    await page.getByRole('article', { name: 'Looks odd' }).getByText('Not checked yet', { exact: true }).waitFor();
    expect(core.credentials.list().map((credential) => [credential.provider, credential.status])).toEqual([['openai', 'unverified']]);
  });

  test('sets an expiry date on the key page, shows its reminder, and removes it', async () => {
    const session = await openSession();
    const { page, core, screenshotThemes } = session;
    const key = makeFakeAiKey('openai');
    session.rememberSecret('the OpenAI key', key);
    const info = await core.credentials.create({ provider: 'openai', label: 'Short-lived', fields: { apiKey: key } }, 'cli');

    await goTo(page, 'AI keys');
    await page.getByRole('button', { name: 'Details of Short-lived' }).click();
    const expiry = page.getByRole('region', { name: 'Expiry date' });
    await expiry.getByText(/^No expiry date\./).waitFor();
    const field = expiry.getByLabel('Expiry date', { exact: true });

    // The shared rule reads the date, as typed.
    await field.fill('2020-01-01');
    await expiry.getByText('The expiry date must be after today. To stop using the key now, revoke it.').waitFor();

    const now = Date.now();
    const tenDays = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) + 10 * DAY;
    const day = new Date(tenDays).toISOString().slice(0, 10);
    await field.fill(day);
    await expiry.getByRole('button', { name: 'Set expiry date' }).click();
    await page.getByText(`“Short-lived” expires on ${day}.`).waitFor();
    expect(core.credentials.get(info.id).ownExpiresAt).toBe(tenDays);
    await expiry.getByText(`You set ${day} as the expiry date: from that day (UTC) Keywarden no longer uses or hands out this key.`).waitFor();
    // Within two weeks: the reminder shows with the key's warnings.
    await page.getByRole('list', { name: 'Warnings' }).getByText(new RegExp(`^The key reaches the expiry date you set in \\d+ days \\(${day}\\)`)).waitFor();
    await dismissToasts(page);
    await screenshotThemes('ai-key-expiry');

    await expiry.getByRole('button', { name: 'Remove date' }).click();
    await page.getByText('“Short-lived” has no expiry date any more.').waitFor();
    await expiry.getByText(/^No expiry date\./).waitFor();
    expect(core.credentials.get(info.id).ownExpiresAt).toBeNull();
    await expect(page.getByRole('list', { name: 'Warnings' }).count()).resolves.toBe(0);
  });

  test('shows how each AI key was used, and revokes one nobody used', async () => {
    const session = await openSession();
    const { page, core, clock, screenshotThemes } = session;
    const used = makeFakeAiKey('openai');
    const idle = makeFakeAiKey('anthropic');
    session.rememberSecret('the used OpenAI key', used);
    session.rememberSecret('the idle Anthropic key', idle);
    const bots = await core.credentials.create({ provider: 'openai', label: 'OpenAI bots', fields: { apiKey: used } }, 'cli');
    const old = await core.credentials.create({ provider: 'anthropic', label: 'Claude old', fields: { apiKey: idle } }, 'cli');
    // Both keys were added 40 days ago; only one has been used since. (Auto-lock off: 40 idle days would lock the vault.)
    core.vault.setAutoLockMinutes(0, 'cli');
    clock.advance(40 * DAY);
    core.credentials.recordUse(bots.id, { source: 'gateway', ok: true, tokensIn: 1500, tokensOut: 320, costMicroUsd: 12_400 });
    core.credentials.recordUse(bots.id, { source: 'gateway', ok: false });
    core.credentials.recordUse(bots.id, { source: 'release', ok: true });

    await goTo(page, 'AI keys');
    const usage = page.getByRole('region', { name: 'Usage' });
    const row = usage.getByRole('row', { name: /^OpenAI bots/ });
    await row.getByRole('cell', { name: '2 (1 failed)' }).waitFor();
    await row.getByRole('cell', { name: /^1,500 in · 320 out$/ }).waitFor();
    await row.getByRole('cell', { name: '$0.01' }).waitFor();
    await usage.getByRole('row', { name: /^Claude old/ }).getByRole('cell', { name: 'Never' }).waitFor();

    const unused = page.getByRole('region', { name: 'Not used in 30 days' });
    await unused.getByRole('list', { name: 'AI keys not used in 30 days' }).getByText('Claude old').waitFor();
    await expect(unused.getByText('OpenAI bots').count()).resolves.toBe(0);
    await screenshotThemes('ai-keys-usage');

    await unused.getByRole('button', { name: 'Revoke Claude old' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “Claude old”?' });
    await dialog.getByText(/it still works at Anthropic until you delete it on Anthropic’s keys page/).waitFor();
    await dialog.getByText('https://console.anthropic.com/settings/keys').waitFor();
    await expect(dialog.getByText(/open orders?/).count()).resolves.toBe(0);
    await screenshotThemes('ai-key-revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke “Claude old”' }).click();

    await page.getByText('Revoked “Claude old”. Its secret is destroyed; nothing can use it again.').waitFor();
    await unused.getByText('No AI key has gone unused for 30 days.').waitFor();
    expect(core.credentials.get(old.id).status).toBe('revoked');
    await page.getByRole('article', { name: 'Claude old' }).getByText('Revoked', { exact: true }).waitFor();
  });
});
