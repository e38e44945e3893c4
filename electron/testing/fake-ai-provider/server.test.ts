/**
 * The fake AI provider itself: loopback and a bounded life, each provider's real path and auth
 * header, real bodies, the key-in-URL tripwire, faults, and a record with header names only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { aiProviderIds } from '../../shared/ai-providers';
import { makeFakeAiKey } from './keys';
import { startFakeAiProvider } from './server';
import type { FakeAiProvider, FakeAiProviderOptions } from './types';

const started: FakeAiProvider[] = [];

async function start(options: FakeAiProviderOptions): Promise<FakeAiProvider> {
  const fake = await startFakeAiProvider(options);
  started.push(fake);
  return fake;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.stop()));
});

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // An HTML error page stays text.
  }
  return { status: response.status, body, headers: response.headers };
}

describe('fake AI provider server', () => {
  it('listens on 127.0.0.1 with a random port and stops cleanly (twice is fine)', async () => {
    const fake = await start({ provider: 'openai' });
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await fake.stop();
    await fake.stop();
    await expect(fetch(`${fake.url}/v1/models`)).rejects.toThrow();
  });

  it('stops by itself after maxLifetimeMs', async () => {
    const fake = await start({ provider: 'groq', maxLifetimeMs: 50 });
    await expect.poll(async () => fetch(`${fake.url}/openai/v1/models`).then(() => 'up', () => 'down'), { interval: 20, timeout: 5000 }).toBe('down');
  });

  it("reads the key only from each provider's own header and answers on its own check path", async () => {
    const cases = [
      { provider: 'openai', path: '/v1/models', header: (key: string) => ({ Authorization: `Bearer ${key}` }) },
      { provider: 'anthropic', path: '/v1/models', header: (key: string) => ({ 'x-api-key': key, 'anthropic-version': '2023-06-01' }) },
      { provider: 'google', path: '/v1beta/models', header: (key: string) => ({ 'x-goog-api-key': key }) },
      { provider: 'openrouter', path: '/api/v1/key', header: (key: string) => ({ Authorization: `Bearer ${key}` }) },
      { provider: 'groq', path: '/openai/v1/models', header: (key: string) => ({ Authorization: `Bearer ${key}` }) },
      { provider: 'deepseek', path: '/models', header: (key: string) => ({ Authorization: `Bearer ${key}` }) },
      { provider: 'azure-openai', path: '/openai/models?api-version=2024-10-21', header: (key: string) => ({ 'api-key': key }) },
    ] as const;
    for (const { provider, path, header } of cases) {
      const key = makeFakeAiKey(provider);
      const fake = await start({ provider, keys: [{ key }] });
      expect((await get(`${fake.url}${path}`, header(key))).status, provider).toBe(200);
      // The right key in another provider's header is no key at all.
      expect((await get(`${fake.url}${path}`, provider === 'google' ? { Authorization: `Bearer ${key}` } : { 'x-goog-api-key': key })).status, provider).not.toBe(200);
      expect((await get(`${fake.url}/v1/chat/completions`, header(key))).status, provider).toBe(404);
    }
  });

  it('answers with realistic bodies: models lists and the real error shapes', async () => {
    const key = makeFakeAiKey('openai');
    const openai = await start({ provider: 'openai', keys: [{ key }] });
    expect((await get(`${openai.url}/v1/models`, { Authorization: `Bearer ${key}` })).body).toMatchObject({ object: 'list', data: expect.arrayContaining([expect.objectContaining({ object: 'model' })]) });
    const wrong = await get(`${openai.url}/v1/models`, { Authorization: `Bearer ${makeFakeAiKey('openai')}` });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key', type: 'invalid_request_error', message: expect.stringMatching(/^Incorrect API key provided: sk-proj-\*+.{4}\./) } } });

    const anthropicKey = makeFakeAiKey('anthropic');
    const anthropic = await start({ provider: 'anthropic', keys: [{ key: anthropicKey, state: 'no-credit' }] });
    expect(await get(`${anthropic.url}/v1/models`, { 'x-api-key': anthropicKey })).toMatchObject({ status: 400, body: { type: 'error', error: { message: 'anthropic-version: header is required' } } });
    expect(await get(`${anthropic.url}/v1/models`, { 'x-api-key': anthropicKey, 'anthropic-version': '2023-06-01' })).toMatchObject({
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('credit balance is too low') } },
    });
    anthropic.failNext(1, '5xx');
    expect(await get(`${anthropic.url}/v1/models`, { 'x-api-key': anthropicKey, 'anthropic-version': '2023-06-01' })).toMatchObject({ status: 529, body: { error: { type: 'overloaded_error' } } });

    const geminiKey = makeFakeAiKey('google');
    const gemini = await start({ provider: 'google', keys: [{ key: geminiKey, state: 'rate-limited' }], retryAfterSeconds: 12 });
    const limited = await get(`${gemini.url}/v1beta/models`, { 'x-goog-api-key': geminiKey });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.body).toMatchObject({ error: { status: 'RESOURCE_EXHAUSTED', details: expect.arrayContaining([expect.objectContaining({ retryDelay: '12s' })]) } });

    const perplexity = await start({ provider: 'perplexity' });
    expect(await get(`${perplexity.url}/v1/models`, { Authorization: `Bearer ${makeFakeAiKey('perplexity')}` })).toMatchObject({ status: 401, body: expect.stringContaining('401 Authorization Required') });
  });

  it('refuses a Gemini key in the query string and records every key that ever appeared in a URL', async () => {
    const key = makeFakeAiKey('google');
    const fake = await start({ provider: 'google', keys: [{ key }] });
    expect((await get(`${fake.url}/v1beta/models`, { 'x-goog-api-key': key })).status).toBe(200);
    expect(fake.keyEverInUrl()).toBe(false);
    const inQuery = await get(`${fake.url}/v1beta/models?key=${key}`);
    expect(inQuery).toMatchObject({ status: 400, body: { error: { status: 'INVALID_ARGUMENT', details: expect.arrayContaining([expect.objectContaining({ reason: 'API_KEY_INVALID' })]) } } });
    expect(fake.keyEverInUrl()).toBe(true);

    const openaiKey = makeFakeAiKey('openai');
    const openai = await start({ provider: 'openai', keys: [{ key: openaiKey }] });
    await get(`${openai.url}/v1/models/${encodeURIComponent(openaiKey)}`, { Authorization: `Bearer ${openaiKey}` });
    expect(openai.requests.at(-1)).toMatchObject({ keyInUrl: true, situation: 'not-found' });
  });

  it('records header names, never their values', async () => {
    const key = makeFakeAiKey('xai');
    const fake = await start({ provider: 'xai', keys: [{ key }] });
    await get(`${fake.url}/v1/models`, { Authorization: `Bearer ${key}` });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models', status: 200, situation: 'ok', keyInUrl: false });
    expect(request?.headerNames).toContain('authorization');
    expect(JSON.stringify(fake.requests)).not.toContain(key);
  });

  it('injects faults: a reset connection, no answer, the provider being down', async () => {
    const key = makeFakeAiKey('mistral');
    const fake = await start({ provider: 'mistral', keys: [{ key }] });
    fake.failNext(1, 'drop');
    fake.failNext(1, 'timeout');
    fake.failNext(1, '5xx');
    await expect(fetch(`${fake.url}/v1/models`, { headers: { Authorization: `Bearer ${key}` } })).rejects.toThrow();
    await expect(fetch(`${fake.url}/v1/models`, { headers: { Authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await get(`${fake.url}/v1/models`, { Authorization: `Bearer ${key}` })).status).toBe(503);
    expect((await get(`${fake.url}/v1/models`, { Authorization: `Bearer ${key}` })).status).toBe(200);
    expect(fake.requests.map((entry) => entry.fault)).toEqual(['drop', 'timeout', '5xx', undefined]);
  });

  it('has a key factory that matches the shared key shapes for every provider', async () => {
    const { aiKeyShape } = await import('../../shared/ai-key-shapes');
    for (const provider of aiProviderIds) expect(aiKeyShape(provider, makeFakeAiKey(provider)).verdict, provider).toBe('ok');
  });
});
