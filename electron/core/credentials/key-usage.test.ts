/**
 * Issue 17: every use of a key is counted with whether it worked, by what used it, and the keys
 * nobody used for a while are listed. Real core, the fake OpenAI, a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { makeFakeAiKey, startFakeAiProvider, type FakeAiProvider } from '../../testing/fake-ai-provider';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, databaseOf, makeTempHome } from '../../testing/test-core';

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

describe('orders in the usage report', () => {
  const temp = makeTempHome('keywarden-usage-orders-');
  const clock = new ManualClock(Date.now());
  const key = makeBinanceHmacKey();
  let binance: FakeExchange;
  let core: Core;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url } });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'cli');
    core.vault.setAutoLockMinutes(0, 'cli');
  });
  afterAll(async () => {
    core.close();
    temp.cleanup();
    await binance.stop();
  });

  it('an order the exchange took is a use of its key, read from the order itself; paper and refused orders are not', async () => {
    const { id } = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'cli');
    await core.verifier.verify(id, 'cli');
    const usesBefore = core.credentials.get(id).useCount;
    const buy = { account: id, symbol: 'BTC/USDT', side: 'buy' as const, amount: 0.0002 };
    const placed = await core.trading.place(buy, { source: 'cli', actor: 'cli' });
    expect(placed.order).toMatchObject({ status: 'filled', paper: false });
    // Refused by the exchange (below its minimum order value): no use that worked.
    const refused = await core.trading.place({ ...buy, amount: 0.00001 }, { source: 'cli', actor: 'cli' });
    expect(refused.order.exchangeOrderId).toBeNull();
    expect((await core.trading.place({ ...buy, paper: true }, { source: 'cli', actor: 'cli' })).order.paper).toBe(true);

    const result = await invokeChannel(core, 'usage.report', {}, { actor: 'cli' });
    if (!result.ok) throw new Error(result.error.message);
    const line = (result.value as { keys: { id: string; order: { ok: number; failed: number }; lastUsedAt: number | null }[] }).keys.find((entry) => entry.id === id);
    expect(line).toMatchObject({ order: { ok: 1, failed: 0 }, lastUsedAt: placed.order.createdAt });
    // The key's use count still counts the order; the order is not written twice (issue 22's growth per alert).
    expect(core.credentials.get(id).useCount).toBe(usesBefore + 1);
    expect(databaseOf(core).sqlite.prepare("SELECT count(*) AS n FROM key_uses WHERE source = 'order'").get()).toEqual({ n: 0 });
  });
});
