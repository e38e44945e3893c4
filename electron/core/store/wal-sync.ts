/**
 * Puts the database's commits on disk without the main thread ever waiting for the disk.
 *
 * The connection commits with synchronous = NORMAL: in WAL mode a commit then survives the process
 * being killed the moment it returns, and costs no fsync. What a power cut would undo is whatever is
 * not yet synced, so this syncs the WAL file (an fdatasync on libuv's thread pool) where it matters:
 * before anything is acknowledged (a contract reply, a webhook 200), right after an order is
 * sent, and in the background within SYNC_EVERY_MS of any other commit. A disk that stalls for
 * hundreds of milliseconds (seen on VMs) then delays those acknowledgements, never the event loop.
 *
 * Syncs are shared, and skipped where they would add nothing. Each sync notes how many changes the
 * connection had committed when it started (SQLite's total_changes(), which every commit moves), so
 * it covers everything up to that count: a caller with nothing newer shares the running sync, or,
 * when the last one already covered it, is answered at once (a read-only call costs no sync).
 * Callers with newer commits share the next sync.
 */

/**
 * Runs `start` (a sync, or what waits for one) once the immediates queued so far have run. Handing a
 * sync to the thread pool wakes a thread: about 0.15 ms on a VM, more when that thread takes this
 * core. An order sent on a reused keep-alive connection is written in an immediate (undici first
 * lets the idle socket report a close, GHSA-35p6-xmwp-9g52), queued after the record that precedes
 * it; a sync started from an immediate queued earlier held the order back by that much (issue 22).
 */
export function afterQueuedImmediates(start: () => void): void {
  // Immediates queued while the queue runs wait for the next turn of the event loop.
  setImmediate(() => setImmediate(start));
}

/** How soon a commit nobody asked to sync reaches the disk anyway. */
export const SYNC_EVERY_MS = 500;

export interface WalSyncOptions {
  /** Syncs the WAL file: every commit made before this is called is on disk when it resolves. */
  readonly datasync: () => Promise<void>;
  /** How many changes this connection has committed so far (cheap; any commit moves it). */
  readonly committedChanges: () => number;
  /** Other upkeep to do on the same timer. */
  readonly onTick?: () => void;
}

interface RunningSync {
  readonly done: Promise<void>;
  /** committedChanges() when it started: it puts every change up to this count on disk. */
  readonly covers: number;
}

export class WalSync {
  readonly #options: WalSyncOptions;
  #running: RunningSync | undefined;
  #next: Promise<void> | undefined;
  /** What the last successful sync covered (nothing yet: -1). */
  #onDisk = -1;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: WalSyncOptions) {
    this.#options = options;
  }

  /** Resolves once every commit made before this call is on disk. */
  sync(): Promise<void> {
    let committed: number;
    try {
      committed = this.#options.committedChanges();
    } catch (error) {
      // The database was closed: like a failed sync, a rejection (callers may call from a timer).
      return Promise.reject(error);
    }
    if (this.#running) {
      if (this.#running.covers === committed) return this.#running.done;
      // The running sync started before the caller's commit: it needs the next one.
      const next = () => {
        this.#next = undefined;
        return this.#start(this.#options.committedChanges());
      };
      this.#next ??= this.#running.done.then(next, next);
      return this.#next;
    }
    if (committed === this.#onDisk) return Promise.resolve();
    return this.#start(committed);
  }

  /** Starts the background sync of commits nobody asked to sync. */
  startBackground(): void {
    this.#timer ??= setInterval(() => {
      this.sync().catch(() => undefined);
      this.#options.onTick?.();
    }, SYNC_EVERY_MS).unref();
  }

  stopBackground(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #start(covers: number): Promise<void> {
    const done = this.#options.datasync();
    const running: RunningSync = { done, covers };
    this.#running = running;
    const finish = (succeeded: boolean) => {
      if (succeeded) this.#onDisk = Math.max(this.#onDisk, covers);
      if (this.#running === running) this.#running = undefined;
    };
    done.then(() => finish(true), () => finish(false));
    return done;
  }
}
