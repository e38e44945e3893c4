/**
 * Issue 17: every use of a key is counted with whether it worked, by what used it, and the keys
 * nobody used for a while are listed. Real core, the fake OpenAI, a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiProvider } from '../../testing/fake-ai-provider';
import { makeBinanceHmacKey } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';

const DAY = 24 * 3600_000;

describe('the usage report', () => {
  const temp = makeTempHome('keywarden-usage-');
  const clock = new ManualClock(Date.UTC(2026, 11, 1));
  const key = makeFakeAiKey('openai');
  let openai: FakeAiProvider;
  let core: Core;

  beforeAll(async () => {
    openai = await startFakeAiProvider({ provider: 'openai', keys: [{ key }] });
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { openai: openai.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
  });
  afterAll(async () => {
    core.close();
    temp.cleanup();
    await openai.stop();
  });

  const report = async (input: { days?: number; unusedDays?: number } = {}) => {
    const result = await invokeChannel(core, 'usage.report', input, { actor: 'cli' });
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { keys: { label: string; verification: { ok: number; failed: number }; release: { ok: number; failed: number }; lastUsedAt: number | null }[]; unused: { label: string }[] };
  };

  it('counts uses by what used the key and whether it worked, and lists keys nobody used', async () => {
    const ai = await core.credentials.create({ provider: 'openai', label: 'OpenAI main', fields: { apiKey: key } }, 'cli');
    await core.credentials.create({ provider: 'binance', label: 'Binance idle', fields: makeBinanceHmacKey() }, 'cli');
    core.credentials.update({ ref: ai.id, allowPrograms: true }, 'cli');

    openai.setKeyState(key, 'revoked');
    await core.verifier.verify(ai.id, 'cli');
    openai.setKeyState(key, 'ok');
    await core.verifier.verify(ai.id, 'cli');
    await core.keyRelease.release({ references: [{ key: ai.id, field: 'apiKey' }], command: ['node', 'bot.js'], cwd: '/tmp' }, 'cli');
    const firstUse = clock.now();

    const now = await report();
    expect(now.keys.find((line) => line.label === 'OpenAI main')).toMatchObject({ verification: { ok: 1, failed: 1 }, release: { ok: 1, failed: 0 }, lastUsedAt: firstUse });
    expect(now.keys.find((line) => line.label === 'Binance idle')).toMatchObject({ verification: { ok: 0, failed: 0 }, lastUsedAt: null });
    // Both are younger than 30 days: not listed as unused yet.
    expect(now.unused).toEqual([]);

    clock.advance(31 * DAY);
    // A month of idling locked the vault.
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'cli');
    const later = await report();
    expect(later.unused.map((line) => line.label).sort()).toEqual(['Binance idle', 'OpenAI main']);
    expect(later.keys.find((line) => line.label === 'OpenAI main')).toMatchObject({ verification: { ok: 0, failed: 0 }, lastUsedAt: firstUse });
    expect((await report({ days: 60, unusedDays: 45 })).unused).toEqual([]);
    expect((await report({ days: 60 })).keys.find((line) => line.label === 'OpenAI main')).toMatchObject({ verification: { ok: 1, failed: 1 } });

    await core.verifier.verify(ai.id, 'cli');
    expect((await report()).unused.map((line) => line.label)).toEqual(['Binance idle']);
    expect(await invokeChannel(core, 'usage.report', { days: 0 }, { actor: 'cli' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
