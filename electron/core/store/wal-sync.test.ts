/**
 * The WAL sync: callers are told "on disk" only by a sync that started after their commit, syncs are
 * shared instead of piling up on a slow disk, a caller with nothing new is not made to wait for the
 * disk, a failure reaches its callers and the next sync tries again, and commits nobody asked to
 * sync are synced in the background.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYNC_EVERY_MS, WalSync, afterQueuedImmediates } from './wal-sync';

/** A disk whose syncs finish when the test says so. */
function slowDisk() {
  const syncs: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const datasync = vi.fn(() => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })));
  return { syncs, datasync };
}

/** The connection's committed-changes counter; `commit()` is one more commit. */
function counter() {
  let changes = 0;
  return { committedChanges: () => changes, commit: () => (changes += 1) };
}

/** A WalSync over a slow disk, with one commit made. */
function walOnSlowDisk() {
  const disk = slowDisk();
  const db = counter();
  const wal = new WalSync({ datasync: disk.datasync, committedChanges: db.committedChanges });
  db.commit();
  return { disk, db, wal };
}

async function settled(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  let state: 'resolved' | 'rejected' | 'pending' = 'pending';
  promise.then(() => (state = 'resolved'), () => (state = 'rejected'));
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
  return state;
}

describe('WalSync', () => {
  afterEach(() => vi.useRealTimers());

  it('tells a caller that committed during a sync only after a sync that started later', async () => {
    const { disk, db, wal } = walOnSlowDisk();
    const first = wal.sync();
    db.commit();
    const second = wal.sync();
    expect(disk.datasync).toHaveBeenCalledTimes(1);
    disk.syncs[0]?.resolve();
    expect(await settled(first)).toBe('resolved');
    // The first sync started before the second caller's commit: a second one runs.
    expect(await settled(second)).toBe('pending');
    expect(disk.datasync).toHaveBeenCalledTimes(2);
    disk.syncs[1]?.resolve();
    expect(await settled(second)).toBe('resolved');
  });

  it('shares one further sync among everyone who committed while a slow one runs', async () => {
    const { disk, db, wal } = walOnSlowDisk();
    void wal.sync();
    const waiting = Array.from({ length: 50 }, () => {
      db.commit();
      return wal.sync();
    });
    disk.syncs[0]?.resolve();
    await settled(waiting[0] as Promise<void>);
    expect(disk.datasync).toHaveBeenCalledTimes(2);
    disk.syncs[1]?.resolve();
    for (const caller of waiting) expect(await settled(caller)).toBe('resolved');
    expect(disk.datasync).toHaveBeenCalledTimes(2);
    // Nothing running: the next caller with a new commit starts a sync of its own at once.
    db.commit();
    void wal.sync();
    expect(disk.datasync).toHaveBeenCalledTimes(3);
  });

  it('lets callers with nothing newer share the running sync, and answers at once once it is on disk', async () => {
    const { disk, wal } = walOnSlowDisk();
    const first = wal.sync();
    // Say an alert's answer and its order both ask after the same commits: one sync serves both.
    const sameCommits = wal.sync();
    expect(disk.datasync).toHaveBeenCalledTimes(1);
    expect(await settled(sameCommits)).toBe('pending');
    disk.syncs[0]?.resolve();
    expect(await settled(first)).toBe('resolved');
    expect(await settled(sameCommits)).toBe('resolved');
    // A read-only call after that: everything it could have been told about is on disk already.
    expect(await settled(wal.sync())).toBe('resolved');
    expect(disk.datasync).toHaveBeenCalledTimes(1);
  });

  it('reports a failed sync to its callers, and the next caller gets a new sync', async () => {
    const { disk, db, wal } = walOnSlowDisk();
    const failing = wal.sync();
    db.commit();
    const queued = wal.sync();
    disk.syncs[0]?.reject(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    // The one queued behind the failure still gets its own sync.
    expect(await settled(queued)).toBe('pending');
    disk.syncs[1]?.resolve();
    expect(await settled(queued)).toBe('resolved');
  });

  it('does not count a failed sync as on disk: a caller with the same commits gets a new one', async () => {
    const { disk, wal } = walOnSlowDisk();
    const failing = wal.sync();
    disk.syncs[0]?.reject(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    const retry = wal.sync();
    expect(disk.datasync).toHaveBeenCalledTimes(2);
    disk.syncs[1]?.resolve();
    expect(await settled(retry)).toBe('resolved');
  });

  it('answers a closed database with a rejection, never a throw', async () => {
    const datasync = vi.fn(() => Promise.resolve());
    const wal = new WalSync({ datasync, committedChanges: () => { throw new TypeError('The database connection is not open'); } });
    await expect(wal.sync()).rejects.toThrow('not open');
    expect(datasync).not.toHaveBeenCalled();
  });

  it('syncs in the background only when something was committed', async () => {
    vi.useFakeTimers();
    const datasync = vi.fn(() => Promise.resolve());
    const db = counter();
    const wal = new WalSync({ datasync, committedChanges: db.committedChanges });
    await wal.sync();
    expect(datasync).toHaveBeenCalledTimes(1);
    wal.startBackground();
    await vi.advanceTimersByTimeAsync(SYNC_EVERY_MS * 3);
    expect(datasync).toHaveBeenCalledTimes(1);
    db.commit();
    await vi.advanceTimersByTimeAsync(SYNC_EVERY_MS);
    expect(datasync).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(SYNC_EVERY_MS * 3);
    expect(datasync).toHaveBeenCalledTimes(2);
    db.commit();
    wal.stopBackground();
    await vi.advanceTimersByTimeAsync(SYNC_EVERY_MS * 3);
    expect(datasync).toHaveBeenCalledTimes(2);
  });
});

describe('afterQueuedImmediates', () => {
  it('starts after an immediate queued later in the same turn (an order written to a reused connection)', async () => {
    const happened: string[] = [];
    await new Promise<void>((resolve) => {
      afterQueuedImmediates(() => {
        happened.push('sync');
        resolve();
      });
      // What undici does for a request on a kept-alive socket: the write waits for the check phase.
      void Promise.resolve().then(() => setImmediate(() => happened.push('order written')));
    });
    expect(happened).toEqual(['order written', 'sync']);
  });
});
