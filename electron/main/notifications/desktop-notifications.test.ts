/**
 * Desktop notifications (issue 19): which core events notify, and the rate limit, with a fake
 * Notification class and a manual limiter clock, on the real core (keys looked up through the contract).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../core/app';
import type { LimiterClock } from '../../api/notifications/notice-limiter';
import { NOTICE_WINDOW_MS, NoticeLimiter } from '../../api/notifications/notice-limiter';
import { noticeLine } from '../../api/notifications/notice-rules';
import { TEST_PASSPHRASE, createTestCore, makeTempHome } from '../../testing/test-core';
import { fakeNotificationClass } from '../testing/fake-electron';
import { startDesktopNotifications } from './desktop-notifications';

const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Timers the test fires by hand. */
function manualTimers(): LimiterClock & { fire(): void; pending(): number } {
  let now = 0;
  const tasks: Array<{ at: number; task: () => void; cancelled: boolean }> = [];
  return {
    now: () => now,
    schedule: (task, ms) => {
      const entry = { at: now + ms, task, cancelled: false };
      tasks.push(entry);
      return () => { entry.cancelled = true; };
    },
    fire() {
      const due = tasks.splice(0).filter((entry) => !entry.cancelled);
      now = Math.max(now, ...due.map((entry) => entry.at));
      due.forEach((entry) => entry.task());
    },
    pending: () => tasks.filter((entry) => !entry.cancelled).length,
  };
}


describe('desktop notifications from core events', () => {
  let temp: ReturnType<typeof makeTempHome>;
  let core: Core;
  let fake: ReturnType<typeof fakeNotificationClass>;
  let timers: ReturnType<typeof manualTimers>;
  let notifier: ReturnType<typeof startDesktopNotifications>;

  beforeEach(async () => {
    temp = makeTempHome();
    core = createTestCore(temp.home);
    await core.vault.init({ passphrase: TEST_PASSPHRASE, useOsKeychain: false }, 'ui');
    fake = fakeNotificationClass();
    timers = manualTimers();
    notifier = startDesktopNotifications({ core, Notification: fake.Notification, logger: silentLogger, clock: timers });
  });
  afterEach(() => {
    notifier.stop();
    core.close();
    temp.cleanup();
  });

  it('announces a refused alert at once, holds the rest of a burst, then says how many', () => {
    for (let n = 1; n <= 5; n += 1) core.events.emit('webhook.alert', { eventId: n, outcome: 'vault-locked', message: `refused ${n}` });
    expect(fake.shown).toEqual([{ title: 'Keywarden: alert refused — the vault is locked', body: 'refused 1' }]);
    timers.fire();
    expect(fake.shown[1]).toEqual({ title: 'Keywarden: alert refused — the vault is locked', body: '4 more alerts were refused. Latest: refused 5' });
    // A quiet window ends without a notification.
    timers.fire();
    expect(fake.shown).toHaveLength(2);
    expect(timers.pending()).toBe(0);
  });

  it('does not announce placed alerts, duplicates or requests without a valid token', () => {
    for (const outcome of ['accepted', 'placed', 'duplicate', 'unauthorized', 'not-found', 'rate-limited']) core.events.emit('webhook.alert', { eventId: 1, outcome, message: outcome });
    expect(fake.shown).toEqual([]);
  });

  it('announces a failed order once, and each kind has its own limit', async () => {
    core.events.emit('webhook.alert', { eventId: 1, outcome: 'stale', message: 'too old' });
    core.events.emit('order.updated', { id: 'ord1', status: 'failed', credentialId: 'nokey' });
    core.events.emit('order.updated', { id: 'ord1', status: 'failed', credentialId: 'nokey' });
    core.events.emit('order.updated', { id: 'ord2', status: 'filled', credentialId: 'nokey' });
    await notifier.idle();
    expect(fake.shown.map((notice) => notice.title)).toEqual(['Keywarden: alert refused', 'Keywarden: an order failed']);
    expect(fake.shown[1]?.body).toContain('order ord1 failed');
  });

  it('announces an account that drifted from its strategy, not one brought back in line', async () => {
    const drift = { accountId: 'nokey', symbol: 'BTC/USDT', base: 'BTC', expected: 0.53, actual: 0.52, difference: -0.01 };
    core.events.emit('webhook.drift', { id: 'd1', ...drift, status: 'open' });
    core.events.emit('webhook.drift', { id: 'd1', ...drift, status: 'fixed' });
    await notifier.idle();
    expect(fake.shown).toEqual([{ title: 'Keywarden: an account drifted from its strategy', body: expect.stringContaining('BTC/USDT: holds 0.01 BTC less than the strategy') }]);
  });

  it('a key check that finds a dangerous, failing or due key says so once per finding', async () => {
    const { id } = await core.credentials.create({ provider: 'binance', label: 'Binance main', fields: { apiKey: 'k'.repeat(64), secret: 's'.repeat(64) } }, 'ui');
    const withdraw = { read: true, trade: true, withdraw: true, internalTransfer: null, universalTransfer: null, futures: false, margin: false, ipRestricted: false, expiresAt: null, source: 'binance-api-restrictions' as const };
    const { keyNotices } = await import('../../api/notifications/notice-rules');
    const info = (await core.credentials.list()).find((key) => key.id === id);
    if (!info) throw new Error('no key');
    const now = core.clock.now();
    expect(keyNotices({ ...info, status: 'invalid', permissions: withdraw, rotationDue: true }, now).map((notice) => notice.kind)).toEqual(['key-check-failed', 'key-dangerous', 'key-due']);
    expect(keyNotices({ ...info, expiresAt: now + 3 * 86_400_000 }, now).map((notice) => notice.title)).toEqual(['Keywarden: a key expires soon']);
    expect(keyNotices({ ...info, status: 'revoked', permissions: withdraw }, now)).toEqual([]);
    // An unverified, healthy key: a check event says nothing.
    core.events.emit('credentials.changed', { id, change: 'verified' });
    await notifier.idle();
    expect(fake.shown).toEqual([]);
  });

  it('shows nothing where the system has no notifications, and never throws', () => {
    notifier.stop();
    const unsupported = fakeNotificationClass(false);
    notifier = startDesktopNotifications({ core, Notification: unsupported.Notification, logger: silentLogger, clock: timers });
    core.events.emit('webhook.alert', { eventId: 1, outcome: 'paused', message: 'paused' });
    expect(unsupported.shown).toEqual([]);
  });
});

describe('notice limiter', () => {
  it('keeps a steady stream to one notification per window', () => {
    const timers = manualTimers();
    const shown: string[] = [];
    const limiter = new NoticeLimiter((notice) => shown.push(notice.body), timers, NOTICE_WINDOW_MS);
    const refused = (body: string) => ({ kind: 'alert-refused' as const, title: 't', body });
    limiter.offer(refused('a'));
    limiter.offer(refused('b'));
    timers.fire();
    limiter.offer(refused('c'));
    limiter.offer(refused('d'));
    timers.fire();
    expect(shown).toEqual(['a', 'b', '2 more alerts were refused. Latest: d']);
    limiter.stop();
    expect(timers.pending()).toBe(0);
  });

  it('prints one line per notice for the CLI', () => {
    expect(noticeLine({ kind: 'order-failed', title: 'Keywarden: an order failed', body: 'order x failed.' }, Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00.000Z  an order failed: order x failed.');
  });
});
