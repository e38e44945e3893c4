/** The gateway in the window: loaded together, a new token handed back but never kept, dropped at lock. */
import { describe, expect, it } from 'vitest';
import type { GatewayStatus, KeyBudgetLine, LocalTokenInfo } from '../api/contract-types';
import { NOW } from '../testing/contract-fixtures';
import { createFakeKeywardenApi, deferred, ok } from '../testing/fake-keywarden-api';
import { createGatewayStore } from './gateway-store';

const status: GatewayStatus = { running: false, enabled: false, host: '127.0.0.1', port: 8788, localUrl: null, sdkBaseUrls: [], inFlight: 0, refused: { unauthorized: 0, budget: 0, rate: 0, other: 0 } };
const token: LocalTokenInfo = {
  id: 'tok1', label: 'research bot', keys: [{ id: 'key1', label: 'OpenAI main', provider: 'openai' }], createdAt: NOW, lastUsedAt: null, revokedAt: null,
  thisMonth: { calls: 0, failed: 0, tokensIn: 0, tokensOut: 0, costUsd: null },
};
const budget: KeyBudgetLine = { credentialId: 'key1', label: 'OpenAI main', provider: 'openai', monthlyUsd: null, requestsPerMinute: null, spentUsd: 0 };
const SECRET_TOKEN = `kwl_${'a'.repeat(43)}`;

function fakeGateway() {
  return createFakeKeywardenApi({
    'gateway.status': () => ok(status),
    'gateway.tokens.list': () => ok([token]),
    'gateway.budgets.get': () => ok([budget]),
    'gateway.prices.get': () => ok([{ model: 'gpt-4o-mini', provider: 'openai', inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6, example: true }]),
  });
}

describe('gateway store', () => {
  it('loads status, tokens and budgets together', async () => {
    const store = createGatewayStore(fakeGateway().api);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status, tokens: [token], budgets: [budget], error: null });
    expect(store.getState().prices?.map((price) => price.model)).toEqual(['gpt-4o-mini']);
  });

  it('hands a new token back to the caller and keeps only its description', async () => {
    const fake = fakeGateway();
    fake.answer('gateway.tokens.create', () => ok({ localToken: SECRET_TOKEN, info: token }));
    const store = createGatewayStore(fake.api);
    const result = await store.getState().createToken({ label: 'research bot', keys: ['key1'] });
    expect(result.ok && result.value.localToken).toBe(SECRET_TOKEN);
    expect(JSON.stringify(store.getState())).not.toContain(SECRET_TOKEN);
    expect(store.getState().tokens).toEqual([token]);
  });

  it('replaces a revoked token and a saved budget in place', async () => {
    const fake = fakeGateway();
    fake.answer('gateway.tokens.revoke', () => ok({ ...token, revokedAt: NOW }));
    fake.answer('gateway.budgets.set', (input) => ok({ ...budget, monthlyUsd: input.monthlyUsd ?? null }));
    const store = createGatewayStore(fake.api);
    await store.getState().load();
    await store.getState().revokeToken('tok1');
    await store.getState().setBudget({ ref: 'key1', monthlyUsd: 20.5, requestsPerMinute: null });
    expect(fake.callsTo('gateway.tokens.revoke')).toEqual([{ ref: 'tok1' }]);
    expect(store.getState().tokens?.[0]?.revokedAt).toBe(NOW);
    expect(store.getState().budgets?.[0]?.monthlyUsd).toBe(20.5);
  });

  it('asks for the status after turning the gateway on, since a port in use leaves it stopped', async () => {
    const fake = fakeGateway();
    fake.answer('gateway.settings.set', () => ok({ enabled: true, host: '127.0.0.1', port: 8788, maxBodyBytes: 8 * 1024 * 1024, maxConcurrent: 32 }));
    const store = createGatewayStore(fake.api);
    const result = await store.getState().setEnabled(true);
    expect(fake.callsTo('gateway.settings.set')).toEqual([{ enabled: true }]);
    expect(result.ok && result.value.running).toBe(false);
    expect(store.getState().status).toEqual(status);
  });

  it('drops everything when the vault locks, and an answer that arrives after the lock', async () => {
    const late = deferred<ReturnType<typeof ok<LocalTokenInfo[]>>>();
    const fake = fakeGateway();
    const store = createGatewayStore(fake.api);
    await store.getState().load();
    fake.answer('gateway.tokens.list', () => late.promise);
    const pending = store.getState().load();
    fake.emit('vault.locked', { reason: 'user' });
    late.resolve(ok([token]));
    await pending;
    expect(store.getState()).toMatchObject({ status: null, tokens: null, budgets: null, prices: null });
  });
});
