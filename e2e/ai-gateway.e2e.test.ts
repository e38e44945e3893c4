/**
 * Issue 17, part E: the local AI gateway on the AI keys page. Turned on with its switch (port 0,
 * set by the fixture), it shows its address and each SDK's base URL; a local token is made for one
 * key per provider, shown once in a dialog with Copy, works against the offline fake OpenAI, is
 * gone from the page once hidden, and is refused after it is revoked; a budget is set with a decimal
 * comma and a bad amount is refused with the shared number rule's message; a model's price is set
 * (0 allowed, a negative refused) and removed.
 *
 * The local token is not one of the scan's secrets: the page must show it once, and the bridge
 * carries it (gateway.tokens.create answers it), as with the webhook's one-time token. Instead the
 * test proves it has left the DOM once hidden. The real AI keys are scanned for as usual.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiProvider } from '../electron/testing/fake-ai-provider';
import { useKeywardenApp } from './harness/keywarden-app';
import { dismissToasts, goTo } from './harness/ui-actions';
import { createUnlockedVault } from './harness/vault-setup';

const app = useKeywardenApp();

describe('AI gateway', () => {
  let openai: FakeAiProvider;

  beforeAll(async () => {
    openai = await startFakeAiProvider({ provider: 'openai' });
  });
  afterAll(async () => {
    await openai.stop();
  });

  test('turns the gateway on, makes a token shown once, revokes it, sets a budget and a price', async () => {
    const openaiKey = makeFakeAiKey('openai');
    const spareKey = makeFakeAiKey('openai');
    const claudeKey = makeFakeAiKey('anthropic');
    openai.addKey({ key: openaiKey });
    const session = await app.open({
      aiGateway: true,
      exchangeUrlOverrides: { openai: openai.url },
      before: async (core) => {
        await createUnlockedVault(core);
        await core.credentials.create({ provider: 'openai', label: 'OpenAI main', fields: { apiKey: openaiKey } }, 'cli');
        await core.credentials.create({ provider: 'openai', label: 'OpenAI spare', fields: { apiKey: spareKey } }, 'cli');
        await core.credentials.create({ provider: 'anthropic', label: 'Claude main', fields: { apiKey: claudeKey } }, 'cli');
      },
    });
    session.rememberSecret('the OpenAI key', openaiKey);
    session.rememberSecret('the spare OpenAI key', spareKey);
    session.rememberSecret('the Anthropic key', claudeKey);
    await session.waitForAppState('ready');
    const { page, core, screenshotThemes } = session;

    // 1. The switch: off in a new vault; on, it runs on a free loopback port and lists the SDKs' base URLs.
    await goTo(page, 'AI keys');
    const gatewaySection = page.getByRole('region', { name: 'AI gateway' });
    await gatewaySection.getByText('Off', { exact: true }).waitFor();
    await gatewaySection.getByRole('checkbox', { name: 'Run the AI gateway while Keywarden is open' }).check();
    await gatewaySection.getByText('Running', { exact: true }).waitFor();
    const localUrl = core.gateway.status().localUrl ?? 'missing';
    expect(localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(core.gateway.settings().enabled).toBe(true);
    const urls = gatewaySection.getByRole('table', { name: 'Base URL to give each provider’s SDK' });
    await urls.getByText(`${localUrl}/openai/v1`, { exact: true }).waitFor();
    await urls.getByRole('button', { name: 'Copy openai base url' }).waitFor();
    await urls.getByRole('button', { name: 'Copy gateway address' }).waitFor();

    // 2. A token: the label and at least one key are required, and one key per provider.
    const tokens = page.getByRole('region', { name: 'Local tokens' });
    await tokens.getByText('No local tokens yet.', { exact: false }).waitFor();
    await tokens.getByRole('button', { name: 'New local token' }).click();
    const form = tokens.getByRole('form', { name: 'New local token' });
    await form.getByRole('button', { name: 'Create token and show it' }).click();
    await form.getByText('Name what the token is for, such as “research bot”.').waitFor();
    await form.getByText('Tick at least one AI key the token may use.').waitFor();
    await form.getByLabel('What it is for').fill('research bot');
    const keyChoices = form.getByRole('group', { name: 'AI keys it may use (one per provider)' });
    await keyChoices.getByRole('checkbox', { name: /^OpenAI main/ }).check();
    await keyChoices.getByRole('checkbox', { name: /^OpenAI spare/ }).check();
    await keyChoices.getByRole('checkbox', { name: /^Claude main/ }).check();
    await form.getByRole('button', { name: 'Create token and show it' }).click();
    await form.getByText(/Choose one key per provider.*Chosen twice: OpenAI\./).waitFor();
    expect(core.gateway.tokens.list()).toEqual([]);
    await keyChoices.getByRole('checkbox', { name: /^OpenAI spare/ }).uncheck();
    await form.getByRole('button', { name: 'Create token and show it' }).click();

    // Shown once, with Copy, in a dialog.
    const once = page.getByRole('dialog', { name: 'Local token for “research bot”' });
    await once.getByText('Copy it now: it will not be shown again.').waitFor();
    const token = (await once.locator('code').textContent()) ?? '';
    expect(token).toMatch(/^kwl_[A-Za-z0-9_-]{43}$/);
    await once.getByRole('button', { name: 'Copy local token' }).waitFor();
    await screenshotThemes('ai-gateway-new-token');
    // It works: a program calls the fake OpenAI through the gateway with it.
    const models = await fetch(`${localUrl}/openai/v1/models`, { headers: { Authorization: `Bearer ${token}` } });
    expect(models.status).toBe(200);
    await once.getByRole('button', { name: 'I have copied it: hide the token' }).click();
    await once.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);
    const row = tokens.getByRole('row', { name: 'research bot' });
    const rowKeys = (await row.getByRole('cell').first().textContent()) ?? '';
    expect(rowKeys.split(', ').sort()).toEqual(['Claude main (Anthropic)', 'OpenAI main (OpenAI)']);

    // Revoked after a confirmation (Cancel first): refused at once.
    await row.getByRole('button', { name: 'Revoke research bot' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “research bot”?' });
    await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Cancel');
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.getByText(/^Revoked /).waitFor();
    await expect(row.getByRole('button', { name: 'Revoke research bot' }).count()).resolves.toBe(0);
    expect(core.gateway.tokens.list()[0]?.revokedAt).not.toBeNull();
    const refused = await fetch(`${localUrl}/openai/v1/models`, { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);

    // 3. Budgets: a decimal comma is read by the shared rule; junk and negatives get its message.
    const budget = page.getByRole('form', { name: 'Budget of OpenAI main' });
    await budget.getByText('This month: $0.00', { exact: false }).waitFor();
    const monthly = budget.getByLabel('Monthly budget (USD)');
    await monthly.fill('abc');
    await budget.getByRole('button', { name: 'Save limits' }).click();
    await budget.locator('.field__error').filter({ hasText: /^The monthly budget/ }).waitFor();
    await monthly.fill('-5');
    await budget.getByRole('button', { name: 'Save limits' }).click();
    await budget.getByText('The monthly budget must be more than 0.').waitFor();
    await monthly.fill('1,000');
    await budget.getByRole('button', { name: 'Save limits' }).click();
    await budget.locator('.field__error').filter({ hasText: /^The monthly budget/ }).waitFor();
    await budget.getByLabel('Calls per minute').fill('0');
    await monthly.fill('20,50');
    await budget.getByText('Read as 20.5').waitFor();
    await budget.getByRole('button', { name: 'Save limits' }).click();
    await budget.getByText('The calls-per-minute cap must be at least 1 (leave it empty for no cap).').waitFor();
    expect(core.gateway.budgets().find((line) => line.label === 'OpenAI main')?.monthlyUsd).toBeNull();
    await budget.getByLabel('Calls per minute').fill('60');
    await budget.getByRole('button', { name: 'Save limits' }).click();
    await page.getByText('Saved the limits of “OpenAI main”.').waitFor();
    await budget.getByText('This month: $0.00 of $20.50 (0%)').waitFor();
    expect(core.gateway.budgets().find((line) => line.label === 'OpenAI main')).toMatchObject({ monthlyUsd: 20.5, requestsPerMinute: 60 });
    // Emptied: no budget again.
    await budget.getByLabel('Monthly budget (USD)').fill('');
    await budget.getByRole('button', { name: 'Save limits' }).click();
    await expect.poll(() => core.gateway.budgets().find((line) => line.label === 'OpenAI main')?.monthlyUsd).toBeNull();

    // 4. Prices: examples are marked; a negative price is refused by the shared rule; 0 is a free model.
    const prices = page.getByRole('region', { name: 'Prices' });
    await prices.getByText('Example', { exact: true }).first().waitFor();
    const priceForm = prices.getByRole('form', { name: 'Set a model’s price' });
    await priceForm.getByLabel('Model').fill('llama3.1:8b');
    await priceForm.getByLabel('Provider').selectOption({ label: 'OpenAI-compatible server' });
    await priceForm.getByLabel('Input (USD per million tokens)').fill('-1');
    await priceForm.getByLabel('Output (USD per million tokens)').fill('0,5');
    await priceForm.getByRole('button', { name: 'Set price' }).click();
    await priceForm.getByText('The input price must be 0 or more.').waitFor();
    await priceForm.getByLabel('Input (USD per million tokens)').fill('0');
    await priceForm.getByRole('button', { name: 'Set price' }).click();
    await page.getByText('Saved the price of llama3.1:8b.').waitFor();
    expect(core.gateway.prices().find((price) => price.model === 'llama3.1:8b')).toMatchObject({ provider: 'openai-compatible', inputUsdPerMTok: 0, outputUsdPerMTok: 0.5, example: false });
    const removeLlama = prices.getByRole('button', { name: /^Remove the price of llama3\.1:8b / });
    await dismissToasts(page);
    await screenshotThemes('ai-gateway');
    await removeLlama.click();
    await removeLlama.waitFor({ state: 'detached' });
    expect(core.gateway.prices().some((price) => price.model === 'llama3.1:8b')).toBe(false);

    // Off again: the gateway stops.
    await gatewaySection.getByRole('checkbox', { name: 'Run the AI gateway while Keywarden is open' }).uncheck();
    await gatewaySection.getByText('Off', { exact: true }).waitFor();
    expect(core.gateway.status().running).toBe(false);
  });
});
