/**
 * Issue 17, the local AI gateway, on the real core in a temp folder, real sockets and the offline
 * fake providers: programs call it the way the official SDKs do, with a local token; the provider
 * gets the real key and never the token; answers (JSON and streams) come back byte for byte; usage
 * is recorded per key and per token with its cost; every refusal comes in the provider's own error
 * shape before anything reaches the provider; and the key is in nothing the program, the audit log
 * or the data folder holds.
 */
import net from 'node:net';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiProvider } from '../../testing/fake-ai-provider';
import { TEST_PASSPHRASE, createTestCore, databaseOf, filesContaining, makeTempHome } from '../../testing/test-core';
import { startRuntime } from '../runtime/keywarden-runtime';

const call = (core: Core, channel: string, input: unknown) => invokeChannel(core, channel, input, { actor: 'cli' });

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

const chat = (stream?: boolean, extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }], ...(stream ? { stream: true } : {}), ...extra });

describe('the local AI gateway', () => {
  let openai: FakeAiProvider;
  let anthropic: FakeAiProvider;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let gatewayUrl: string;
  let openaiId: string;
  let claudeId: string;
  let token: string;
  let claudeToken: string;
  const key = makeFakeAiKey('openai');
  const claude = makeFakeAiKey('anthropic');
  /** Everything any program received from the gateway, to prove no key is in it. */
  const received: string[] = [];

  beforeAll(async () => {
    openai = await startFakeAiProvider({ provider: 'openai', keys: [{ key }] });
    anthropic = await startFakeAiProvider({ provider: 'anthropic', keys: [{ key: claude }] });
  });
  afterAll(async () => {
    await openai.stop();
    await anthropic.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome('keywarden-ai-gateway-');
    core = createTestCore(temp.home, { exchangeUrlOverrides: { openai: openai.url, anthropic: anthropic.url }, gatewayTimeouts: { headersMs: 1000, requestMs: 1500, idleSocketMs: 1500 } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    core.vault.setAutoLockMinutes(0, 'cli');
    openaiId = (await core.credentials.create({ provider: 'openai', label: 'OpenAI main', fields: { apiKey: key } }, 'cli')).id;
    claudeId = (await core.credentials.create({ provider: 'anthropic', label: 'Claude main', fields: { apiKey: claude } }, 'cli')).id;
    token = core.gateway.tokens.create({ label: 'research bot', keys: ['OpenAI main'] }, 'cli').localToken;
    claudeToken = core.gateway.tokens.create({ label: 'claude bot', keys: ['Claude main', 'OpenAI main'] }, 'cli').localToken;
    openai.forbid(token);
    openai.forbid(claudeToken);
    anthropic.forbid(claudeToken);
    gatewayUrl = (await core.gateway.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
    const response = await fetch(`${gatewayUrl}${path}`, { method: init.method ?? 'POST', headers: { 'content-type': 'application/json', ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) });
    const text = await response.text();
    received.push(text, JSON.stringify([...response.headers]));
    return { status: response.status, headers: response.headers, text };
  }
  /** As the OpenAI SDKs send it: the key (here the local token) as a Bearer token. */
  const viaOpenAiSdk = (body: string, localToken = token, path = '/openai/v1/chat/completions') =>
    send(path, { headers: { authorization: `Bearer ${localToken}`, 'user-agent': 'OpenAI/JS 5.10.0', 'x-stainless-lang': 'js', cookie: 'session=abc' }, body });
  /** As Anthropic's SDKs send it: x-api-key and anthropic-version. */
  const viaAnthropicSdk = (body: string, localToken = claudeToken) =>
    send('/anthropic/v1/messages', { headers: { 'x-api-key': localToken, 'anthropic-version': '2023-06-01', 'user-agent': 'Anthropic/Python 0.60.0' }, body });
  /** The same call straight to the fake with the real key: what the program must receive through the gateway. */
  async function direct(provider: FakeAiProvider, path: string, body: string, headers: Record<string, string>): Promise<string> {
    return (await fetch(`${provider.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).text();
  }
  const usageOf = (id: string) => core.keyUsage.report({ days: 30 }).keys.find((line) => line.id === id);
  const tokenUsage = (label: string) => core.gateway.tokens.list().find((info) => info.label === label)?.thisMonth;

  it('forwards an OpenAI SDK call with the real key (never the local token), answers byte for byte, and records tokens and cost per key and per token', async () => {
    const before = openai.requests.length;
    const answer = await viaOpenAiSdk(chat());
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).toBe(await direct(openai, '/v1/chat/completions', chat(), { authorization: `Bearer ${key}` }));
    const forwarded = openai.requests[before]!;
    expect(forwarded).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200, situation: 'generated', forbiddenSeen: false, keyInUrl: false });
    expect(forwarded.headerNames).toEqual(expect.arrayContaining(['authorization', 'user-agent', 'x-stainless-lang']));
    expect(forwarded.headerNames).not.toContain('cookie');
    // gpt-4o-mini's example price: 0.15 and 0.6 USD per million tokens; 21 in and 7 out is 7.35 millionths, rounded up.
    expect(usageOf(openaiId)).toMatchObject({ gateway: { ok: 1, failed: 0 }, tokensIn: 21, tokensOut: 7, costUsd: 0.000008 });
    expect(tokenUsage('research bot')).toEqual({ calls: 1, failed: 0, tokensIn: 21, tokensOut: 7, costUsd: 0.000008 });
    expect(tokenUsage('claude bot')).toEqual({ calls: 0, failed: 0, tokensIn: 0, tokensOut: 0, costUsd: null });
    expect(core.gateway.tokens.list().find((info) => info.label === 'research bot')?.lastUsedAt).not.toBeNull();
  });

  it('streams: asks a stream for its usage and keeps the extra chunk from a program that did not ask; passes a stream that asked byte for byte', async () => {
    const plain = await viaOpenAiSdk(chat(true));
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('text/event-stream');
    expect(openai.requests.at(-1)?.generation).toEqual({ model: 'gpt-4o-mini', stream: true, usageAsked: true });
    const directPlain = await direct(openai, '/v1/chat/completions', chat(true), { authorization: `Bearer ${key}` });
    // What the program gets is the stream it asked for, but every chunk says "usage":null (documented).
    expect(plain.text).toBe(directPlain.replaceAll('"finish_reason":null}]}', '"finish_reason":null}],"usage":null}').replaceAll('"finish_reason":"stop"}]}', '"finish_reason":"stop"}],"usage":null}'));
    expect(plain.text).not.toContain('"choices":[]');
    expect(plain.text.endsWith('data: [DONE]\n\n')).toBe(true);

    const asked = chat(true, { stream_options: { include_usage: true } });
    const withUsage = await viaOpenAiSdk(asked);
    expect(withUsage.text).toBe(await direct(openai, '/v1/chat/completions', asked, { authorization: `Bearer ${key}` }));
    expect(withUsage.text).toContain('"choices":[],"usage":{"prompt_tokens":21,"completion_tokens":7');
    expect(usageOf(openaiId)).toMatchObject({ gateway: { ok: 2, failed: 0 }, tokensIn: 42, tokensOut: 14 });
  });

  it('reads the Responses API usage, as JSON and as a stream', async () => {
    const body = (stream: boolean) => JSON.stringify({ model: 'gpt-4.1', input: 'Say hello.', ...(stream ? { stream: true } : {}) });
    const json = await viaOpenAiSdk(body(false), token, '/openai/v1/responses');
    expect(json.text).toBe(await direct(openai, '/v1/responses', body(false), { authorization: `Bearer ${key}` }));
    const streamed = await viaOpenAiSdk(body(true), token, '/openai/v1/responses');
    expect(streamed.text).toBe(await direct(openai, '/v1/responses', body(true), { authorization: `Bearer ${key}` }));
    // gpt-4.1's example price: 2 and 8 USD per million tokens: 21 × 2 + 7 × 8 = 98 millionths a call.
    expect(usageOf(openaiId)).toMatchObject({ gateway: { ok: 2 }, tokensIn: 42, tokensOut: 14, costUsd: 0.000196 });
  });

  it('forwards an Anthropic SDK call (x-api-key) with the real key, JSON and streamed, and reads message_start and message_delta usage', async () => {
    const body = (stream: boolean) => JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello.' }], ...(stream ? { stream: true } : {}) });
    const headers = { 'x-api-key': claude, 'anthropic-version': '2023-06-01' };
    const json = await viaAnthropicSdk(body(false));
    expect(json.status, json.text).toBe(200);
    expect(json.text).toBe(await direct(anthropic, '/v1/messages', body(false), headers));
    const streamed = await viaAnthropicSdk(body(true));
    expect(streamed.text).toBe(await direct(anthropic, '/v1/messages', body(true), headers));
    expect(streamed.text).toContain('event: message_delta');
    expect(anthropic.requests.filter((request) => request.situation === 'generated').every((request) => !request.forbiddenSeen)).toBe(true);
    // claude-haiku-4-5's example price: 1 and 5 USD per million tokens: 21 + 35 = 56 millionths a call.
    expect(usageOf(claudeId)).toMatchObject({ gateway: { ok: 2, failed: 0 }, tokensIn: 42, tokensOut: 14, costUsd: 0.000112 });
    expect(tokenUsage('claude bot')).toMatchObject({ calls: 2, tokensIn: 42, tokensOut: 14 });
  });

  it('refuses, in the provider\'s error shape and before anything reaches it: no token, a wrong one, a revoked one, one without a key for the provider, a token in the URL', async () => {
    const reached = openai.requests.length + anthropic.requests.length;
    const noToken = await send('/openai/v1/chat/completions', { body: chat() });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.text)).toEqual({ error: { message: expect.stringMatching(/^Keywarden: no local token was given/), type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    expect(noToken.headers.get('x-should-retry')).toBe('false');
    const wrong = await viaOpenAiSdk(chat(), `kwl_${'A'.repeat(43)}`);
    expect(JSON.parse(wrong.text)).toMatchObject({ error: { code: 'invalid_api_key', message: expect.stringContaining('not valid') } });
    const realKeyAsToken = await viaOpenAiSdk(chat(), key);
    expect(realKeyAsToken.status).toBe(401);

    const anthropicWrong = await viaAnthropicSdk(JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] }), `kwl_${'B'.repeat(43)}`);
    expect(anthropicWrong.status).toBe(401);
    expect(JSON.parse(anthropicWrong.text)).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.stringContaining('Keywarden') } });
    const noClaudeKey = await viaAnthropicSdk(JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] }), token);
    expect(noClaudeKey.status).toBe(403);
    expect(JSON.parse(noClaudeKey.text)).toEqual({ type: 'error', error: { type: 'permission_error', message: expect.stringContaining('may use no Anthropic key') } });

    const inUrl = await send(`/openai/v1/chat/completions?key=${token}`, { body: chat() });
    expect(inUrl.status).toBe(400);

    expect((await call(core, 'gateway.tokens.revoke', { ref: 'research bot' })).ok).toBe(true);
    const revoked = await viaOpenAiSdk(chat());
    expect(revoked.status).toBe(401);
    expect(openai.requests.length + anthropic.requests.length).toBe(reached);
    expect(core.gateway.status().refused.unauthorized).toBe(5);
  });

  it('refuses calls with a revoked or disabled key, or while the vault is locked, before anything reaches the provider', async () => {
    const reached = openai.requests.length;
    const claudeReached = anthropic.requests.length;
    openai.setKeyState(key, 'revoked');
    expect((await core.verifier.verify(openaiId, 'cli')).outcome).not.toBe('ok');
    openai.setKeyState(key, 'ok');
    expect(core.credentials.get(openaiId).status).toBe('disabled');
    const checks = openai.requests.length;
    const disabled = await viaOpenAiSdk(chat());
    expect(disabled.status).toBe(403);
    expect(JSON.parse(disabled.text)).toMatchObject({ error: { code: 'keywarden_key_unusable', message: expect.stringContaining('is disabled') } });
    expect(openai.requests.length).toBe(checks);

    core.credentials.revoke(claudeId, 'cli');
    const revokedKey = await viaAnthropicSdk(JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] }));
    expect(revokedKey.status).toBe(403);
    expect(JSON.parse(revokedKey.text)).toMatchObject({ type: 'error', error: { type: 'permission_error', message: expect.stringContaining('was revoked') } });

    core.vault.lock('user', 'cli');
    const locked = await viaOpenAiSdk(chat());
    expect(locked.status).toBe(503);
    expect(JSON.parse(locked.text)).toMatchObject({ error: { code: 'keywarden_locked' } });
    expect(openai.requests.length - reached).toBe(1);
    expect(anthropic.requests.length).toBe(claudeReached);
  });

  it('refuses over the monthly budget, over the calls-per-minute cap and without a price under a budget, each before the provider is called', async () => {
    expect((await call(core, 'gateway.budgets.set', { ref: 'OpenAI main', monthlyUsd: 0.00001 })).ok).toBe(true);
    expect((await viaOpenAiSdk(chat())).status).toBe(200);
    expect((await viaOpenAiSdk(chat())).status).toBe(200);
    const reached = openai.requests.length;
    const over = await viaOpenAiSdk(chat());
    expect(over.status).toBe(429);
    expect(JSON.parse(over.text)).toEqual({ error: { message: expect.stringMatching(/^Keywarden: "OpenAI main" has spent \$0\.00 of its \$0\.00 monthly budget in Keywarden's AI gateway/), type: 'insufficient_quota', param: null, code: 'insufficient_quota' } });
    expect(over.headers.get('x-should-retry')).toBe('false');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await call(core, 'gateway.budgets.get', {})).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ label: 'OpenAI main', monthlyUsd: 0.00001, spentUsd: 0.000016 })]) });

    expect((await call(core, 'gateway.budgets.set', { ref: 'OpenAI main', monthlyUsd: 100 })).ok).toBe(true);
    const unpriced = await viaOpenAiSdk(JSON.stringify({ model: 'mystery-model-1', messages: [] }));
    expect(unpriced.status).toBe(403);
    expect(JSON.parse(unpriced.text)).toMatchObject({ error: { code: 'keywarden_price_unknown', message: expect.stringContaining('"mystery-model-1"') } });
    // A free GET (the models list) goes through under a budget.
    expect((await send('/openai/v1/models', { method: 'GET', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    expect((await call(core, 'gateway.budgets.set', { ref: 'Claude main', requestsPerMinute: 1 })).ok).toBe(true);
    const claudeReached = anthropic.requests.length;
    const body = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] });
    expect((await viaAnthropicSdk(body)).status).toBe(200);
    const capped = await viaAnthropicSdk(body);
    expect(capped.status).toBe(429);
    expect(JSON.parse(capped.text)).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: expect.stringContaining('capped at 1 calls a minute') } });
    expect(capped.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(openai.requests.length).toBe(reached + 1);
    expect(anthropic.requests.length).toBe(claudeReached + 1);
    expect(core.gateway.status().refused).toMatchObject({ budget: 2, rate: 1 });
  });

  it('takes the key out of a provider\'s error answer that echoes it', async () => {
    openai.setKeyState(key, 'no-credit');
    const noCredit = await viaOpenAiSdk(chat());
    expect(noCredit.status).toBe(429);
    expect(JSON.parse(noCredit.text)).toMatchObject({ error: { code: 'insufficient_quota' } });
    openai.setKeyState(key, 'ok');
    // The key stored in Keywarden is not one the provider knows: OpenAI echoes a masked form of it.
    const rotatedAway = makeFakeAiKey('openai');
    await core.credentials.create({ provider: 'openai', label: 'Old OpenAI', fields: { apiKey: rotatedAway } }, 'cli');
    const oldToken = core.gateway.tokens.create({ label: 'old', keys: ['Old OpenAI'] }, 'cli').localToken;
    const refused = await viaOpenAiSdk(chat(), oldToken);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Incorrect API key provided: [key held by Keywarden]');
    expect(refused.text).not.toContain(rotatedAway.slice(-4));
    expect(usageOf(openaiId)).toMatchObject({ gateway: { ok: 0, failed: 1 } });
  });

  it('bounds bodies and slow senders, and listens on loopback only', async () => {
    expect((await call(core, 'gateway.settings.set', { maxBodyBytes: 2048 })).ok).toBe(true);
    const reached = openai.requests.length;
    const large = await viaOpenAiSdk(chat(false, { padding: 'x'.repeat(4096) }));
    expect(large.status).toBe(413);
    expect(JSON.parse(large.text)).toMatchObject({ error: { code: 'keywarden_body_too_large' } });

    // Headers, then a body that never finishes: cut off once the request time (1.5 s here) is up.
    const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(gatewayUrl).port) }).resume();
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    const started = Date.now();
    socket.write(`POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":`);
    expect((await closed) - started).toBeLessThan(5000);
    // A connection that sends nothing is closed as well.
    // (Read, so that the gateway's closing is seen.)
    const silent = net.connect({ host: '127.0.0.1', port: Number(new URL(gatewayUrl).port) }).resume();
    await new Promise((resolve) => silent.once('close', resolve));
    expect(openai.requests.length).toBe(reached);

    expect(await call(core, 'gateway.settings.set', { host: '0.0.0.0' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('loopback') } });
    const status = core.gateway.status();
    expect(status).toMatchObject({ running: true, host: '127.0.0.1' });
    expect(status.sdkBaseUrls).toEqual(expect.arrayContaining([{ provider: 'openai', name: 'OpenAI', baseUrl: `${gatewayUrl}/openai/v1` }, { provider: 'anthropic', name: 'Anthropic', baseUrl: `${gatewayUrl}/anthropic` }]));
    const lanAddress = Object.values(os.networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    if (lanAddress !== undefined) {
      const refused = await new Promise<string>((resolve) => {
        const probe = net.connect({ host: lanAddress, port: Number(new URL(gatewayUrl).port) });
        probe.once('connect', () => {
          probe.destroy();
          resolve('connected');
        });
        probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
  });

  it('keeps the key out of everything: answers, the audit log, the token list, the data folder; keeps only the local tokens\' hashes', async () => {
    await viaOpenAiSdk(chat());
    await viaOpenAiSdk(chat(true));
    await viaAnthropicSdk(JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [], stream: true }));
    const everything = [...received, JSON.stringify(core.audit.list({ limit: 500 })), JSON.stringify(await call(core, 'gateway.tokens.list', {})), JSON.stringify(await call(core, 'gateway.status', {}))].join('\n');
    for (const secret of [key, claude]) expect(everything).not.toContain(secret.slice(8));
    expect(everything).not.toContain(token);
    expect(core.audit.list({ actionPrefix: 'gateway.token', limit: 10 }).map((record) => record.action)).toEqual(['gateway.token.create', 'gateway.token.create']);
    core.close();
    for (const secret of [key, claude, token, claudeToken]) expect(filesContaining(temp.home, secret)).toEqual([]);
    core = createTestCore(temp.home);
  });

  it('a local token planted in the data file spends nothing and raises the integrity alarm', async () => {
    const planted = 'kwl_' + 'C'.repeat(43);
    const { createHash } = await import('node:crypto');
    databaseOf(core).sqlite.prepare("INSERT INTO gateway_tokens (id, label, token_hash, key_ids, created_at) VALUES ('planted123', 'planted', ?, ?, 0)").run(createHash('sha256').update(planted).digest('hex'), JSON.stringify([openaiId]));
    const answer = await viaOpenAiSdk(chat(), planted);
    expect(answer.status).toBe(401);
    expect(core.integrity.alarms().map((alarm) => alarm.label)).toEqual(['AI gateway local token "planted"']);
    const honest = await viaOpenAiSdk(chat());
    expect(JSON.parse(honest.text)).toMatchObject({ error: { code: 'keywarden_integrity_alarm' } });
  });

  it('runs with the desktop app when its setting is on, follows the setting, and stops with the runtime', async () => {
    await core.gateway.stop();
    const runtime = await startRuntime(core, { listener: 'none', gateway: 'if-enabled', report: () => undefined });
    expect(runtime.gateway.running).toBe(false);
    await core.gateway.updateSettings({ enabled: true, port: 0 }, 'ui');
    expect(core.gateway.status()).toMatchObject({ running: true, enabled: true });
    await core.gateway.updateSettings({ enabled: false }, 'ui');
    expect(core.gateway.status().running).toBe(false);
    await core.gateway.updateSettings({ enabled: true }, 'ui');
    await runtime.stop();
    expect(core.gateway.status().running).toBe(false);
    await core.gateway.updateSettings({ enabled: false }, 'ui');
    await core.gateway.updateSettings({ enabled: true }, 'ui');
    expect(core.gateway.status().running).toBe(false);
    expect(core.audit.list({ actionPrefix: 'gateway.settings', limit: 10 })).toHaveLength(5);
  });
});
