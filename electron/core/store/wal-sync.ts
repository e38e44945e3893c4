/**
 * Puts the database's commits on disk without the main thread ever waiting for the disk.
 *
 * The connection commits with synchronous = NORMAL: in WAL mode a commit then survives the process
 * being killed the moment it returns, and costs no fsync. What a power cut would undo is whatever is
 * not yet synced, so this syncs the WAL file (an fdatasync on libuv's thread pool) where it matters:
 * before anything is acknowledged (a contract reply, a webhook 200), right after an order is
 * recorded, and in the background within SYNC_EVERY_MS of any other commit. A disk that stalls for
 * hundreds of milliseconds (seen on VMs) then delays those acknowledgements, never the event loop.
 *
 * Syncs are grouped: one that is running covers every commit made before it started; callers that
 * arrive while it runs share the next one.
 */

/** How soon a commit nobody asked to sync reaches the disk anyway. */
export const SYNC_EVERY_MS = 500;

export interface WalSyncOptions {
  /** Syncs the WAL file: every commit made before this is called is on disk when it resolves. */
  readonly datasync: () => Promise<void>;
  /** Whether anything was committed since the last time it was asked (cheap; called by the timer). */
  readonly changedSinceLastAsked: () => boolean;
  /** Other upkeep to do on the same timer. */
  readonly onTick?: () => void;
}

export class WalSync {
  readonly #options: WalSyncOptions;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: WalSyncOptions) {
    this.#options = options;
  }

  /** Resolves once every commit made before this call is on disk. */
  sync(): Promise<void> {
    if (!this.#running) return this.#start();
    // The running sync may have started before the caller's commit: it needs the next one.
    this.#next ??= this.#running.then(
      () => this.#start(),
      () => this.#start(),
    );
    return this.#next;
  }

  /** Starts the background sync of commits nobody asked to sync. */
  startBackground(): void {
    this.#timer ??= setInterval(() => {
      if (this.#options.changedSinceLastAsked()) this.sync().catch(() => undefined);
      this.#options.onTick?.();
    }, SYNC_EVERY_MS).unref();
  }

  stopBackground(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #start(): Promise<void> {
    this.#next = undefined;
    const running = this.#options.datasync();
    this.#running = running;
    const clear = () => {
      if (this.#running === running) this.#running = undefined;
    };
    running.then(clear, clear);
    return running;
  }
}
