/**
 * Keys on a home connection (issue 20), on the real core, a temp SQLite file and the fake exchanges:
 * the danger of a trading key with no IP restriction and its countdown, the IP the exchange saw when
 * it refused one, and an account's outbound proxy (http and socks5, with and without credentials)
 * reaching the fake exchange only through the proxy.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { startFakeExchange, makeBinanceHmacKey, makeBybitKey, type FakeExchange, type FakeKeySpec } from '../../testing/fake-exchange';
import { canUseSecondLoopback, startHttpProxy, startSocks5Proxy, type FakeProxy } from '../../testing/fake-proxy';
import { ManualClock, TEST_PASSPHRASE, createTestCore, filesContaining, makeTempHome } from '../../testing/test-core';
import { keyNotices, type Notice } from '../../api/notifications/notice-rules';
import { notifyFromCoreEvents } from '../../api/notifications/core-notifier';

const DAY = 86_400_000;

describe('keys on a home connection', () => {
  let binance: FakeExchange;
  let bybit: FakeExchange;
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let clock: ManualClock;
  let secondLoopback = false;

  beforeAll(async () => {
    binance = await startFakeExchange({ exchange: 'binance' });
    bybit = await startFakeExchange({ exchange: 'bybit' });
    secondLoopback = await canUseSecondLoopback();
    if (!secondLoopback) process.stdout.write('Skipping the proxy tests: this machine cannot connect out from 127.0.0.2 (Linux loopback answers all of 127/8; this system does not).\n');
  });
  afterAll(async () => {
    await binance.stop();
    await bybit.stop();
  });
  beforeEach(async () => {
    temp = makeTempHome();
    clock = new ManualClock(Date.now());
    core = createTestCore(temp.home, { clock, exchangeUrlOverrides: { binance: binance.url, bybit: bybit.url }, exchangeTimeoutMs: 3000 });
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  const exchanges = { binance: { fake: () => binance, makeKey: makeBinanceHmacKey }, bybit: { fake: () => bybit, makeKey: makeBybitKey } } as const;
  async function stored(name: keyof typeof exchanges, spec: Partial<Omit<FakeKeySpec, 'apiKey' | 'secret'>>) {
    const key = exchanges[name].makeKey();
    exchanges[name].fake().addKey({ ...key, ...spec });
    const info = await core.credentials.create({ provider: name, label: `${name} ${Math.random()}`, environment: 'live', fields: key }, 'ui');
    return { key, info };
  }

  it('a Binance trading key with no IP restriction is shown as "will be deleted", with no invented date', async () => {
    const { info } = await stored('binance', {});
    const result = await core.verifier.verify(info.id, 'ui');
    expect(result.outcome).toBe('ok');
    expect(result.ipExposure).toMatchObject({ state: 'will-be-deleted', expiresAt: null, daysLeft: null });
    expect(result.ipExposure?.message).toMatch(/Binance deletes API keys that can trade with no IP restriction/);
    expect(result.warnings.map((w) => w.code)).toContain('key-will-die');
    expect(result.warnings.map((w) => w.code)).not.toContain('no-ip-restriction');
  });

  it('a Bybit key with no IP bound and deadlineDay 5 "expires in 5 days", and notifies at the 14- and 3-day thresholds', async () => {
    const { info } = await stored('bybit', { expiresAt: Date.now() + 5 * DAY });
    const result = await core.verifier.verify(info.id, 'ui');
    expect(result.ipExposure).toMatchObject({ state: 'expires', daysLeft: 5 });
    expect(result.ipExposure?.message).toMatch(/expires in 5 days \(\d{4}-\d{2}-\d{2}\)/);
    const key = core.credentials.get(info.id);
    const notices = keyNotices(key, clock.now());
    expect(notices.find((n) => n.kind === 'key-dangerous' && /14 days/.test(n.title))?.body).toMatch(/5 days/);
    // Three days on (the scheduled check's view of the same stored key): the 3-day notice, a new title, so said again.
    const later = keyNotices(key, clock.now() + 3 * DAY).find((n) => n.kind === 'key-dangerous');
    expect(later?.title).toMatch(/3 days/);
    expect(later?.body).toMatch(/2 days/);
    expect(keyNotices(key, clock.now() - 30 * DAY).some((n) => n.kind === 'key-dangerous')).toBe(false);
  });

  it('Bybit with only deadlineDay (no expiredAt) still counts down', async () => {
    const { fromBybitQueryApi } = await import('./key-permissions');
    const permissions = fromBybitQueryApi({ readOnly: 0, permissions: { Spot: ['SpotTrade'] }, ips: ['*'], expiredAt: '1970-01-01T00:00:00Z', deadlineDay: 5 }, clock.now());
    expect(permissions.expiresAt).toBe(clock.now() + 5 * DAY);
    expect(fromBybitQueryApi({ ips: ['*'], deadlineDay: -1 }, clock.now()).expiresAt).toBeNull();
    expect(fromBybitQueryApi({ ips: ['*'], deadlineDay: 'junk' }, clock.now()).expiresAt).toBeNull();
  });

  it('a read-only key with no IP restriction is not in danger; a bound key shows its IPs', async () => {
    const readOnly = await stored('bybit', { readOnly: true, expiresAt: Date.now() + 5 * DAY });
    expect((await core.verifier.verify(readOnly.info.id, 'ui')).ipExposure).toBeNull();
    const bound = await stored('bybit', { allowedIps: ['127.0.0.1'] });
    const result = await core.verifier.verify(bound.info.id, 'ui');
    expect(result.ipExposure).toBeNull();
    expect(result.permissions?.ips).toEqual(['127.0.0.1']);
  });

  it('an IP refusal names the IP the exchange saw, when it says (Binance) and still says what to do (Bybit)', async () => {
    const b = await stored('binance', { allowedIps: ['203.0.113.10'] });
    const refused = await core.verifier.verify(b.info.id, 'ui');
    expect(refused).toMatchObject({ outcome: 'ip-not-allowed', seenIp: '127.0.0.1', status: 'invalid' });
    expect(refused.message).toContain('saw the request come from 127.0.0.1');
    expect(refused.action).toContain("Add 127.0.0.1 to the key's IP allow-list (Binance → Account → API Management");
    const y = await stored('bybit', { allowedIps: ['203.0.113.10'] });
    const bybitRefused = await core.verifier.verify(y.info.id, 'ui');
    expect(bybitRefused).toMatchObject({ outcome: 'ip-not-allowed', seenIp: null });
    expect(bybitRefused.action).toMatch(/set a proxy with a fixed IP/);
  });

  it('a refused IP is notified in its own words, with the IP the exchange saw', async () => {
    const shown: Notice[] = [];
    const notifier = notifyFromCoreEvents({ core, show: (notice) => shown.push(notice) });
    try {
      const { info } = await stored('binance', { allowedIps: ['203.0.113.10'] });
      await core.verifier.verify(info.id, 'system');
      await notifier.idle();
      expect(shown).toEqual([expect.objectContaining({ kind: 'key-check-failed', title: 'Keywarden: an exchange refused this IP address', body: expect.stringContaining('127.0.0.1') })]);
    } finally {
      notifier.stop();
    }
  });

  it('junk proxy URLs are refused, saying why, never repeating the URL', async () => {
    const { info } = await stored('binance', { allowedIps: ['127.0.0.2'] });
    for (const [url, why] of [['ftp://h:21', /http:\/\/, https:\/\/ or socks5:\/\//], ['socks5://', /cannot be read|no host/], ['http://a b:80', /space/], ['socks4://127.0.0.1:1080', /socks4 proxies are not supported/], ['http://u:secretpw@h:1/path', /no path/], ['127.0.0.1:1080', /must start with/]] as const) {
      await expect(core.walletSettings.change(info.id, { proxyUrl: url }, 'ui')).rejects.toMatchObject({ code: 'MALFORMED_FIELD', message: expect.stringMatching(why) });
    }
    await expect(core.walletSettings.change(info.id, { proxyUrl: 'http://u:secretpw@h:1/path' }, 'ui')).rejects.not.toMatchObject({ message: expect.stringContaining('secretpw') });
  });

  const proxies: [string, () => Promise<FakeProxy>][] = [
    ['http', () => startHttpProxy()],
    ['http with a user and password', () => startHttpProxy({ auth: { username: 'kw', password: 'proxy-pass-7Q9' } })],
    ['socks5', () => startSocks5Proxy()],
    ['socks5 with a user and password', () => startSocks5Proxy({ auth: { username: 'kw', password: 'proxy-pass-7Q9' } })],
  ];
  for (const [name, start] of proxies) {
    it(`an account behind a ${name} proxy reaches the fake exchange only through it`, async (context) => {
      if (!secondLoopback) context.skip();
      const proxy = await start();
      try {
        for (const exchange of ['binance', 'bybit'] as const) {
          const { info } = await stored(exchange, { allowedIps: ['127.0.0.2'] });
          // Directly (from 127.0.0.1) the key is refused, as the real exchanges refuse a wrong IP.
          expect(await core.verifier.verify(info.id, 'ui')).toMatchObject({ outcome: 'ip-not-allowed', seenIp: exchange === 'binance' ? '127.0.0.1' : null });
          await core.walletSettings.change(info.id, { proxyUrl: proxy.url }, 'ui');
          const before = proxy.forwarded;
          const result = await core.verifier.verify(info.id, 'ui');
          expect(result).toMatchObject({ outcome: 'ok', status: 'active' });
          expect(proxy.forwarded).toBeGreaterThan(before);
          // Cleared: direct again, refused again (the cached client went with the setting).
          await core.walletSettings.change(info.id, { proxyUrl: '' }, 'ui');
          expect((await core.verifier.verify(info.id, 'ui')).outcome).toBe('ip-not-allowed');
          await core.walletSettings.change(info.id, { proxyUrl: proxy.url }, 'ui');
        }
        core.close();
        // The proxy URL (and its password) are sealed: not in the database, its WAL, or the audit log.
        const needle = proxy.url.includes('@') ? 'proxy-pass-7Q9' : proxy.url;
        expect(filesContaining(temp.home, needle)).toEqual([]);
        expect(filesContaining(temp.home, `127.0.0.1:${proxy.port}`)).toEqual([]);
      } finally {
        await proxy.stop();
        core = createTestCore(temp.home, { clock });
      }
    });
  }

  it('a proxy that cannot be reached is named (host and port, not the password), not "exchange unreachable"', async () => {
    const proxy = await startSocks5Proxy({ auth: { username: 'kw', password: 'proxy-pass-7Q9' } });
    const url = proxy.url;
    await proxy.stop();
    const { info } = await stored('binance', {});
    await core.walletSettings.change(info.id, { proxyUrl: url }, 'ui');
    const result = await core.verifier.verify(info.id, 'ui');
    expect(result.outcome).toBe('exchange-unavailable');
    expect(result.message).toContain(`The proxy socks5://127.0.0.1:${proxy.port}`);
    expect(result.message).toMatch(/cannot be reached/);
    expect(JSON.stringify(result)).not.toContain('proxy-pass-7Q9');
    expect(JSON.stringify(core.audit.list({ limit: 50 }))).not.toContain('proxy-pass-7Q9');
  });
});
