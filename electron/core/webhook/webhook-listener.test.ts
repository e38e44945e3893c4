/**
 * The webhook listener end to end: real HTTP on 127.0.0.1, the real core in a temp folder, real
 * trading (core.trading) through ccxt against the offline fake Binance, which checks signatures.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../app';
import type { CoreEventMap } from '../events';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange, type TestKey } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, filesContaining, makeTempHome, databaseOf } from '../../testing/test-core';
import { slowDisk } from '../../testing/slow-disk';
import { tradingViewTime } from './tradingview';
import { alertBody, sendRaw, type RawRequest } from '../../testing/webhook-test-kit';

describe('webhook listener', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let key: TestKey;
  let accountId: string;
  let token: string;
  let sourceId: string;
  let baseUrl: string;
  let alerts: CoreEventMap['webhook.alert'][];

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
  });
  afterAll(async () => {
    await binance.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome();
    // The real time: the fake exchange checks request timestamps against it.
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    key = makeBinanceHmacKey();
    binance.addKey({ ...key, allowedIps: ['127.0.0.1'] });
    accountId = (await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: key }, 'ui')).id;
    expect((await core.verifier.verify(accountId, 'ui')).outcome).toBe('ok');
    const issued = core.webhook.createSource({ label: 'TradingView', scope: { accounts: [accountId], maxNotionalUsd: 1000 } }, 'ui');
    token = issued.oneTimeToken;
    sourceId = issued.source.id;
    const status = await core.webhook.start({ host: '127.0.0.1', port: 0 });
    baseUrl = status.localUrl ?? '';
    alerts = [];
    core.events.on('webhook.alert', (payload) => alerts.push(payload));
    binance.resetRequests();
    binance.resetAccounts();
  });
  afterEach(async () => {
    binance.setLatency(0);
    await core.webhook.stop();
    core.close();
    temp.cleanup();
  });

  const post = (path: string, request: RawRequest = {}) => sendRaw(baseUrl, path, request);
  const alert = (fields: Record<string, unknown> = {}) => alertBody({ account: accountId, symbol: 'BTCUSDT', ...fields }, clock.now());
  const ordersAtExchange = () => binance.orders.filter((o) => o.apiKey === key.apiKey);
  const privateOrderRequests = () => binance.requests.filter((r) => r.private && r.path.endsWith('/order'));
  const events = () => core.webhook.events({ limit: 1000 });
  const setSettings = (patch: Parameters<Core['webhook']['updateSettings']>[0]) => core.webhook.updateSettings(patch, 'ui');

  /** Nothing of a token in what the listener stored or answered. */
  function expectNoTokenAnywhere(responses: readonly string[], tokens: readonly string[]): void {
    const stored = JSON.stringify(events()) + JSON.stringify(core.audit.list({ limit: 1000 }));
    for (const secret of [...tokens, key.secret]) {
      expect(stored).not.toContain(secret);
      for (const text of responses) expect(text).not.toContain(secret);
    }
  }

  it('turns a TradingView JSON alert into exactly one correctly signed order, answered before it is placed', async () => {
    const id = 'a1b2c3-Long-buy-0.001-2026-11-22T12:00:00Z';
    binance.setLatency(300);
    const response = await post(`/webhook/${token}`, { body: alert({ id, price: '65000.5' }), contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ ok: true, status: 'accepted', eventId: expect.any(Number) });
    // The answer did not wait for the exchange.
    expect(ordersAtExchange()).toEqual([]);
    expect(events()[0]).toMatchObject({ outcome: 'accepted', orderId: null });
    await core.webhook.whenIdle();

    expect(ordersAtExchange()).toHaveLength(1);
    expect(ordersAtExchange()[0]).toMatchObject({ symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.001 });
    expect(privateOrderRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(privateOrderRequests().every((r) => r.authenticated)).toBe(true);

    const [event] = events();
    expect(event).toMatchObject({ id: response.json.eventId, sourceId, sourceLabel: 'TradingView', httpStatus: 200, outcome: 'placed', alertId: id, contentType: 'application/json', remoteAddress: '127.0.0.1' });
    expect(event?.alert).toEqual({ account: accountId, symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: 0.001, unit: 'base', price: 65000.5, id, time: tradingViewTime(clock.now()) });
    const order = core.trading.getOrder(event?.orderId ?? '');
    expect(order).toMatchObject({ source: 'webhook', status: 'filled', webhookEventId: event?.id, clientOrderId: ordersAtExchange()[0]?.clientOrderId });
    expect(alerts).toEqual([{ eventId: event?.id, outcome: 'placed', orderId: order.id, message: order.message }]);
    // One audit record per alert (issue 22): the alert's fate, its order and key, and how the order stood
    // when the alert settled. The order's fixed facts are not copied: its row holds them, and the
    // record's hash covers them through it (audit-order-reference.ts).
    const alertRows = core.audit.list({ limit: 50 }).filter((r) => r.actor === 'webhook');
    expect(alertRows.map((r) => r.action)).toEqual(['webhook.alert']);
    expect(alertRows[0]).toMatchObject({ outcome: 'ok', subject: String(event?.id) });
    expect(alertRows[0]?.details).toEqual({ sourceId, orderId: order.id, outcome: 'placed', credentialId: accountId, status: 'filled' });
    expect(core.audit.verify()).toMatchObject({ ok: true });
    // The order's value made smaller in the file (to hide it from a reader, or from the limits) breaks
    // the chain at the alert's record; put back, the chain holds again.
    const sqlite = databaseOf(core).sqlite;
    const { notional } = sqlite.prepare('SELECT notional_usd AS notional FROM orders WHERE id = ?').get(order.id) as { notional: number };
    sqlite.prepare('UPDATE orders SET notional_usd = 1 WHERE id = ?').run(order.id);
    expect(core.audit.verify()).toMatchObject({ ok: false, firstBadSeq: alertRows[0]?.seq, problem: 'edited' });
    sqlite.prepare('UPDATE orders SET notional_usd = ? WHERE id = ?').run(notional, order.id);
    expect(core.audit.verify()).toMatchObject({ ok: true });
    // The order holds the alert's key now; the event's copy is gone (issue 22), and a redelivery is
    // still a duplicate, found through the order.
    const stored = databaseOf(core).sqlite.prepare('SELECT idempotency_key AS key FROM webhook_events WHERE id = ?').get(event?.id);
    expect(stored).toEqual({ key: null });
    const again = await post(`/webhook/${token}`, { body: alert({ id }) });
    expect(again.json).toMatchObject({ status: 'duplicate' });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toHaveLength(1);
    expectNoTokenAnywhere([response.text], [token]);
    expect(filesContaining(temp.home, token)).toEqual([]);
  });

  it('answers an accepted alert only once its record is on disk, and does not hold the order back for that', async () => {
    // The disk is slow: the sync of the alert's record finishes only when the test says so.
    const disk = slowDisk(databaseOf(core));
    try {
      let answered = false;
      const response = post(`/webhook/${token}`, { body: alert({ id: 'slow-disk-1', price: '65000' }) }).then((answer) => {
        answered = true;
        return answer;
      });
      await vi.waitFor(() => expect(ordersAtExchange()).toHaveLength(1), { timeout: 5000 });
      expect(answered).toBe(false);
      disk.release();
      expect((await response).json).toMatchObject({ ok: true, status: 'accepted' });
      await core.webhook.whenIdle();
      expect(events()[0]).toMatchObject({ outcome: 'placed', alertId: 'slow-disk-1' });
    } finally {
      disk.restore();
    }
  });

  it('reads text/plain carrying JSON, with the token in the body\'s secret field, and never stores the secret', async () => {
    const body = alertBody({ secret: token, account: 'binance MAIN', symbol: 'BINANCE:ETHUSDT', side: 'sell', amount: 0.01, id: 'sell-1' }, clock.now());
    const response = await post('/webhook', { body, contentType: 'text/plain; charset=utf-8' });
    expect(response.json).toMatchObject({ ok: true, status: 'accepted' });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toEqual([expect.objectContaining({ symbol: 'ETH/USDT', side: 'sell', type: 'market', amount: 0.01 })]);
    const [event] = events();
    expect(event).toMatchObject({ outcome: 'placed', contentType: 'text/plain; charset=utf-8' });
    expect(event?.alert).not.toHaveProperty('secret');
    expectNoTokenAnywhere([response.text], [token]);
    expect(filesContaining(temp.home, token)).toEqual([]);
  });

  it('reads a decimal comma by the app\'s one number rule: "0,001" is 0.001 BTC at the exchange, never 1', async () => {
    const response = await post(`/webhook/${token}`, { body: alert({ id: 'comma-1', amount: '0,001' }) });
    expect(response.json).toMatchObject({ ok: true, status: 'accepted' });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toEqual([expect.objectContaining({ symbol: 'BTC/USDT', side: 'buy', amount: 0.001 })]);
    expect(events()[0]).toMatchObject({ outcome: 'placed', alert: expect.objectContaining({ amount: 0.001 }) });
  });

  it('places one order for five concurrent deliveries of the same alert, and none for a later repeat', async () => {
    const body = alert({ id: 'same-alert-1' });
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(`/webhook/${token}`, { body })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.map((r) => r.json.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    await core.webhook.whenIdle();
    const again = await post(`/webhook/${token}`, { body });
    expect(again.json).toMatchObject({ ok: true, status: 'duplicate', orderId: expect.any(String) });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toHaveLength(1);
    expect(events().map((e) => e.outcome).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'placed']);
  });

  it('treats the same body without an id as one alert within the dedupe window, and a new one after it', async () => {
    const body = JSON.stringify({ account: accountId, symbol: 'BTCUSDT', side: 'buy', amount: '0.001' });
    expect((await post(`/webhook/${token}`, { body })).json.status).toBe('accepted');
    expect((await post(`/webhook/${token}`, { body })).json.status).toBe('duplicate');
    await core.webhook.whenIdle();
    expect((await post(`/webhook/${token}`, { body })).json.status).toBe('duplicate');
    clock.advance(61_000);
    expect((await post(`/webhook/${token}`, { body })).json.status).toBe('accepted');
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toHaveLength(2);
  });

  it('refuses every bad request with the right status and a plain message, records or counts each, and places nothing', async () => {
    const other = core.webhook.createSource({ label: 'Scoped', scope: { accounts: ['Binance main'], symbols: ['ETH/USDT'], sides: ['sell'], maxNotionalUsd: 1000 } }, 'ui').oneTimeToken;
    const disabled = core.webhook.createSource({ label: 'Off', scope: { accounts: ['Binance main'], maxNotionalUsd: 1000 } }, 'ui');
    core.webhook.sources.update({ ref: 'Off', enabled: false }, 'ui');
    const wrongToken = 'A'.repeat(22);
    const cases: { name: string; path: string; request?: RawRequest; status: number; code: string; says?: string | RegExp; allow?: string }[] = [
      { name: 'wrong token in path', path: `/webhook/${wrongToken}`, request: { body: alert() }, status: 401, code: 'WEBHOOK_UNAUTHORIZED' },
      { name: 'missing token', path: '/webhook', request: { body: alert() }, status: 401, code: 'WEBHOOK_UNAUTHORIZED' },
      { name: 'wrong token in body', path: '/webhook', request: { body: alert({ secret: wrongToken }) }, status: 401, code: 'WEBHOOK_UNAUTHORIZED' },
      { name: 'token of another source in body', path: `/webhook/${token}`, request: { body: alert({ secret: other }) }, status: 401, code: 'WEBHOOK_UNAUTHORIZED' },
      { name: 'non-string secret', path: '/webhook', request: { body: alert({ secret: { token } }) }, status: 401, code: 'WEBHOOK_UNAUTHORIZED' },
      { name: 'not JSON, no token', path: '/webhook', request: { body: 'buy BTCUSDT now', contentType: 'text/plain' }, status: 401, code: 'WEBHOOK_UNAUTHORIZED' },
      { name: 'GET on the alert path', path: `/webhook/${token}`, request: { method: 'GET' }, status: 405, code: 'WEBHOOK_METHOD_NOT_ALLOWED', allow: 'POST' },
      { name: 'PUT on /webhook', path: '/webhook', request: { method: 'PUT', body: alert() }, status: 405, code: 'WEBHOOK_METHOD_NOT_ALLOWED', allow: 'POST' },
      { name: 'unknown path', path: '/admin', request: { body: alert() }, status: 404, code: 'WEBHOOK_NOT_FOUND' },
      { name: 'path below a token', path: `/webhook/${token}/extra`, request: { body: alert() }, status: 404, code: 'WEBHOOK_NOT_FOUND' },
      { name: 'announced body over the cap', path: `/webhook/${token}`, request: { body: 'x'.repeat(100), announcedLength: 17 * 1024 }, status: 413, code: 'WEBHOOK_BODY_TOO_LARGE' },
      { name: 'streamed body over the cap', path: `/webhook/${token}`, request: { body: `{"account":"${'x'.repeat(40_000)}"}`, chunked: true }, status: 413, code: 'WEBHOOK_BODY_TOO_LARGE' },
      { name: 'plain text', path: `/webhook/${token}`, request: { body: 'BUY 0.001 BTCUSDT', contentType: 'text/plain' }, status: 400, code: 'ALERT_MALFORMED', says: 'must be the JSON message Keywarden generated' },
      { name: 'truncated JSON', path: `/webhook/${token}`, request: { body: alert().slice(0, -5) }, status: 400, code: 'ALERT_MALFORMED', says: 'not valid JSON' },
      { name: 'unquoted placeholder rendered to a word', path: `/webhook/${token}`, request: { body: `{"account":"${accountId}","symbol":"BTCUSDT","side":buy,"amount":"1"}`, contentType: 'text/plain' }, status: 400, code: 'ALERT_MALFORMED', says: 'not valid JSON' },
      { name: 'unfilled strategy placeholder', path: `/webhook/${token}`, request: { body: alert({ side: '{{strategy.order.action}}' }) }, status: 400, code: 'ALERT_MALFORMED', says: /side is still the placeholder \{\{strategy\.order\.action\}\}: .*only in alerts created from a strategy/ },
      { name: 'unknown field', path: `/webhook/${token}`, request: { body: alert({ qty: 1 }) }, status: 400, code: 'ALERT_MALFORMED', says: 'unknown field(s) "qty". Did you mean "amount"?' },
      { name: 'ambiguous comma', path: `/webhook/${token}`, request: { body: alert({ amount: '1,000' }) }, status: 400, code: 'ALERT_MALFORMED', says: 'amount "1,000" could mean 1000 or 1. Write 1000, or 1.0 / 1,0 if you meant 1.' },
      { name: 'word for a number', path: `/webhook/${token}`, request: { body: alert({ amount: 'abc' }) }, status: 400, code: 'ALERT_MALFORMED', says: 'amount must be a number' },
      { name: 'long is not a side', path: `/webhook/${token}`, request: { body: alert({ side: 'long' }) }, status: 400, code: 'ALERT_MALFORMED', says: 'side must be "buy" or "sell" (got "long")' },
      { name: 'limit without price', path: `/webhook/${token}`, request: { body: alert({ type: 'limit' }) }, status: 400, code: 'ALERT_MALFORMED', says: 'needs a price' },
      { name: 'stale alert', path: `/webhook/${token}`, request: { body: alert({ time: tradingViewTime(clock.now() - 120_000) }) }, status: 422, code: 'ALERT_STALE', says: 'old' },
      { name: 'alert from the future', path: `/webhook/${token}`, request: { body: alert({ time: tradingViewTime(clock.now() + 600_000) }) }, status: 422, code: 'ALERT_STALE', says: 'future' },
      { name: 'unknown account', path: `/webhook/${token}`, request: { body: alert({ account: 'Kraken' }) }, status: 422, code: 'CREDENTIAL_NOT_FOUND', says: '"Kraken"' },
      { name: 'symbol out of scope', path: `/webhook/${other}`, request: { body: alert({ side: 'sell' }) }, status: 422, code: 'ALERT_OUT_OF_SCOPE', says: 'may trade only ETH/USDT' },
      { name: 'side out of scope', path: `/webhook/${other}`, request: { body: alert({ symbol: 'ETHUSDT' }) }, status: 422, code: 'ALERT_OUT_OF_SCOPE', says: 'may not buy' },
      { name: 'disabled source', path: `/webhook/${disabled.oneTimeToken}`, request: { body: alert() }, status: 403, code: 'WEBHOOK_SOURCE_DISABLED' },
    ];
    const texts: string[] = [];
    for (const c of cases) {
      const response = await post(c.path, c.request);
      texts.push(response.text);
      expect({ name: c.name, status: response.status, code: response.json.error?.code }).toEqual({ name: c.name, status: c.status, code: c.code });
      expect(response.json.ok, c.name).toBe(false);
      if (c.says) expect(response.json.error?.message, c.name).toMatch(typeof c.says === 'string' ? new RegExp(c.says.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : c.says);
      if (c.allow) expect(response.headers['allow'], c.name).toBe(c.allow);
    }
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toEqual([]);
    expect(privateOrderRequests()).toEqual([]);
    // Requests without a valid token (bad token, wrong path or method) are counted; the others recorded one by one.
    const anonymous = new Set(['wrong token in path', 'missing token', 'wrong token in body', 'token of another source in body', 'non-string secret', 'not JSON, no token', 'GET on the alert path', 'PUT on /webhook', 'unknown path', 'path below a token']);
    const recorded = events();
    expect(recorded.map((e) => e.httpStatus).reverse()).toEqual(cases.filter((c) => !anonymous.has(c.name)).map((c) => c.status));
    expect(recorded.every((e) => e.sourceId !== null)).toBe(true);
    expect(core.webhook.refusalCounts({ hours: 1 })).toEqual(expect.arrayContaining([
      { reason: 'unauthorized', remoteAddress: '127.0.0.1', count: 6, lastAt: clock.now() },
      { reason: 'method-not-allowed', remoteAddress: '127.0.0.1', count: 2, lastAt: clock.now() },
      { reason: 'not-found', remoteAddress: '127.0.0.1', count: 2, lastAt: clock.now() },
    ]));
    expectNoTokenAnywhere(texts, [token, other, disabled.oneTimeToken, wrongToken]);
    expect(filesContaining(temp.home, wrongToken)).toEqual([]);
  });

  it('keeps a token pasted into an alert\'s id or symbol off the disk, the order and the answers', async () => {
    const placed = await post(`/webhook/${token}`, { body: alert({ id: `Long-${token}` }) });
    expect(placed.json.status).toBe('accepted');
    const refused = await post(`/webhook/${token}`, { body: alert({ symbol: `${token}USDT`, id: 'other' }) });
    expect(refused.status).toBe(400);
    expect(refused.json.error?.message).toContain('symbol is not a market symbol');
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toHaveLength(1);
    expect(events()[1]).toMatchObject({ outcome: 'placed', alertId: 'Long-[redacted]' });
    expect(JSON.stringify(core.trading.listOrders({ limit: 5 }))).not.toContain(token);
    expectNoTokenAnywhere([placed.text, refused.text], [token]);
    expect(filesContaining(temp.home, token)).toEqual([]);
    // The same id again is still the same alert.
    expect((await post(`/webhook/${token}`, { body: alert({ id: `Long-${token}` }) })).json.status).toBe('duplicate');
  });

  it('refuses alerts while trading is paused or the vault is locked, and places nothing', async () => {
    core.trading.setPaused(true, 'test', 'ui');
    const paused = await post(`/webhook/${token}`, { body: alert({ id: 'p1' }) });
    expect(paused.status).toBe(409);
    expect(paused.json.error).toMatchObject({ code: 'TRADING_PAUSED', message: expect.stringContaining('paused') });
    core.trading.setPaused(false, null, 'ui');
    core.vault.lock('user', 'ui');
    const locked = await post(`/webhook/${token}`, { body: alert({ id: 'p2' }) });
    expect(locked.status).toBe(409);
    expect(locked.json.error?.code).toBe('VAULT_LOCKED');
    await core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE }, 'ui');
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toEqual([]);
    expect(events().map((e) => e.outcome)).toEqual(['vault-locked', 'paused']);
  });

  it('records an alert the risk gate blocks (scope notional) as accepted, then blocked, with nothing sent', async () => {
    const capped = core.webhook.createSource({ label: 'Capped', scope: { accounts: ['Binance main'], maxNotionalUsd: 10 } }, 'ui').oneTimeToken;
    const response = await post(`/webhook/${capped}`, { body: alert({ id: 'big' }) });
    expect(response.json).toMatchObject({ ok: true, status: 'accepted' });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toEqual([]);
    const [event] = events();
    expect(event).toMatchObject({ outcome: 'blocked', httpStatus: 200, message: expect.stringContaining('at most $10') });
    expect(core.trading.getOrder(event?.orderId ?? '')).toMatchObject({ status: 'blocked', blockedBy: 'source-scope' });
  });

  it('values a market alert at the market: a made-up price neither shrinks it under a cap nor passes the band', async () => {
    // Issue 13: "price": "1000" on a market alert went through a source capped at $50 and filled $650.
    const capped = core.webhook.createSource({ label: 'Capped at 50', scope: { accounts: ['Binance main'], maxNotionalUsd: 50 } }, 'ui').oneTimeToken;
    await post(`/webhook/${capped}`, { body: alert({ id: 'spoof-far', amount: '0.01', price: '1000' }) });
    await post(`/webhook/${capped}`, { body: alert({ id: 'spoof-near', amount: '0.01', price: '60000' }) });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toEqual([]);
    const byAlert = new Map(events().map((event) => [event.alertId, event]));
    expect(byAlert.get('spoof-far')).toMatchObject({ outcome: 'blocked', message: expect.stringContaining('This market order names a price of 1,000, 98.5% below the market price of BTC/USDT') });
    expect(byAlert.get('spoof-near')).toMatchObject({ outcome: 'blocked', message: expect.stringContaining('This order is worth $650; this alert source may place at most $50 per order.') });
  });

  it('refuses an alert that sells more than the account holds, with nothing sent', async () => {
    binance.setBalance(key.apiKey, 'BTC', 0.0005);
    await post(`/webhook/${token}`, { body: alert({ id: 'oversell', side: 'sell', amount: '0.001' }) });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toEqual([]);
    expect(events()[0]).toMatchObject({ outcome: 'blocked', message: 'This sells 0.001 BTC, but "Binance main" has 0.0005 BTC free.' });
  });

  it('rate-limits per source and globally (429), and failures per client address', async () => {
    await setSettings({ rateLimits: { sourcePerSecond: 0.001, sourceBurst: 2 } });
    const bodies = [1, 2, 3].map((n) => alert({ id: `r${n}`, time: undefined }));
    const perSource = [];
    for (const body of bodies) perSource.push(await post(`/webhook/${token}`, { body }));
    expect(perSource.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(perSource[2]?.headers['retry-after']).toBe('1');

    // The global budget is spent by requests with a valid token only (wrong ones have their own: webhook-abuse.test.ts).
    await setSettings({ rateLimits: { sourcePerSecond: 100, sourceBurst: 100, globalPerSecond: 0.001, globalBurst: 3 } });
    for (let i = 0; i < 4; i += 1) expect((await post('/nowhere')).status).toBe(404);
    const global = [];
    for (let i = 0; i < 4; i += 1) global.push(await post(`/webhook/${token}`, { body: alert({ id: `g${i}`, time: undefined }) }));
    expect(global.map((r) => r.status)).toEqual([200, 200, 200, 429]);

    // Behind a trusted proxy, failures count per real client; TradingView's own addresses never lock out.
    await setSettings({ trustedProxy: '127.0.0.1', rateLimits: { globalPerSecond: 100, globalBurst: 100, failuresPerMinute: 0.001, failureBurst: 3 } });
    const attacker = { 'X-Forwarded-For': '203.0.113.7' };
    const guesses = [];
    for (let i = 0; i < 4; i += 1) guesses.push(await post(`/webhook/${'B'.repeat(21)}${i}`, { body: alert(), headers: attacker }));
    expect(guesses.map((r) => r.status)).toEqual([401, 401, 401, 429]);
    // The failure budget never blocks a valid token (one leaked address behind a shared proxy must not stop real alerts).
    expect((await post(`/webhook/${token}`, { body: alert({ id: 'from-attacker' }), headers: attacker })).json.status).toBe('accepted');
    const tradingView = { 'X-Forwarded-For': '52.89.214.238' };
    for (let i = 0; i < 4; i += 1) expect((await post('/nowhere', { headers: tradingView })).status).toBe(404);
    expect((await post(`/webhook/${token}`, { body: alert({ id: 'from-tv' }), headers: tradingView })).json.status).toBe('accepted');
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toHaveLength(7);
  });

  it('accepts only TradingView\'s addresses when tradingViewIpsOnly is on (403), reading X-Forwarded-For only from the trusted proxy', async () => {
    await setSettings({ tradingViewIpsOnly: true });
    const direct = await post(`/webhook/${token}`, { body: alert({ id: 'ip1' }) });
    expect(direct.status).toBe(403);
    expect(direct.json.error?.code).toBe('WEBHOOK_IP_NOT_ALLOWED');
    // Without a trusted proxy the header is ignored.
    expect((await post(`/webhook/${token}`, { body: alert({ id: 'ip2' }), headers: { 'X-Forwarded-For': '52.89.214.238' } })).status).toBe(403);
    await setSettings({ trustedProxy: '127.0.0.1' });
    // A client-supplied first entry is not believed: the proxy appends the real address last.
    expect((await post(`/webhook/${token}`, { body: alert({ id: 'ip3' }), headers: { 'X-Forwarded-For': '52.89.214.238, 198.51.100.4' } })).status).toBe(403);
    const viaProxy = await post(`/webhook/${token}`, { body: alert({ id: 'ip4' }), headers: { 'X-Forwarded-For': '198.51.100.4, 34.212.75.30' } });
    expect(viaProxy.json).toMatchObject({ ok: true, status: 'accepted' });
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toHaveLength(1);
    expect(events()[0]).toMatchObject({ remoteAddress: '34.212.75.30', outcome: 'placed' });
  });

  it('keeps a rotated-away token working for the grace window only', async () => {
    const rotated = core.webhook.rotateToken('TradingView', {}, 'ui');
    expect(rotated.source.previousValidUntil).toBe(clock.now() + 10 * 60_000);
    expect((await post(`/webhook/${token}`, { body: alert({ id: 'g1' }) })).json.status).toBe('accepted');
    expect((await post(`/webhook/${rotated.oneTimeToken}`, { body: alert({ id: 'g2' }) })).json.status).toBe('accepted');
    await core.webhook.whenIdle();
    clock.advance(10 * 60_000 + 1);
    expect((await post(`/webhook/${token}`, { body: alert({ id: 'g3', time: undefined }) })).status).toBe(401);
    expect((await post(`/webhook/${rotated.oneTimeToken}`, { body: alert({ id: 'g4', time: undefined }) })).json.status).toBe('accepted');
    const immediate = core.webhook.rotateToken('TradingView', { graceMinutes: 0 }, 'ui');
    expect((await post(`/webhook/${rotated.oneTimeToken}`, { body: alert({ id: 'g5', time: undefined }) })).status).toBe(401);
    expect((await post(`/webhook/${immediate.oneTimeToken}`, { body: alert({ id: 'g6', time: undefined }) })).json.status).toBe('accepted');
    await core.webhook.whenIdle();
    expect(ordersAtExchange()).toHaveLength(4);
  });

  it('answers GET /health without recording it', async () => {
    const health = await post('/health', { method: 'GET' });
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ ok: true });
    expect(events()).toEqual([]);
  });
});
