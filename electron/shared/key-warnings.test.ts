/** The warnings a stored key carries, as the core sends them after a check and the window shows them between checks. */
import { describe, expect, it } from 'vitest';
import { isExpiringSoon, standingKeyWarnings, type KeyWarningFacts } from './key-warnings';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1, 12);
const key = (change: Partial<KeyWarningFacts> = {}): KeyWarningFacts => ({
  provider: 'binance',
  permissions: { trade: true, withdraw: false, ipRestricted: true },
  expiresAt: null,
  rotationDue: false,
  rotatedAt: null,
  createdAt: Date.UTC(2025, 0, 15),
  ...change,
});
const codes = (facts: KeyWarningFacts) => standingKeyWarnings(facts, 'Binance', NOW).map((warning) => warning.code);

describe('standingKeyWarnings', () => {
  it('says nothing about a key restricted to an IP, trading, not expiring and recently rotated', () => {
    expect(standingKeyWarnings(key(), 'Binance', NOW)).toEqual([]);
    expect(standingKeyWarnings(key({ permissions: null }), 'Binance', NOW)).toEqual([]);
  });

  it('explains a key without an IP allow-list, with where to set one on its exchange', () => {
    const [binance] = standingKeyWarnings(key({ permissions: { trade: false, withdraw: false, ipRestricted: false } }), 'Binance', NOW);
    expect(binance?.code).toBe('no-ip-restriction');
    expect(binance?.message).toMatch(/^The key works from any IP address: if it leaks, it can be used from anywhere\. In Binance → API Management/);
    const [other] = standingKeyWarnings(key({ provider: 'kucoin', permissions: { trade: true, withdraw: false, ipRestricted: false } }), 'KuCoin', NOW);
    expect(other?.message).toContain("in KuCoin's API settings");
  });

  it('a key that can trade with no IP restriction is in danger: Binance deletes it (no date), Bybit counts down from its own date', () => {
    const [binance] = standingKeyWarnings(key({ permissions: { trade: true, withdraw: false, ipRestricted: false } }), 'Binance', NOW);
    expect(binance).toMatchObject({ code: 'key-will-die', message: expect.stringMatching(/^Binance deletes API keys that can trade with no IP restriction/) });
    expect(binance?.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const bybit = standingKeyWarnings(key({ provider: 'bybit', permissions: { trade: true, withdraw: false, ipRestricted: false, expiresAt: NOW + 5 * DAY }, expiresAt: NOW + 5 * DAY }), 'Bybit', NOW);
    // One countdown, not the danger and a second "expires soon" beside it.
    expect(bybit.map((w) => w.code)).toEqual(['key-will-die']);
    expect(bybit[0]?.message).toContain('expires in 5 days (2025-06-06)');
    const withdrawOnly = standingKeyWarnings(key({ provider: 'bybit', permissions: { trade: false, withdraw: true, ipRestricted: false } }), 'Bybit', NOW);
    expect(withdrawOnly[0]?.code).toBe('key-will-die');
  });

  it('warns two weeks before expiry, counting the days, and says when it has expired', () => {
    expect(codes(key({ expiresAt: NOW + 15 * DAY }))).toEqual([]);
    expect(standingKeyWarnings(key({ expiresAt: NOW + 3 * DAY }), 'Binance', NOW)).toEqual([
      { code: 'expiring-soon', message: 'The key expires on Binance in 3 days (2025-06-04). Create a new key and rotate this one before then.' },
    ]);
    expect(standingKeyWarnings(key({ expiresAt: NOW - DAY }), 'Binance', NOW)[0]?.message).toBe('The key expired on Binance on 2025-05-31. Create a new key there and rotate this one.');
  });

  it('reminds to rotate from the last rotation, or from creation, and flags a read-only key', () => {
    expect(standingKeyWarnings(key({ rotationDue: true }), 'Binance', NOW)[0]?.message).toContain('created or last rotated on 2025-01-15');
    expect(standingKeyWarnings(key({ rotationDue: true, rotatedAt: Date.UTC(2025, 1, 2) }), 'Binance', NOW)[0]?.message).toContain('on 2025-02-02');
    expect(codes(key({ permissions: { trade: false, withdraw: false, ipRestricted: true } }))).toEqual(['read-only']);
    // A key that cannot trade but can withdraw is not "read-only": the withdraw warning covers it.
    expect(codes(key({ permissions: { trade: false, withdraw: true, ipRestricted: true } }))).toEqual([]);
  });

  it('lists several in a fixed order', () => {
    expect(codes(key({ permissions: { trade: false, withdraw: null, ipRestricted: false }, expiresAt: NOW + DAY, rotationDue: true }))).toEqual(['no-ip-restriction', 'expiring-soon', 'rotation-due', 'read-only']);
  });
});

describe('isExpiringSoon', () => {
  it('is true from 14 days before expiry on, and for an expired key', () => {
    expect(isExpiringSoon(null, NOW)).toBe(false);
    expect(isExpiringSoon(NOW + 14 * DAY, NOW)).toBe(false);
    expect(isExpiringSoon(NOW + 14 * DAY - 1, NOW)).toBe(true);
    expect(isExpiringSoon(NOW - DAY, NOW)).toBe(true);
  });
});
