/**
 * Position drift (issue 19) on the real core and the fake exchange: a lost alert and a doubled one
 * are flagged with the right numbers, an alert without a position compares nothing, and bringing
 * the account in line goes through the risk gate and clears the drift; a dismissal is audited.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { invokeChannel } from '../../api/handlers';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange } from '../../testing/fake-exchange';
import { TEST_PASSPHRASE, createTestCore, makeTempHome, databaseOf } from '../../testing/test-core';
import { alertBody, sendRaw } from '../../testing/webhook-test-kit';
import { GLOBAL_SCOPE, defaultGlobalLimits, writeLimits } from '../trading/risk-limits-store';
import { parseAlert } from './alert-payload';

describe('position drift', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let key: ReturnType<typeof makeBinanceHmacKey>;
  let accountId: string;
  let token: string;
  let baseUrl: string;
  const drifts: unknown[] = [];

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(async () => {
    await binance.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home, { exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    key = makeBinanceHmacKey();
    // Holds 0.5 BTC before the strategy starts: the baseline.
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    accountId = (await core.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'ui')).id;
    expect((await core.verifier.verify(accountId, 'ui')).outcome).toBe('ok');
    writeLimits(databaseOf(core).db, GLOBAL_SCOPE, { ...defaultGlobalLimits, maxOrderNotionalUsd: null, maxDailyNotionalUsd: null, maxOpenExposureUsd: null, maxPriceDeviationPct: null }, Date.now(), core.integrity);
    token = core.webhook.createSource({ label: 'tv', scope: { accounts: [accountId], maxNotionalUsd: 5000 } }, 'ui').oneTimeToken;
    baseUrl = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    drifts.length = 0;
    core.events.on('webhook.drift', (payload) => drifts.push(payload));
  });
  afterEach(async () => {
    await core.webhook.stop();
    core.close();
    temp.cleanup();
  });

  /** One strategy fill: an order of `amount` BTC, and the strategy's position after it. */
  const fill = async (id: string, side: 'buy' | 'sell', amount: string, position: string | undefined) => {
    const reply = await sendRaw(baseUrl, `/webhook/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: alertBody({ account: 'main', symbol: 'BTCUSDT', side, amount, id, ...(position !== undefined ? { position } : {}) }, Date.now()) });
    expect(reply.status).toBe(200);
    await core.webhook.whenIdle();
  };
  const held = () => { const btc = binance.balances(key.apiKey)['BTC']; return (btc?.free ?? 0) + (btc?.locked ?? 0); };

  it('a lost alert: the account holds less than the strategy says, by the lost order', async () => {
    await fill('f1', 'buy', '0.01', '0.01');
    // f2 (buy 0.01, position 0.02) never arrives.
    await fill('f3', 'buy', '0.01', '0.03');
    const [drift] = core.drift.list();
    expect(drift).toMatchObject({ accountId, symbol: 'BTC/USDT', base: 'BTC', status: 'open', sourceLabel: 'tv', accountLabel: 'main' });
    expect(drift?.expected).toBeCloseTo(0.53, 8);
    expect(drift?.actual).toBeCloseTo(0.52, 8);
    expect(drift?.difference).toBeCloseTo(-0.01, 8);
    expect(drifts).toEqual([expect.objectContaining({ id: drift?.id, status: 'open' })]);
  });

  it('a doubled alert: the account holds more; a short position on spot expects nothing held beyond the baseline', async () => {
    await fill('g1', 'buy', '0.01', '0.01');
    await fill('g1-again', 'buy', '0.01', '0.01');
    expect(core.drift.list()[0]?.difference).toBeCloseTo(0.01, 8);
    // The strategy goes short: on spot that is 0 held, so 0.5 expected; the account sells its 0.02.
    await fill('g2', 'sell', '0.02', '-0.01');
    expect(core.drift.list()).toEqual([]);
    expect(held()).toBeCloseTo(0.5, 8);
  });

  it('an alert without a position compares nothing', async () => {
    await fill('h1', 'buy', '0.01', undefined);
    await fill('h2', 'buy', '0.01', undefined);
    expect(core.drift.list({ all: true })).toEqual([]);
    expect(drifts).toEqual([]);
  });

  it('"bring in line" goes through the risk gate: blocked by a small per-order limit, placed when allowed, and the drift clears', async () => {
    await fill('k1', 'buy', '0.01', '0.01');
    await fill('k3', 'buy', '0.01', '0.03');
    const id = core.drift.list()[0]?.id ?? '';
    const preview = await invokeChannel(core, 'webhook.drift.preview', { id }, { actor: 'ui' });
    expect(preview).toMatchObject({ ok: true, value: { amount: 0.01, decision: { allowed: true } } });

    expect(await invokeChannel(core, 'limits.set', { scope: accountId, maxOrderNotionalUsd: 100 }, { actor: 'ui' })).toMatchObject({ ok: true });
    const blocked = await invokeChannel(core, 'webhook.drift.fix', { id }, { actor: 'ui' });
    expect(blocked).toMatchObject({ ok: true, value: { order: { status: 'blocked', source: 'manual' }, drift: { status: 'open' } } });
    expect(held()).toBeCloseTo(0.52, 8);

    expect(await invokeChannel(core, 'limits.set', { scope: accountId, maxOrderNotionalUsd: 1000 }, { actor: 'ui' })).toMatchObject({ ok: true });
    const placed = await invokeChannel(core, 'webhook.drift.fix', { id }, { actor: 'ui' });
    expect(placed).toMatchObject({ ok: true, value: { order: { status: 'filled', side: 'buy', source: 'manual' }, drift: { status: 'fixed' } } });
    expect(held()).toBeCloseTo(0.53, 8);
    expect(core.drift.list()).toEqual([]);
    // The next alert compares with the account in line: no drift.
    await fill('k4', 'sell', '0.01', '0.02');
    expect(core.drift.list()).toEqual([]);
    expect(await invokeChannel(core, 'webhook.drift.fix', { id }, { actor: 'ui' })).toMatchObject({ ok: false, error: { code: 'DRIFT_NOT_FOUND' } });
  });

  it('dismissing accepts the holding, is audited, and later alerts compare from it', async () => {
    await fill('m1', 'buy', '0.01', '0.01');
    await fill('m3', 'buy', '0.01', '0.03');
    const id = core.drift.list()[0]?.id ?? '';
    expect(await invokeChannel(core, 'webhook.drift.dismiss', { id }, { actor: 'cli' })).toMatchObject({ ok: true, value: { id, status: 'dismissed' } });
    const audit = core.audit.list({ limit: 20 });
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'webhook.drift.dismiss', subject: id, actor: 'cli' })]));
    await fill('m4', 'buy', '0.01', '0.04');
    expect(core.drift.list()).toEqual([]);
  });
});

describe('the alert\'s position field', () => {
  const alert = { account: 'main', symbol: 'BTCUSDT', side: 'buy', amount: '1' };
  it('is read by the one number rule: signed, in quotes or not; absent means nothing is compared', () => {
    expect(parseAlert({ ...alert, position: '-0,5' })).toMatchObject({ ok: true, value: { position: -0.5 } });
    expect(parseAlert({ ...alert, position: 0 })).toMatchObject({ ok: true, value: { position: 0 } });
    expect(parseAlert({ ...alert, position: '1,000' })).toMatchObject({ ok: false, problem: { field: 'position' } });
    expect(parseAlert({ ...alert, position: '{{strategy.position_size}}' })).toMatchObject({ ok: false, problem: { field: 'position' } });
    expect(parseAlert({ ...alert, position: true })).toMatchObject({ ok: false, problem: { field: 'position' } });
    expect(parseAlert(alert)).toMatchObject({ ok: true, value: expect.not.objectContaining({ position: expect.anything() }) });
    expect(parseAlert({ ...alert, position_size: '1' })).toMatchObject({ ok: false, problem: { message: expect.stringContaining('Did you mean "position"?') } });
  });
});
