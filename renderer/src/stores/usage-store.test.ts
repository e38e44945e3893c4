/** The usage report in the window: asked for by a page, asked again when a key changes, gone at lock. */
import { describe, expect, it } from 'vitest';
import type { UsageReport } from '../api/contract-types';
import { NOW } from '../testing/contract-fixtures';
import { createFakeKeywardenApi, deferred, ok } from '../testing/fake-keywarden-api';
import { createUsageStore } from './usage-store';

function report(days: number): UsageReport {
  return { since: NOW - days * 86_400_000, days, unusedDays: days, keys: [], unused: [] };
}

describe('usage store', () => {
  it('loads the period asked for, and keeps it for the next load', async () => {
    const fake = createFakeKeywardenApi({ 'usage.report': (input) => ok(report(input.days ?? 30)) });
    const store = createUsageStore(fake.api);
    await store.getState().load();
    await store.getState().load(7);
    await store.getState().load();
    expect(fake.callsTo('usage.report')).toEqual([{ days: 30, unusedDays: 30 }, { days: 7, unusedDays: 7 }, { days: 7, unusedDays: 7 }]);
    expect(store.getState().report?.days).toBe(7);
  });

  it('reloads when a key changes while a report is shown, never before one is asked for', async () => {
    const fake = createFakeKeywardenApi({ 'usage.report': () => ok(report(30)) });
    const store = createUsageStore(fake.api);
    fake.emit('credentials.changed', { id: 'abcdefghij', change: 'verified' });
    expect(fake.callsTo('usage.report')).toHaveLength(0);
    await store.getState().load();
    fake.emit('credentials.changed', { id: 'abcdefghij', change: 'verified' });
    await Promise.resolve();
    expect(fake.callsTo('usage.report')).toHaveLength(2);
  });

  it('drops the report when the vault locks, and an answer that arrives after the lock', async () => {
    const late = deferred<ReturnType<typeof ok<UsageReport>>>();
    const fake = createFakeKeywardenApi({ 'usage.report': () => ok(report(30)) });
    const store = createUsageStore(fake.api);
    await store.getState().load();
    fake.answer('usage.report', () => late.promise);
    const pending = store.getState().load();
    fake.emit('vault.locked', { reason: 'user' });
    late.resolve(ok(report(30)));
    await pending;
    expect(store.getState().report).toBeNull();
  });
});
