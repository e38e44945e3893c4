/** The webhook channels over the contract: every channel answers, and only create/rotate ever carry a token. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core/app';
import { makeBinanceHmacKey, makeBybitKey } from '../testing/fake-exchange';
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
    const created = await value<{ oneTimeToken: string; source: { id: string } }>('webhook.sources.create', { label: 'tv', scope: { accounts: ['main'], sides: ['buy'], maxNotionalUsd: 200 } });
    const rotated = await value<{ oneTimeToken: string }>('webhook.sources.rotate', { ref: 'tv', graceMinutes: 5 });
    await value('webhook.sources.update', { ref: created.source.id, enabled: false });
    await value('webhook.sources.list', {});
    await value('webhook.settings.set', { port: 9999, rateLimits: { sourceBurst: 7 } });
    expect(await value('webhook.settings.get', {})).toMatchObject({ port: 9999, rateLimits: { sourceBurst: 7 } });
    await value('webhook.status', {});
    await value('webhook.events.list', { limit: 10 });
    expect(await value('webhook.refusals.list', {})).toEqual([]);
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

  it('creates and enables a source only with an account and a per-order cap, and says what is missing and where to give it', async () => {
    const refusal = (missing: string, field: string) => ({ ok: false, error: { code: 'WEBHOOK_SOURCE_INCOMPLETE', message: expect.stringContaining(`missing: ${missing}.`), details: { field } } });
    expect(await call('webhook.sources.create', { label: 'tv' })).toMatchObject(refusal('an account and a per-order cap', 'scope.accounts'));
    expect(await call('webhook.sources.create', { label: 'tv', scope: { accounts: ['main'], symbols: ['BTC/USDT'] } })).toMatchObject(refusal('a per-order cap', 'scope.maxNotionalUsd'));
    const noAccount = await call('webhook.sources.create', { label: 'tv', scope: { maxNotionalUsd: 200 } });
    expect(noAccount).toMatchObject(refusal('an account', 'scope.accounts'));
    // The refusal names the form's fields and the CLI's flags.
    const message = noAccount.ok ? '' : noAccount.error.message;
    for (const words of ['"Accounts it may trade"', '"At most per order (USD)"', '--account <id or label> --max-notional <usd>']) expect(message).toContain(words);
    expect(await call('webhook.sources.create', { label: 'tv', scope: { accounts: [], maxNotionalUsd: 200 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'scope.accounts must name at least one account.' } });
    expect(await call('webhook.sources.create', { label: 'tv', scope: { accounts: ['main'], maxNotionalUsd: 0 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'scope.maxNotionalUsd' } } });
    expect(await value('webhook.sources.list', {})).toEqual([]);

    const created = await value<{ source: { id: string; enabled: boolean; missingScope: string[] } }>('webhook.sources.create', { label: 'tv', scope: { accounts: ['main'], maxNotionalUsd: 200 } });
    expect(created.source).toMatchObject({ enabled: true, missingScope: [] });
    // An enabled source keeps both: removing one is refused, and nothing changes.
    expect(await call('webhook.sources.update', { ref: 'tv', scope: { maxNotionalUsd: null } })).toMatchObject(refusal('a per-order cap', 'scope.maxNotionalUsd'));
    expect(await call('webhook.sources.update', { ref: 'tv', scope: { accounts: null }, label: 'renamed' })).toMatchObject({ ok: false, error: { code: 'WEBHOOK_SOURCE_INCOMPLETE', message: expect.stringContaining('The alert source "tv" can be enabled only with at least one account and a per-order cap') } });
    expect(await value('webhook.sources.list', {})).toMatchObject([{ label: 'tv', enabled: true, scope: { maxNotionalUsd: 200 }, missingScope: [] }]);
    // Disabled, it may lack them, and says so; enabling it again needs them back.
    expect(await value('webhook.sources.update', { ref: 'tv', enabled: false, scope: { accounts: null } })).toMatchObject({ enabled: false, missingScope: ['accounts'] });
    expect(await call('webhook.sources.update', { ref: 'tv', enabled: true })).toMatchObject(refusal('an account', 'scope.accounts'));
    expect(await value('webhook.sources.update', { ref: 'tv', enabled: true, scope: { accounts: ['main'] } })).toMatchObject({ enabled: true, missingScope: [] });
    // A key deleted while the source was off is no account to trade.
    await value('webhook.sources.update', { ref: 'tv', enabled: false });
    core.credentials.delete('main', 'ui');
    expect(await call('webhook.sources.update', { ref: 'tv', enabled: true })).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_NOT_FOUND', message: expect.stringContaining('names an account that is no longer in Keywarden') } });
    expect(core.audit.list({ actionPrefix: 'webhook.source', limit: 10 }).map((row) => row.action)).toEqual(['webhook.source.update', 'webhook.source.update', 'webhook.source.update', 'webhook.source.create']);
  });

  it('warns before renaming an account a source trades: the generated message names it by label, and the old label stops finding it', async () => {
    await core.credentials.create({ provider: 'bybit', label: 'spare', fields: makeBybitKey() }, 'ui');
    await value('webhook.sources.create', { label: 'tv', scope: { accounts: ['main'], maxNotionalUsd: 200 } });
    await value('webhook.sources.create', { label: 'night', scope: { accounts: ['main'], maxNotionalUsd: 50 } });
    await value('webhook.sources.update', { ref: 'night', enabled: false });
    const message = JSON.parse((await value<{ message: string }>('webhook.message', { account: 'MAIN', symbol: 'BTCUSDT', mode: 'strategy' })).message) as Record<string, unknown>;
    expect(message['account']).toBe('main');

    const impact = await value<{ sources: { label: string; enabled: boolean }[]; warning: string }>('webhook.renameImpact', { ref: 'main', label: 'Binance main' });
    expect(impact.sources).toEqual([expect.objectContaining({ label: 'tv', enabled: true }), expect.objectContaining({ label: 'night', enabled: false })]);
    expect(impact.warning).toContain('Alerts that name this account "main" will be refused after the rename (alert sources "tv", "night" (off))');
    expect(impact.warning).toContain('Generate the alert message again');
    // No warning for the same label in another case, an account no source trades, or an unknown account.
    expect(await value('webhook.renameImpact', { ref: 'main', label: 'MAIN' })).toMatchObject({ warning: null });
    expect(await value('webhook.renameImpact', { ref: 'spare', label: 'spare 2' })).toEqual({ sources: [], warning: null });
    expect(await call('webhook.renameImpact', { ref: 'nobody', label: 'x' })).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_NOT_FOUND' } });
    expect(await call('webhook.renameImpact', { ref: 'main', label: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'label' } } });

    // After the rename the old message no longer finds the account, and says why; the new label does.
    core.credentials.update({ ref: 'main', label: 'Binance main' }, 'ui');
    const old = await value('webhook.simulate', { template: JSON.stringify(message), source: 'tv', values: { 'strategy.order.action': 'sell' } });
    expect(old).toMatchObject({ outcome: 'unknown-account', message: expect.stringContaining('If the account was renamed, generate the alert message again') });
    const again = JSON.parse((await value<{ message: string }>('webhook.message', { account: 'binance main', symbol: 'BTCUSDT', mode: 'strategy' })).message) as Record<string, unknown>;
    expect(again['account']).toBe('Binance main');
  });

  it('names an account by id when its label holds a TradingView placeholder', async () => {
    const odd = await core.credentials.create({ provider: 'bybit', label: 'bot {{ticker}}', fields: makeBybitKey() }, 'ui');
    const generated = await value<{ message: string; notes: string[] }>('webhook.message', { account: odd.id, symbol: 'BTCUSDT', mode: 'strategy' });
    expect(JSON.parse(generated.message)).toMatchObject({ account: odd.id });
    expect(generated.notes.join('\n')).toContain(`"bot {{ticker}}" is named by id (${odd.id})`);
  });

  it('validates input from unknown and needs the vault unlocked', async () => {
    expect(await call('webhook.sources.create', { label: 'x', scope: { sides: ['long'] } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'scope.sides.0' } } });
    expect(await call('webhook.settings.set', { port: 70_000 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'port' } } });
    expect(await call('webhook.message', { account: 'main', symbol: 'BTCUSDT', mode: 'indicator', side: 'buy' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    core.vault.lock('user', 'ui');
    for (const name of ['webhook.sources.list', 'webhook.settings.get', 'webhook.events.list', 'webhook.refusals.list']) expect(await call(name, {}), name).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(await call('webhook.status', {})).toMatchObject({ ok: true });
  });
});
