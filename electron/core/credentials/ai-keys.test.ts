/**
 * Issue 17: AI provider keys are kept like exchange keys, through the contract: stored sealed with
 * nothing of the key shown, tested before saving, verified (status from the provider's real
 * answers), rotated with a check that the old key stopped working, handed to programs concealed,
 * and refused where only an exchange key makes sense. Real core in a temp folder, the offline fake
 * providers on loopback.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiProvider } from '../../testing/fake-ai-provider';
import { TEST_PASSPHRASE, createTestCore, filesContaining, makeTempHome } from '../../testing/test-core';

const call = (core: Core, channel: string, input: unknown) => invokeChannel(core, channel, input, { actor: 'cli' });

describe('AI provider keys', () => {
  let openai: FakeAiProvider;
  let anthropic: FakeAiProvider;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const key = makeFakeAiKey('openai');
  const claude = makeFakeAiKey('anthropic');

  beforeAll(async () => {
    openai = await startFakeAiProvider({ provider: 'openai', keys: [{ key, organization: 'org-trading', project: 'proj_bots' }] });
    anthropic = await startFakeAiProvider({ provider: 'anthropic', keys: [{ key: claude }] });
  });
  afterAll(async () => {
    await openai.stop();
    await anthropic.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome('keywarden-ai-keys-');
    core = createTestCore(temp.home, { exchangeUrlOverrides: { openai: openai.url, anthropic: anthropic.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('stores an OpenAI key with its organization: kind ai, nothing of the key shown, sealed on disk', async () => {
    const created = await call(core, 'credentials.create', { provider: 'openai', label: 'OpenAI main', fields: { apiKey: ` "${key}"\n`, organization: 'org-trading' } });
    expect(created).toMatchObject({ ok: true, value: { kind: 'ai', provider: 'openai', label: 'OpenAI main', fields: ['apiKey', 'organization'], preview: '••••', status: 'unverified', environment: 'live' } });
    expect(core.credentials.getDecrypted((created as { value: { id: string } }).value.id).secrets).toEqual({ apiKey: key, organization: 'org-trading' });
    expect(JSON.stringify(await call(core, 'credentials.list', {}))).not.toContain(key.slice(8, 30));
    core.close();
    expect(filesContaining(temp.home, key)).toEqual([]);
    core = createTestCore(temp.home, { exchangeUrlOverrides: { openai: openai.url } });
  });

  it('refuses what cannot be an AI key, a testnet, and fields the provider does not have, saving nothing', async () => {
    const refusals = [
      [{ provider: 'openai', label: 'a', fields: { apiKey: 'https://platform.openai.com/api-keys' } }, 'MALFORMED_FIELD', 'This is a web address, not an API key.'],
      [{ provider: 'openai', label: 'b', fields: { apiKey: `OPENAI_API_KEY=${key}` } }, 'MALFORMED_FIELD', 'This is a whole line of a .env file'],
      [{ provider: 'anthropic', label: 'c', fields: { apiKey: 'sk-ant-short' } }, 'MALFORMED_FIELD', 'too short'],
      [{ provider: 'openai', label: 'd', fields: { apiKey: key, secret: 'x' } }, 'UNEXPECTED_FIELD', 'OpenAI keys have no field "secret"'],
      [{ provider: 'anthropic', label: 'e', fields: {} }, 'MISSING_FIELD', 'The API key is missing.'],
      [{ provider: 'openai', label: 'f', environment: 'testnet', fields: { apiKey: key } }, 'INVALID_INPUT', 'OpenAI has no testnet'],
      [{ provider: 'claude', label: 'g', fields: { apiKey: claude } }, 'UNKNOWN_PROVIDER', ''],
    ] as const;
    for (const [input, code, says] of refusals) {
      const result = await call(core, 'credentials.create', input);
      expect(result, JSON.stringify(input.fields)).toMatchObject({ ok: false, error: { code, message: expect.stringContaining(says) } });
      expect(JSON.stringify(result)).not.toContain(key.slice(10));
    }
    expect(core.credentials.list()).toEqual([]);
  });

  it('tests a key before saving it: accepted with the models it can use; refused, or the provider unreachable, says why', async () => {
    expect(await call(core, 'credentials.test', { provider: 'anthropic', fields: { apiKey: claude } })).toMatchObject({ ok: true, value: { outcome: 'ok', message: expect.stringMatching(/^Anthropic accepted the key; it can use \d+ models?\.$/) } });
    expect(await call(core, 'credentials.test', { provider: 'anthropic', fields: { apiKey: makeFakeAiKey('anthropic') } })).toMatchObject({
      ok: true,
      value: { outcome: 'invalid-key', message: expect.stringMatching(/^Anthropic does not accept this key: .+ The key was not saved\.$/) },
    });
    expect(await call(core, 'credentials.test', { provider: 'openai', fields: { apiKey: key, organization: 'org-other' } })).toMatchObject({ ok: true, value: { outcome: 'organization-mismatch' } });
    openai.failNext(1, '5xx');
    expect(await call(core, 'credentials.test', { provider: 'openai', fields: { apiKey: key } })).toMatchObject({
      ok: false,
      error: { code: 'SERVICE_UNREACHABLE', message: expect.stringMatching(/^OpenAI could not be reached \(.+\); the key was not saved\.$/) },
    });
    expect(openai.keyEverInUrl()).toBe(false);
    expect(core.credentials.list()).toEqual([]);
  });

  it('verifies a stored key: the status follows what the provider says, and trouble on its side changes nothing', async () => {
    const ai = await core.credentials.create({ provider: 'openai', label: 'OpenAI main', fields: { apiKey: key, project: 'proj_bots' } }, 'cli');
    const verify = async () => (await call(core, 'credentials.verify', { ref: ai.id })) as { ok: true; value: { outcome: string; status: string; message: string } };
    expect((await verify()).value).toMatchObject({ outcome: 'ok', status: 'active' });
    openai.setKeyState(key, 'no-credit');
    expect((await verify()).value).toMatchObject({ outcome: 'no-credit', status: 'active', message: expect.stringContaining('no credit left or billing is not set up') });
    openai.setKeyState(key, 'rate-limited');
    expect((await verify()).value).toMatchObject({ outcome: 'rate-limited', status: 'active' });
    openai.failNext(1, 'drop');
    expect((await verify()).value).toMatchObject({ outcome: 'provider-unavailable', status: 'active', message: expect.stringContaining("the key's status is unchanged") });
    openai.setKeyState(key, 'revoked');
    expect((await verify()).value).toMatchObject({ outcome: 'revoked', status: 'disabled' });
    openai.setKeyState(key, 'ok');
    expect((await verify()).value).toMatchObject({ outcome: 'ok', status: 'active' });
    expect(core.credentials.get(ai.id).lastVerifiedAt).not.toBeNull();
  });

  it('is checked by verify-all and by the schedule, next to exchange keys', async () => {
    await core.credentials.create({ provider: 'openai', label: 'OpenAI main', fields: { apiKey: key } }, 'cli');
    await core.credentials.create({ provider: 'anthropic', label: 'Claude', fields: { apiKey: claude } }, 'cli');
    const all = await core.verifier.verifyAll('cli');
    expect(all.map((result) => [result.label, result.outcome, result.status]).sort()).toEqual([['Claude', 'ok', 'active'], ['OpenAI main', 'ok', 'active']]);
    // Nothing is due right after a check; a key never checked is.
    expect(core.scheduler.dueCredentialIds()).toEqual([]);
    const fresh = makeFakeAiKey('anthropic');
    anthropic.addKey({ key: fresh });
    const added = await core.credentials.create({ provider: 'anthropic', label: 'Claude 2', fields: { apiKey: fresh } }, 'cli');
    expect(core.scheduler.dueCredentialIds()).toEqual([added.id]);
    expect((await core.scheduler.runDue()).map((result) => [result.label, result.outcome])).toEqual([['Claude 2', 'ok']]);
  });

  it('rotates: the new key is tested first, and the old one is destroyed once the provider refuses it', async () => {
    const old = makeFakeAiKey('anthropic');
    anthropic.addKey({ key: old });
    const ai = await core.credentials.create({ provider: 'anthropic', label: 'Claude', fields: { apiKey: old } }, 'cli');
    const wrong = makeFakeAiKey('anthropic');
    expect(await call(core, 'credentials.rotate', { ref: ai.id, fields: { apiKey: wrong } })).toMatchObject({ ok: false, error: { code: 'ROTATION_VERIFY_FAILED', message: expect.stringContaining('keeps its old key') } });

    const fresh = makeFakeAiKey('anthropic');
    anthropic.addKey({ key: fresh });
    expect(await call(core, 'credentials.rotate', { ref: ai.id, fields: { apiKey: fresh } })).toMatchObject({ ok: true, value: { verification: { outcome: 'ok' } } });
    expect(core.credentials.getDecrypted(ai.id).secrets.apiKey).toBe(fresh);
    expect(await call(core, 'credentials.checkOldKey', { ref: ai.id })).toMatchObject({ ok: true, value: { oldKeyWorks: true } });
    anthropic.setKeyState(old, 'revoked');
    expect(await call(core, 'credentials.checkOldKey', { ref: ai.id })).toMatchObject({ ok: true, value: { oldKeyWorks: false } });
  });

  it('hands programs the key concealed-length-checked, its short settings as they are; never places orders with it', async () => {
    const ai = await core.credentials.create({ provider: 'openai', label: 'OpenAI main', fields: { apiKey: key, organization: 'org-x1' } }, 'cli');
    core.credentials.update({ ref: ai.id, allowPrograms: true }, 'cli');
    expect(await call(core, 'credentials.release', { references: [{ key: 'OpenAI main', field: 'apiKey' }, { key: 'OpenAI main', field: 'organization' }], command: ['python', 'bot.py'], cwd: '/tmp' })).toEqual({
      ok: true,
      value: { released: [{ key: 'OpenAI main', field: 'apiKey', secret: key }, { key: 'OpenAI main', field: 'organization', secret: 'org-x1' }] },
    });
    expect(await call(core, 'trading.place', { account: 'OpenAI main', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.001, paper: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_AN_EXCHANGE_KEY', message: '"OpenAI main" is an AI provider key; orders and alerts use exchange keys and Polymarket accounts only.' },
    });
    // Risk limits are for exchange keys: an AI key has none and cannot be given any.
    expect(await call(core, 'limits.set', { scope: 'OpenAI main', maxOrderNotionalUsd: 10 })).toMatchObject({ ok: false, error: { code: 'NOT_AN_EXCHANGE_KEY' } });
    expect(await call(core, 'limits.get', {})).toMatchObject({ ok: true, value: { accounts: [] } });
  });
});
