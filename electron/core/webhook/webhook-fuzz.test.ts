/**
 * Hostile input: over a thousand malformed or malicious requests (fixed seed, so a failure replays
 * exactly) against the real listener, core and fake exchange. The listener must keep answering, only
 * with 4xx, place nothing, record or count every request, and never let a token or key secret out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { startFakeExchange, makeBinanceHmacKey, type FakeExchange, type TestKey } from '../../testing/fake-exchange';
import { ManualClock, TEST_PASSPHRASE, createTestCore, filesContaining, makeTempHome } from '../../testing/test-core';
import { tradingViewTime } from './tradingview';
import { sendRaw, type RawRequest, type RawResponse } from '../../testing/webhook-test-kit';

const SEED = 0x6b77_2026;
const CASES = 1200;
const CONCURRENCY = 16;

/** mulberry32: small, fast, good enough to pick test cases reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('webhook listener under hostile input', () => {
  let binance: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let key: TestKey;
  let accountId: string;
  let token: string;
  let disabledToken: string;
  let baseUrl: string;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    temp = makeTempHome();
    const clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url }, exchangeTimeoutMs: 2000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    core.vault.setAutoLockMinutes(0, 'ui');
    key = makeBinanceHmacKey();
    binance.addKey(key);
    accountId = (await core.credentials.create({ provider: 'binance', label: 'main', fields: key }, 'ui')).id;
    await core.verifier.verify(accountId, 'ui');
    token = core.webhook.createSource({ label: 'tv', scope: { accounts: ['main'], maxNotionalUsd: 1_000_000 } }, 'ui').oneTimeToken;
    disabledToken = core.webhook.createSource({ label: 'off', scope: { accounts: ['main'], maxNotionalUsd: 1_000_000 } }, 'ui').oneTimeToken;
    core.webhook.sources.update({ ref: 'off', enabled: false }, 'ui');
    // High request limits, so the fuzz reaches the parser instead of the rate limiter; a failure
    // allowance that the direct (loopback) requests run out of part-way, so it is exercised too.
    await core.webhook.updateSettings({ trustedProxy: '127.0.0.1', rateLimits: { globalPerSecond: 10_000, globalBurst: 10_000, sourcePerSecond: 10_000, sourceBurst: 10_000, failuresPerMinute: 1, failureBurst: 300 } }, 'ui');
    baseUrl = (await core.webhook.start({ host: '127.0.0.1', port: 0 })).localUrl ?? '';
    binance.resetRequests();
  });
  afterAll(async () => {
    await core.webhook.stop();
    core.close();
    temp.cleanup();
    await binance.stop();
  });

  function hostileCases(): { path: string; request: RawRequest }[] {
    const rand = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const int = (max: number) => Math.floor(rand() * max);
    const now = core.clock.now();
    const valid = { account: accountId, symbol: 'BTCUSDT', side: 'buy', type: 'market', amount: '0.001', unit: 'base', id: 'fuzz', time: tradingViewTime(now) };
    const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
    const weirdStrings = [
      '', ' ', '\u0000', '\ud800', '\u202eRTL', 'zero\u200bwidth', '𝔅𝔦𝔫𝔞𝔫𝔠𝔢', 'ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ', 'é'.repeat(200),
      "'; DROP TABLE orders; --", '1 OR 1=1', '" OR ""="', "Robert'); DELETE FROM webhook_sources;--", '%00', '../../etc/passwd', '<script>alert(1)</script>',
      '{{', '}}', '{{}}', '{{strategy.order.action}}', '{{ticker}}{{close}}', '{{{{nested}}}}', '{{plot_99}}', `{{${'x'.repeat(80)}}}`,
      'NaN', 'Infinity', '-1', '0', '1e400', '9'.repeat(400), '1,5', '0x10', '1_000', ' 1 2 ',
      token, `prefix-${token}`, `${token}${token}`, key.secret, key.apiKey,
    ];
    const weirdValues: unknown[] = [...weirdStrings, 0, -1, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, true, false, null, [], {}, [1, 2], { a: { b: { c: 1 } } }, [token], { secret: token }];
    // '1,000' could mean 1000 or 1 and is refused; '1,5' is 1.5 by the one number rule, a valid amount.
    const invalidNumbers: unknown[] = ['NaN', 'Infinity', '-1', '0', '1e400', '9'.repeat(400), '1,000', '1,00,000', '0x10', '1_000', ' 1 2 ', '', null, true, [], {}, [1], -1, 0, -1e308, token, key.secret];
    const hostileKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'secret ', 'SECRET', 'account\u0000', '', token, 'a'.repeat(500)];
    const nested = (depth: number): unknown => (depth === 0 ? pick(weirdValues) : rand() < 0.5 ? [nested(depth - 1)] : { [pick(hostileKeys)]: nested(depth - 1) });
    const withField = (field: string, value: unknown) => ({ ...valid, [field]: value });

    const generators: (() => string | Buffer)[] = [
      () => randomBytes(int(2000)),
      () => `{"account":"${accountId}","amount":${pick(['1e400', '9'.repeat(400), '-1e308', '0', '-0', '1e-400', 'NaN', 'Infinity'])},"symbol":"BTCUSDT","side":"buy"}`,
      () => JSON.stringify(withField(pick(['amount', 'price']), pick(invalidNumbers))),
      // Fields whose every weird value is invalid (a weird symbol or id alone would be a valid alert).
      () => JSON.stringify(withField(pick(['account', 'side', 'type', 'unit', 'time']), pick(weirdValues))),
      () => JSON.stringify({ ...valid, [pick(hostileKeys)]: pick(weirdValues) }),
      () => `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"account":"${accountId}","symbol":"BTCUSDT","side":"buy","amount":"0.001"}`,
      () => JSON.stringify(nested(1 + int(40))),
      () => '['.repeat(1 + int(8000)) + ']'.repeat(int(8000)),
      () => '{"a":'.repeat(1 + int(2000)) + '1' + '}'.repeat(int(2000)),
      () => {
        const text = JSON.stringify({ ...valid, secret: token });
        return text.slice(0, int(text.length - 1));
      },
      () => JSON.stringify({ ...valid, side: pick(['{{strategy.order.action}}', 'long', 'short', 'BUY!', 'buy\u200b', 'sell sell']) }),
      () => Array.from({ length: 1 + int(50) }, () => pick(['{{', '}}', '{{strategy.order.contracts}}', '{{close}}', '"', ':', ',', '{', '}'])).join(''),
      () => JSON.stringify({ ...valid, account: pick(weirdStrings), symbol: pick(weirdStrings) }),
      () => JSON.stringify({ ...valid, account: token }),
      // Stored with the (stale) alert and echoed: the token and the key secret must come out redacted.
      () => JSON.stringify({ ...valid, symbol: pick([`${token}USDT`, key.secret]), id: pick([token, `x-${token}`, key.secret]), time: tradingViewTime(now - 600_000) }),
      () => JSON.stringify({ ...valid, account: pick([key.secret, `${token}`, `main ${key.secret}`]) }),
      () => JSON.stringify({ ...valid, time: pick(['2026-13-45T99:99:99Z', '0000-00-00T00:00:00Z', tradingViewTime(now - 3_600_000), tradingViewTime(now + 3_600_000), '1700000000', 'yesterday']) }),
      () => JSON.stringify({ ...valid, type: 'limit' }),
      () => JSON.stringify(pick([null, 42, 'a string', [valid], true])),
      () => 'x'.repeat(16 * 1024 + 1 + int(20_000)),
      () => `\uFEFF${JSON.stringify({ ...valid, amount: '1,000' })}`,
    ];
    const cases: { path: string; request: RawRequest }[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const body = pick(generators)();
      const path = pick([...Array<string>(8).fill(`/webhook/${token}`), '/webhook', `/webhook/${disabledToken}`, `/webhook/${'Z'.repeat(22)}`, `/webhook/${token.slice(0, -1)}`, `/webhook/${token}/x`, '/', '/webhook/../admin', `/${token}`]);
      const contentType = pick(['application/json', 'text/plain; charset=utf-8', null, 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', `text/${'x'.repeat(300)}`]);
      const headers: Record<string, string> = rand() < 0.1 ? { 'X-Forwarded-For': `198.51.100.${int(8)}` } : {};
      cases.push({ path, request: { method: rand() < 0.05 ? pick(['GET', 'PUT', 'DELETE', 'PATCH']) : 'POST', body, contentType, headers, chunked: rand() < 0.1 } });
    }
    return cases;
  }

  it(`answers ${CASES} hostile requests with 4xx only, places nothing, records or counts each, and leaks no secret`, async () => {
    const cases = hostileCases();
    const responses: RawResponse[] = [];
    for (let start = 0; start < cases.length; start += CONCURRENCY) {
      const batch = cases.slice(start, start + CONCURRENCY);
      responses.push(...(await Promise.all(batch.map((c) => sendRaw(baseUrl, c.path, c.request)))));
    }
    await core.webhook.whenIdle();

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((status) => status < 400 || status > 499)).toEqual([]);
    // The fuzz reached every layer: the door, the parser and the checks after it.
    for (const status of [400, 401, 403, 404, 405, 413, 422, 429]) expect(statuses, `status ${status}`).toContain(status);

    expect((await sendRaw(baseUrl, '/health', { method: 'GET' })).json).toEqual({ ok: true });
    expect(binance.orders).toEqual([]);
    expect(binance.requests.filter((r) => r.private)).toEqual([]);
    expect(core.trading.listOrders({ limit: 10 })).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');

    const events = core.webhook.events({ limit: 1000 });
    const allEvents = [...events, ...core.webhook.events({ limit: 1000, beforeId: events[events.length - 1]?.id ?? 0 })];
    // Requests without a valid token, and rate-limited ones, are counted instead of recorded one by one.
    const counted = core.webhook.refusalCounts({ hours: 1 }).reduce((sum, c) => sum + c.count, 0);
    expect(counted).toBeGreaterThan(0);
    expect(allEvents.length + counted).toBe(CASES);
    expect(allEvents.every((e) => e.httpStatus >= 400 && e.httpStatus < 500 && e.orderId === null)).toBe(true);

    const stored = JSON.stringify(allEvents) + JSON.stringify(core.audit.list({ limit: 1000 }));
    const answered = responses.map((r) => r.text).join('\n');
    // Secrets were sent in echoed fields, and came out redacted.
    expect(stored).toContain('[redacted]');
    expect(stored).toContain('[hidden]');
    for (const secret of [token, disabledToken, key.secret]) {
      expect(stored.includes(secret), 'stored').toBe(false);
      expect(answered.includes(secret), 'answered').toBe(false);
      expect(filesContaining(temp.home, secret)).toEqual([]);
    }
  });
});
