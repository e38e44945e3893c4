/** The listener's door in isolation: client addresses behind a proxy, rate-limit buckets, redaction. */
import { describe, expect, it } from 'vitest';
import { clientAddress, failureKey } from './client-address';
import { KeyedTokenBuckets, TokenBucket } from './rate-limiter';
import { SecretRedactor } from './secret-redactor';
import { hashToken } from './webhook-token';

describe('client address', () => {
  it('uses X-Forwarded-For only from the trusted proxy, and then its right-most entry', () => {
    expect(clientAddress('::ffff:203.0.113.9', '52.89.214.238', null)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '52.89.214.238', '127.0.0.1')).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '52.89.214.238', '127.0.0.1')).toBe('52.89.214.238');
    expect(clientAddress('::ffff:127.0.0.1', '1.1.1.1, 52.89.214.238', '127.0.0.1')).toBe('52.89.214.238');
    expect(clientAddress('127.0.0.1', ['1.1.1.1', '2.2.2.2'], '127.0.0.1')).toBe('2.2.2.2');
    expect(clientAddress('127.0.0.1', 'not-an-ip', '127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress(undefined, undefined, null)).toBe('unknown');
  });

  it('counts IPv6 failures per /64', () => {
    expect(failureKey('2001:db8:1:2:3:4:5:6')).toBe(failureKey('2001:db8:1:2:ffff::1'));
    expect(failureKey('2001:db8:1:2::1')).not.toBe(failureKey('2001:db8:1:3::1'));
    expect(failureKey('203.0.113.9')).toBe('ip:203.0.113.9');
    // Behind a tunnel everything is loopback: one shared budget, not an exemption.
    expect(failureKey('127.0.0.1')).toBe(failureKey('::1'));
    expect(failureKey('127.0.0.2')).toBe('loopback');
  });
});

describe('rate limits', () => {
  it('allows the burst, then the steady rate', () => {
    const bucket = new TokenBucket(3, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(2, 3, 0))).toEqual([true, true, true, false]);
    expect(bucket.take(2, 3, 499)).toBe(false);
    expect(bucket.take(2, 3, 500)).toBe(true);
    expect(bucket.available(2, 3, 60_000)).toBe(3);
  });

  it('keeps failures in debt, and a bounded number of keys', () => {
    const buckets = new KeyedTokenBuckets(2);
    for (let i = 0; i < 5; i += 1) buckets.charge('a', 1, 2, 0);
    expect(buckets.exhausted('a', 1, 2, 2000)).toBe(true);
    expect(buckets.exhausted('a', 1, 2, 5000)).toBe(false);
    buckets.charge('b', 1, 1, 0);
    buckets.charge('c', 1, 1, 0);
    // 'a' was the least recently used: evicted.
    expect(buckets.exhausted('a', 1, 2, 5000)).toBe(false);
    expect(buckets.exhausted('c', 1, 1, 0)).toBe(true);
  });
});

describe('secret redaction', () => {
  it('hides known tokens (also inside longer words) and anything shaped like an API secret', () => {
    const token = 'Ab-_cdefghijklmnopqrst';
    const redactor = new SecretRedactor([hashToken(token)]);
    expect(redactor.redact(`account ${token}`)).toBe('account [redacted]');
    expect(redactor.redact(`x-${token}-y`)).toBe('x-[redacted]-y');
    expect(redactor.redact('a1b2c3-Long-buy-0.001-2026-11-22T12:00:00Z')).toBe('a1b2c3-Long-buy-0.001-2026-11-22T12:00:00Z');
    expect(redactor.redact(`secret ${'Zx9'.repeat(12)} end`)).toBe('secret [hidden] end');
    expect(redactor.redactValue({ ['__proto__']: token, list: [token] })).toEqual(JSON.parse('{"__proto__":"[redacted]","list":["[redacted]"]}'));
  });
});
