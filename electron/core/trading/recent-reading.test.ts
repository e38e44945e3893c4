/** When a price or balance read a moment ago is used again, and when an order waits for a new one. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../testing/test-core';
import { RecentReading } from './recent-reading';

const policy = { maxAgeMs: 1000, refreshAfterMs: 250 };

/** A read the test answers by hand, counting how often it was asked. */
function manualRead() {
  const pending: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  return {
    read: () => new Promise<number>((resolve, reject) => pending.push({ resolve, reject })),
    asked: () => pending.length,
    answer: (index: number, value: number) => pending[index]?.resolve(value),
    fail: (index: number) => pending[index]?.reject(new Error('unreachable')),
  };
}

/** A reading whose first read (of 1) is answered. */
async function withFirstReading() {
  const clock = new ManualClock();
  const exchange = manualRead();
  const reading = new RecentReading(exchange.read, clock, policy);
  const first = reading.current();
  exchange.answer(0, 1);
  await first;
  return { clock, exchange, reading };
}

describe('RecentReading', () => {
  it('shares one read among everyone who asks while it is under way', async () => {
    const clock = new ManualClock();
    const exchange = manualRead();
    const reading = new RecentReading(exchange.read, clock, policy);
    const first = reading.current();
    const second = reading.current();
    expect(exchange.asked()).toBe(1);
    exchange.answer(0, 7);
    expect([(await first).value, (await second).value]).toEqual([7, 7]);
  });

  it('uses a reading up to maxAge old; older, the caller waits for a new one', async () => {
    const { clock, exchange, reading } = await withFirstReading();
    clock.advance(policy.maxAgeMs);
    // At exactly maxAge it is still used (and, past refreshAfter, read again behind the caller's back).
    expect((await reading.current()).value).toBe(1);
    expect(exchange.asked()).toBe(2);
    exchange.answer(1, 2);
    clock.advance(1);
    // The background reading was asked at the previous moment: young, and it is the one used now.
    await new Promise((resolve) => setImmediate(resolve));
    expect((await reading.current()).value).toBe(2);
    clock.advance(policy.maxAgeMs + 1);
    const waited = reading.current();
    expect(exchange.asked()).toBe(3);
    exchange.answer(2, 3);
    expect((await waited).value).toBe(3);
  });

  it('reads again in the background only after refreshAfter, and only once at a time', async () => {
    const { clock, exchange, reading } = await withFirstReading();
    clock.advance(policy.refreshAfterMs);
    await reading.current();
    expect(exchange.asked()).toBe(1);
    clock.advance(1);
    await reading.current();
    await reading.current();
    expect(exchange.asked()).toBe(2);
  });

  it('a failed background read leaves the held reading in use until it is too old', async () => {
    const { clock, exchange, reading } = await withFirstReading();
    clock.advance(policy.refreshAfterMs + 1);
    await reading.current();
    exchange.fail(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await reading.current()).value).toBe(1);
    clock.advance(policy.maxAgeMs);
    const next = reading.current();
    exchange.fail(exchange.asked() - 1);
    await expect(next).rejects.toThrow('unreachable');
  });

  it('fresh() never returns what was read before it was called', async () => {
    const { exchange, reading } = await withFirstReading();
    const fresh = reading.fresh();
    expect(exchange.asked()).toBe(2);
    exchange.answer(1, 2);
    expect((await fresh).value).toBe(2);
  });

  it('fresh() does not join a read already under way: that one was asked before', async () => {
    const clock = new ManualClock();
    const exchange = manualRead();
    const reading = new RecentReading(exchange.read, clock, policy);
    const underWay = reading.current();
    const fresh = reading.fresh();
    expect(exchange.asked()).toBe(2);
    exchange.answer(0, 1);
    exchange.answer(1, 2);
    expect([(await underWay).value, (await fresh).value]).toEqual([1, 2]);
  });

  it('a slow older answer never replaces a newer one', async () => {
    const clock = new ManualClock();
    const exchange = manualRead();
    const reading = new RecentReading(exchange.read, clock, policy);
    const older = reading.current();
    clock.advance(10);
    const newer = reading.fresh();
    exchange.answer(1, 2);
    await newer;
    exchange.answer(0, 1);
    await older;
    expect(reading.latest()?.value).toBe(2);
  });

  it('takes every reading as stale when the clock steps back', async () => {
    const { clock, exchange, reading } = await withFirstReading();
    clock.advance(-5000);
    const next = reading.current();
    expect(exchange.asked()).toBe(2);
    exchange.answer(1, 2);
    expect((await next).value).toBe(2);
  });
});
