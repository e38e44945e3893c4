/**
 * The WAL sync: callers are told "on disk" only by a sync that started after their commit, syncs are
 * shared instead of piling up on a slow disk, a failure reaches its callers and the next sync tries
 * again, and commits nobody asked to sync are synced in the background.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYNC_EVERY_MS, WalSync } from './wal-sync';

/** A disk whose syncs finish when the test says so. */
function slowDisk() {
  const syncs: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const datasync = vi.fn(() => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })));
  return { syncs, datasync };
}

async function settled(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  let state: 'resolved' | 'rejected' | 'pending' = 'pending';
  promise.then(() => (state = 'resolved'), () => (state = 'rejected'));
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
  return state;
}

describe('WalSync', () => {
  afterEach(() => vi.useRealTimers());

  it('tells a caller that arrived during a sync only after a sync that started later', async () => {
    const disk = slowDisk();
    const wal = new WalSync({ datasync: disk.datasync, changedSinceLastAsked: () => false });
    const first = wal.sync();
    const second = wal.sync();
    expect(disk.datasync).toHaveBeenCalledTimes(1);
    disk.syncs[0]?.resolve();
    expect(await settled(first)).toBe('resolved');
    // The first sync may have started before the second caller's commit: a second one runs.
    expect(await settled(second)).toBe('pending');
    expect(disk.datasync).toHaveBeenCalledTimes(2);
    disk.syncs[1]?.resolve();
    expect(await settled(second)).toBe('resolved');
  });

  it('shares one further sync among everyone who arrives while a slow one runs', async () => {
    const disk = slowDisk();
    const wal = new WalSync({ datasync: disk.datasync, changedSinceLastAsked: () => false });
    void wal.sync();
    const waiting = Array.from({ length: 50 }, () => wal.sync());
    disk.syncs[0]?.resolve();
    await settled(waiting[0] as Promise<void>);
    expect(disk.datasync).toHaveBeenCalledTimes(2);
    disk.syncs[1]?.resolve();
    for (const caller of waiting) expect(await settled(caller)).toBe('resolved');
    expect(disk.datasync).toHaveBeenCalledTimes(2);
    // Nothing running: the next caller starts a sync of its own at once.
    void wal.sync();
    expect(disk.datasync).toHaveBeenCalledTimes(3);
  });

  it('reports a failed sync to its callers, and the next caller gets a new sync', async () => {
    const disk = slowDisk();
    const wal = new WalSync({ datasync: disk.datasync, changedSinceLastAsked: () => false });
    const failing = wal.sync();
    const queued = wal.sync();
    disk.syncs[0]?.reject(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    // The one queued behind the failure still gets its own sync.
    expect(await settled(queued)).toBe('pending');
    disk.syncs[1]?.resolve();
    expect(await settled(queued)).toBe('resolved');
  });

  it('syncs in the background only when something was committed', async () => {
    vi.useFakeTimers();
    const datasync = vi.fn(() => Promise.resolve());
    let changed = false;
    const wal = new WalSync({ datasync, changedSinceLastAsked: () => changed });
    wal.startBackground();
    vi.advanceTimersByTime(SYNC_EVERY_MS * 3);
    expect(datasync).not.toHaveBeenCalled();
    changed = true;
    vi.advanceTimersByTime(SYNC_EVERY_MS);
    expect(datasync).toHaveBeenCalledTimes(1);
    wal.stopBackground();
    vi.advanceTimersByTime(SYNC_EVERY_MS * 3);
    expect(datasync).toHaveBeenCalledTimes(1);
  });
});
