/**
 * checkAiKey against the fake providers: every provider × every key state, the transport failures,
 * and the rules around the key itself — only ever in a header, never in a URL, an outcome or a
 * thrown error, and never carried along a redirect.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { aiProviderIds, type AiProviderId } from '../../shared/ai-providers';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiKeyState, type FakeAiProvider } from '../../testing/fake-ai-provider';
import { isKeywardenError } from '../errors';
import type { AiKeyCheckOutcome, AiKeyCheckResult } from './ai-check-outcome';
import { checkAiKey, type AiKeyCheckOptions } from './ai-key-check';

const started: FakeAiProvider[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); })));
});

async function fakeWith(provider: AiProviderId, key: string, state: FakeAiKeyState = 'ok', extra: { organization?: string; project?: string } = {}): Promise<FakeAiProvider> {
  const fake = await startFakeAiProvider({ provider, keys: [{ key, state, ...extra }], maxLifetimeMs: 60_000 });
  started.push(fake);
  return fake;
}

/** How a key reaches `fake`: the override for fixed-address providers, the typed address for the other two. */
function against(fake: FakeAiProvider, key: string, more: Record<string, string> = {}): AiKeyCheckOptions {
  const provider = fake.provider;
  if (provider === 'openai-compatible') return { provider, fields: { baseUrl: `${fake.url}/v1`, apiKey: key, ...more } };
  if (provider === 'azure-openai') return { provider, fields: { endpoint: fake.url, apiKey: key, ...more } };
  return { provider, fields: { apiKey: key, ...more }, baseUrl: fake.url };
}

/** Nothing of the key past its public prefix: no run of 8 characters, not its last 6. */
function expectNoKey(text: string, key: string): void {
  expect(text).not.toContain(key.slice(-6));
  const secret = key.slice(12);
  for (let at = 0; at + 8 <= secret.length; at += 4) expect(text).not.toContain(secret.slice(at, at + 8));
}

const authHeaderOf: Readonly<Record<AiProviderId, string>> = {
  openai: 'authorization', anthropic: 'x-api-key', google: 'x-goog-api-key', openrouter: 'authorization', xai: 'authorization',
  mistral: 'authorization', groq: 'authorization', deepseek: 'authorization', together: 'authorization', perplexity: 'authorization',
  cohere: 'authorization', 'openai-compatible': 'authorization', 'azure-openai': 'api-key',
};

/** What each key state is on each provider's check call; where a provider cannot tell, what it does answer. */
function expectedOutcome(provider: AiProviderId, state: FakeAiKeyState): AiKeyCheckOutcome {
  switch (state) {
    case 'ok':
      return 'ok';
    case 'revoked':
      return ['openai', 'anthropic', 'google', 'groq'].includes(provider) ? 'revoked' : 'invalid-key';
    case 'no-credit':
      return ['openai', 'anthropic', 'openrouter', 'xai', 'deepseek', 'together'].includes(provider) ? 'no-credit' : 'ok';
    case 'restricted':
      return ['openai', 'anthropic', 'google', 'xai', 'azure-openai'].includes(provider) ? 'permission-missing' : 'ok';
    case 'rate-limited':
      return 'rate-limited';
  }
}

const states: readonly FakeAiKeyState[] = ['ok', 'revoked', 'no-credit', 'restricted', 'rate-limited'];

describe('checkAiKey against each provider', () => {
  for (const provider of aiProviderIds) {
    it(`${provider}: every key state, an unknown key and an unavailable service`, async () => {
      const key = makeFakeAiKey(provider);
      const fake = await fakeWith(provider, key);
      const results: AiKeyCheckResult[] = [];
      for (const state of states) {
        fake.setKeyState(key, state);
        const result = await checkAiKey(against(fake, key));
        expect(result.outcome, `${provider} ${state}: ${result.message}`).toBe(expectedOutcome(provider, state));
        if (result.outcome === 'rate-limited') expect(result.retryAfterSeconds).toBe(7);
        if (result.outcome === 'ok' && provider !== 'openrouter') expect(result.models).toBeGreaterThan(0);
        results.push(result);
      }
      const unknown = await checkAiKey(against(fake, makeFakeAiKey(provider)));
      expect(unknown.outcome).toBe('invalid-key');
      fake.failNext(1, '5xx');
      const down = await checkAiKey(against(fake, key));
      expect(down).toMatchObject({ outcome: 'unavailable', reason: expect.stringMatching(/^answered 5\d\d$/) });
      expect(down.message).toContain("the key's status is unchanged");

      for (const result of [...results, unknown, down]) expectNoKey(JSON.stringify(result), key);
      expect(fake.keyEverInUrl()).toBe(false);
      for (const request of fake.requests) expect(request.headerNames).toContain(authHeaderOf[provider]);
    });
  }

  it('reads the masked key out of no provider answer (OpenAI, xAI, DeepSeek echo it; Gemini quotes it whole)', async () => {
    for (const provider of ['openai', 'xai', 'deepseek', 'google'] as const) {
      const key = makeFakeAiKey(provider);
      const fake = await fakeWith(provider, key, provider === 'google' ? 'revoked' : 'ok');
      const sent = provider === 'google' ? key : makeFakeAiKey(provider);
      const result = await checkAiKey(against(fake, sent));
      expect(JSON.stringify(result)).not.toContain(sent.slice(-4));
      expect(result.message).not.toMatch(/incorrect api key|consumer/i);
    }
  });

  it('OpenAI: an organization or project the key does not belong to is a mismatch; its own pass', async () => {
    const key = makeFakeAiKey('openai');
    const organization = 'org-lEOCXdqO48RKaa66ZdhPseo7';
    const project = 'proj_abcdefghijklmnopqrstuvwx';
    const fake = await fakeWith('openai', key, 'ok', { organization, project });
    expect(await checkAiKey(against(fake, key, { organization, project }))).toMatchObject({ outcome: 'ok', models: 3 });
    expect(await checkAiKey(against(fake, key))).toMatchObject({ outcome: 'ok' });
    const otherOrganization = await checkAiKey(against(fake, key, { organization: 'org-000000000000000000000000' }));
    expect(otherOrganization).toMatchObject({ outcome: 'organization-mismatch', providerCode: 'mismatched_organization' });
    const otherProject = await checkAiKey(against(fake, key, { project: 'proj_000000000000000000000000' }));
    expect(otherProject).toMatchObject({ outcome: 'organization-mismatch', providerCode: 'mismatched_project' });
    expect(otherProject.message).toBe('OpenAI refused the organization or project ID given with the key: the key does not belong to it. Correct the ID, or leave it empty to use the key\'s own.');
    const sent = fake.requests.at(-1)!;
    expect(sent.headerNames).toEqual(expect.arrayContaining(['authorization', 'openai-project']));
  });

  it("says what to do in each provider's words for the cases that differ", async () => {
    const google = makeFakeAiKey('google');
    const restricted = await checkAiKey(against(await fakeWith('google', google, 'restricted'), google));
    expect(restricted).toMatchObject({ outcome: 'permission-missing', detail: 'google-api-not-allowed', providerCode: 'SERVICE_DISABLED' });
    expect(restricted.message).toContain('the Generative Language API is not enabled');
    const router = makeFakeAiKey('openrouter');
    const spent = await checkAiKey(against(await fakeWith('openrouter', router, 'no-credit'), router));
    expect(spent).toMatchObject({ outcome: 'no-credit', detail: 'key-limit' });
    expect(spent.message).toContain("its own credit limit is used up");
    const azure = makeFakeAiKey('azure-openai');
    const wrong = await checkAiKey(against(await fakeWith('azure-openai', azure), makeFakeAiKey('azure-openai')));
    expect(wrong).toMatchObject({ outcome: 'invalid-key', detail: 'azure-key-or-endpoint' });
  });
});

describe('checkAiKey when no answer comes', () => {
  it('a timeout is unavailable, and says how long it waited', async () => {
    const key = makeFakeAiKey('anthropic');
    const fake = await fakeWith('anthropic', key);
    fake.failNext(1, 'timeout');
    const result = await checkAiKey({ ...against(fake, key), timeoutMs: 300 });
    expect(result).toEqual({
      outcome: 'unavailable',
      reason: 'timed out after 300 ms',
      message: "Anthropic could not be reached (timed out after 300 ms); the key's status is unchanged.",
      httpStatus: null,
      providerCode: null,
    });
  });

  it('a refused or reset connection is unavailable', async () => {
    const key = makeFakeAiKey('groq');
    const fake = await fakeWith('groq', key);
    fake.failNext(1, 'drop');
    expect(await checkAiKey(against(fake, key))).toMatchObject({ outcome: 'unavailable', reason: 'connection dropped' });
    await fake.stop();
    expect(await checkAiKey(against(fake, key))).toMatchObject({ outcome: 'unavailable', reason: 'connection refused', message: "Groq could not be reached (connection refused); the key's status is unchanged." });
  });

  it('an address that does not resolve is unavailable', async () => {
    const result = await checkAiKey({ provider: 'openai-compatible', fields: { baseUrl: 'http://keywarden-test.invalid/v1', apiKey: 'anything' }, timeoutMs: 5000 });
    expect(result).toMatchObject({ outcome: 'unavailable' });
    if (result.outcome === 'unavailable') expect(['address not found', 'network error', 'timed out after 5 s']).toContain(result.reason);
  });

  it('the caller can cancel a check: unavailable, status unchanged', async () => {
    const key = makeFakeAiKey('mistral');
    const fake = await fakeWith('mistral', key);
    fake.failNext(1, 'timeout');
    const controller = new AbortController();
    const pending = checkAiKey({ ...against(fake, key), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ outcome: 'unavailable', reason: 'cancelled' });
  });

  it('never follows a redirect, so the key is not carried to the other host', async () => {
    const elsewhere = await listen((_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data":[]}'));
    const seenElsewhere: string[] = [];
    elsewhere.on('request', (request) => seenElsewhere.push(Object.keys(request.headers).join(',')));
    const redirecting = await listen((_request, response) => response.writeHead(307, { Location: `${origin(elsewhere)}/v1/models` }).end());
    const key = makeFakeAiKey('openai');
    const result = await checkAiKey({ provider: 'openai', fields: { apiKey: key }, baseUrl: origin(redirecting) });
    expect(result).toMatchObject({ outcome: 'unavailable', reason: 'redirected elsewhere', message: expect.stringContaining('does not follow with a key') });
    expect(seenElsewhere).toEqual([]);
  });
});

describe('checkAiKey input', () => {
  it('refuses unknown providers and malformed or missing fields without repeating the key', async () => {
    const key = makeFakeAiKey('openai');
    const refusals: [AiKeyCheckOptions, string][] = [
      [{ provider: 'binance', fields: { apiKey: key } }, 'UNKNOWN_PROVIDER'],
      [{ provider: 'openai', fields: {} }, 'MISSING_FIELD'],
      [{ provider: 'openai', fields: { apiKey: `${key.slice(0, 40)} ${key.slice(40)}` } }, 'MALFORMED_FIELD'],
      [{ provider: 'openai', fields: { apiKey: key, organization: key } }, 'MALFORMED_FIELD'],
      [{ provider: 'openai', fields: { apiKey: key, secret: key } }, 'UNEXPECTED_FIELD'],
      [{ provider: 'openai-compatible', fields: { apiKey: key } }, 'MISSING_FIELD'],
      [{ provider: 'openai-compatible', fields: { apiKey: key, baseUrl: `https://user:${key}@example.com/v1` } }, 'MALFORMED_FIELD'],
      [{ provider: 'openai', fields: { apiKey: key }, baseUrl: 'http://127.0.0.1:9/v1' }, 'CONFIG_INVALID'],
    ];
    for (const [options, code] of refusals) {
      const error = await checkAiKey(options).then(() => undefined, (thrown: unknown) => thrown);
      expect(isKeywardenError(error, code as never), `${code}: ${String(error)}`).toBe(true);
      expectNoKey(`${(error as Error).message} ${JSON.stringify(error)}`, key);
    }
  });

  it('checks a key that only looks unlike today\'s format: the provider decides', async () => {
    const key = `sk-${'a'.repeat(40)}`;
    const fake = await fakeWith('deepseek', key);
    expect(await checkAiKey(against(fake, key))).toMatchObject({ outcome: 'ok', models: 2 });
  });
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function origin(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
