/**
 * Checkpoints the WAL (copies its pages into the database file) from a worker thread with its own
 * connection. SQLite otherwise checkpoints inside whichever commit takes the WAL past 1,000 pages:
 * under a stream of alerts that is every second or so, and it syncs the WAL and the database file on
 * the main thread, where a slow disk freezes every alert in flight. The worker checkpoints by the
 * WAL's size, read from the WAL index header (`mxFrame`, https://www.sqlite.org/walformat.html).
 * Only the short sync of the WAL header when the next commit starts the WAL over stays on the main
 * thread; checkpointing at 4,000 pages instead of 1,000 makes that four times rarer (the copying
 * costs the main thread nothing now).
 *
 * The main connection keeps a safety net: it checkpoints by itself past SAFETY_NET_PAGES (the worker
 * fell behind), and at the usual 1,000 pages if the worker cannot run at all.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** The worker checkpoints once the WAL holds this many pages (16 MB at 4 KiB pages). */
export const WORKER_CHECKPOINT_PAGES = 4000;
/** SQLite's own default, for the main connection when the worker cannot run. */
export const DEFAULT_CHECKPOINT_PAGES = 1000;
/** The main connection checkpoints by itself past this (the worker fell behind or stopped). */
export const SAFETY_NET_PAGES = 10_000;
const POLL_MS = 100;
const STOP = 0;
const CLOSED = 1;
/** How long close() waits for a checkpoint under way to finish. */
const STOP_WAIT_MS = 10_000;

// CommonJS, run with `eval`: a file of its own would have to be found next to every bundle.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { closeSync, openSync, readSync } = require('node:fs');
const control = new Int32Array(workerData.control);
let db;
let shm;
try {
  const Database = require(workerData.modulePath);
  db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
  // NORMAL: the checkpoint syncs the WAL before copying and the database file after.
  db.pragma('synchronous = NORMAL');
  const header = Buffer.alloc(20);
  // Woken early only by close(); otherwise a look at the WAL's size every POLL_MS.
  while (Atomics.wait(control, ${STOP}, 0, workerData.pollMs) === 'timed-out') {
    try {
      shm ??= openSync(workerData.file + '-shm', 'r');
      readSync(shm, header, 0, 20, 0);
      const frames = workerData.littleEndian ? header.readUInt32LE(16) : header.readUInt32BE(16);
      if (frames >= workerData.pages) db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The -shm file is between lives, or the database is busy: look again next time.
    }
  }
} finally {
  try { if (shm !== undefined) closeSync(shm); } catch {}
  try { db?.close(); } catch {}
  Atomics.store(control, ${CLOSED}, 1);
  Atomics.notify(control, ${CLOSED});
}
`;

export interface WalCheckpointerOptions {
  readonly sqlite: BetterSqlite3.Database;
  readonly file: string;
  readonly nativeBinding?: string | undefined;
  /** The better-sqlite3 entry the worker loads (tests pass a wrong one). */
  readonly modulePath?: string;
}

export class WalCheckpointer {
  readonly #options: WalCheckpointerOptions;
  #control: Int32Array | undefined;
  #worker: Worker | undefined;
  #failed = false;

  constructor(options: WalCheckpointerOptions) {
    this.#options = options;
    options.sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  }

  /** Whether the worker runs (started and not failed). */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /**
   * Starts the worker once the WAL is half-way to a checkpoint: a short CLI command or a test never
   * needs one (its close checkpoints), a listener taking alerts does. Cheap to call often.
   */
  startWhenNeeded(): void {
    if (this.#worker || this.#failed) return;
    let size = 0;
    try {
      size = statSync(`${this.#options.file}-wal`).size;
    } catch {
      return;
    }
    const pageSize = this.#options.sqlite.pragma('page_size', { simple: true }) as number;
    if (size >= (WORKER_CHECKPOINT_PAGES / 2) * pageSize) this.start();
  }

  /** Starts the worker if it is not running yet (and has not failed). */
  start(): void {
    if (this.#worker || this.#failed) return;
    const control = new Int32Array(new SharedArrayBuffer(8));
    let worker: Worker;
    try {
      // Loaded here, not at import: worker_threads costs every start ~2 ms and only a busy WAL needs it (issue 22).
      const { Worker: WorkerThread } = process.getBuiltinModule('node:worker_threads');
      worker = new WorkerThread(WORKER_SOURCE, {
        eval: true,
        workerData: {
          control: control.buffer,
          file: this.#options.file,
          nativeBinding: this.#options.nativeBinding,
          modulePath: this.#options.modulePath ?? createRequire(import.meta.url).resolve('better-sqlite3'),
          pages: WORKER_CHECKPOINT_PAGES,
          pollMs: POLL_MS,
          littleEndian: new Uint8Array(new Uint16Array([1]).buffer)[0] === 1,
        },
      });
    } catch {
      this.#fallBack();
      return;
    }
    worker.unref();
    worker.on('error', () => this.#fallBack());
    this.#worker = worker;
    this.#control = control;
  }

  /**
   * Stops the worker and waits until it has closed its connection (a checkpoint under way finishes
   * first), so the main connection's close is the last one: it checkpoints and removes the WAL.
   */
  stop(): void {
    const control = this.#control;
    this.#worker = undefined;
    this.#control = undefined;
    if (!control) return;
    Atomics.store(control, STOP, 1);
    Atomics.notify(control, STOP);
    Atomics.wait(control, CLOSED, 0, STOP_WAIT_MS);
  }

  /** The worker could not run: the main connection checkpoints by itself, as SQLite does by default. */
  #fallBack(): void {
    this.#failed = true;
    this.#worker = undefined;
    this.#control = undefined;
    try {
      if (this.#options.sqlite.open) this.#options.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
    } catch {
      // Closing: nothing to checkpoint any more.
    }
  }
}
