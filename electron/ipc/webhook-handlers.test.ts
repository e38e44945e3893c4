/** The webhook channels over the contract: every channel answers, and only create/rotate ever carry a token. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core/app';
import { makeBinanceHmacKey } from '../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../testing/test-core';
import type { ContractResult } from './contract';
import { invokeChannel } from './handlers';
import { webhookChannels } from './webhook-contract';

describe('webhook channels', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  const responses = new Map<string, unknown[]>();

  const call = async (name: string, input: unknown): Promise<ContractResult<unknown>> => {
    const result = await invokeChannel(core, name, input, { actor: 'ui' });
    responses.set(name, [...(responses.get(name) ?? []), result]);
    return result;
  };
  const value = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };

  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    await core.credentials.create({ provider: 'binance', label: 'main', fields: makeBinanceHmacKey() }, 'ui');
    responses.clear();
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('runs every webhook channel; the token appears only in the create and rotate answers', async () => {
    const created = await value<{ oneTimeToken: string; source: { id: string } }>('webhook.sources.create', { label: 'tv', scope: { accounts: ['main'], sides: ['buy'] } });
    const rotated = await value<{ oneTimeToken: string }>('webhook.sources.rotate', { ref: 'tv', graceMinutes: 5 });
    await value('webhook.sources.update', { ref: created.source.id, enabled: false });
    await value('webhook.sources.list', {});
    await value('webhook.settings.set', { port: 9999, rateLimits: { sourceBurst: 7 } });
    expect(await value('webhook.settings.get', {})).toMatchObject({ port: 9999, rateLimits: { sourceBurst: 7 } });
    await value('webhook.status', {});
    await value('webhook.events.list', { limit: 10 });
    const message = await value<{ message: string }>('webhook.message', { account: 'main', symbol: 'BTCUSDT', mode: 'strategy' });
    // A sell from a buy-only source: refused before any market data is needed (no exchange here).
    const simulation = await value('webhook.simulate', { template: message.message, source: 'tv', values: { 'strategy.order.action': 'sell' } });
    expect(simulation).toMatchObject({ contentType: 'application/json', httpStatus: 422, outcome: 'out-of-scope' });
    await value('webhook.sources.delete', { ref: 'tv' });
    expect([...responses.keys()].sort()).toEqual(Object.keys(webhookChannels).sort());
    for (const [name, answers] of responses) {
      const text = JSON.stringify(answers);
      const carriesToken = text.includes(created.oneTimeToken) || text.includes(rotated.oneTimeToken);
      expect(carriesToken, name).toBe(name === 'webhook.sources.create' || name === 'webhook.sources.rotate');
    }
  });

  it('validates input from unknown and needs the vault unlocked', async () => {
    expect(await call('webhook.sources.create', { label: 'x', scope: { sides: ['long'] } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'scope.sides.0' } } });
    expect(await call('webhook.settings.set', { port: 70_000 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'port' } } });
    expect(await call('webhook.message', { account: 'main', symbol: 'BTCUSDT', mode: 'indicator', side: 'buy' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    core.vault.lock('user', 'ui');
    for (const name of ['webhook.sources.list', 'webhook.settings.get', 'webhook.events.list']) expect(await call(name, {}), name).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(await call('webhook.status', {})).toMatchObject({ ok: true });
  });
});
