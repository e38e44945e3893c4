/**
 * Opens (or creates) the Keywarden database: one SQLite file in the data folder, WAL mode,
 * migrated at start. A file that is not a readable Keywarden database is reported, never overwritten.
 */
import BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { KeywardenError } from '../errors';
import { DATABASE_FILE } from './database-file';
import { applyMigrations, type MigrationResult } from './migrations';
import { cacheStatements } from './statement-cache';
import { WalCheckpointer } from './wal-checkpointer';
import { WalSync } from './wal-sync';

export type Db = BetterSQLite3Database;

export interface OpenDatabaseOptions {
  /** The data folder (KEYWARDEN_HOME, or Electron's userData). */
  readonly home: string;
  /** Where drizzle-kit's SQL migrations are (the repo's or the packaged app's drizzle/ folder). */
  readonly migrationsFolder: string;
  /** Path of a better-sqlite3 binary built for this runtime (Electron and Node need different builds). */
  readonly nativeBinding?: string;
}

export interface OpenedDatabase {
  readonly db: Db;
  readonly sqlite: BetterSqlite3.Database;
  readonly file: string;
  readonly migration: MigrationResult;
  /** Paths that other users could read and were made owner-only at this start (createCore audits them). */
  readonly tightened: readonly string[];
  /**
   * Resolves once every commit made so far is on disk (survives a power cut): an fdatasync of the
   * WAL off the main thread, shared with concurrent callers. A commit survives the process being
   * killed without it; see wal-sync.ts for when Keywarden waits for this.
   */
  flushed(): Promise<void>;
  /**
   * SQLite's data_version: a number that moves whenever another connection (the CLI or the app beside
   * this process) commits, and never for this connection's own commits. What this process keeps from
   * the file (auth tokens, a client's proxy) is compared again once it moves.
   */
  dataVersion(): number;
  close(): void;
}

export { DATABASE_FILE };

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  mkdirSync(options.home, { recursive: true, mode: 0o700 });
  const tightened = tightenDataFolder(options.home);
  const file = path.join(options.home, DATABASE_FILE);
  refuseEmptyDatabase(file);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw openFailure(error, file);
  }
  try {
    // A new (empty) file gives deleted pages back (event-retention.ts); an existing one is converted at a quiet moment.
    if (sqlite.pragma('page_count', { simple: true }) === 0) sqlite.pragma('auto_vacuum = INCREMENTAL');
    // WAL: readers never block the writer and a killed process leaves the last commit intact.
    sqlite.pragma('journal_mode = WAL');
    // NORMAL: a commit survives the process being killed and never waits for the disk on the main
    // thread (a stalled fsync there froze every alert). Durability against a power cut is WalSync's.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // Deleted secrets are overwritten with zeros instead of lingering in free pages.
    sqlite.pragma('secure_delete = ON');
    // The CLI and the desktop app may use the same file at once.
    sqlite.pragma('busy_timeout = 5000');
    const migration = applyMigrations(sqlite, options.migrationsFolder);
    cacheStatements(sqlite);
    restrictToOwner(file);
    // No schema: it only serves drizzle's relational queries (db.query), which nothing uses, and
    // building their configuration cost every start ~2 ms (issue 22).
    const db: Db = drizzle(sqlite);
    const wal = new WalFile(`${file}-wal`);
    const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
    const dataVersion = sqlite.prepare('PRAGMA data_version');
    const checkpointer = new WalCheckpointer({ sqlite, file, nativeBinding: options.nativeBinding });
    const walSync = new WalSync({
      onTick: () => checkpointer.startWhenNeeded(),
      datasync: () => wal.sync(),
      committedChanges: () => totalChanges.get() as number,
    });
    walSync.startBackground();
    return {
      db,
      sqlite,
      file,
      migration,
      tightened,
      flushed: () => walSync.sync(),
      // pluck(true) each time: another caller preparing the same text shares this statement.
      dataVersion: () => dataVersion.pluck(true).get() as number,
      close: () => {
        walSync.stopBackground();
        checkpointer.stop();
        wal.close();
        // The last connection's close checkpoints the WAL into the database file and syncs both.
        sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw openFailure(error, file);
  }
}

/**
 * The WAL file, opened for syncing only. In WAL mode every commit is appended to it, so syncing it
 * puts every commit made so far on disk; Linux and macOS sync the file whichever descriptor asks,
 * and Windows needs one opened for writing (FlushFileBuffers), hence r+. SQLite keeps the file while
 * the connection is open (a checkpoint truncates it, never deletes it).
 */
class WalFile {
  #handle: Promise<FileHandle> | undefined;

  constructor(private readonly path: string) {}

  /** Every commit made before the call is on disk when it resolves. */
  async sync(): Promise<void> {
    // A failed open is not kept: the next sync tries again.
    // fs/promises is loaded at the first sync, not at every start (issue 22: ~1.5 ms).
    this.#handle ??= process.getBuiltinModule('node:fs/promises').open(this.path, 'r+').catch((error: unknown) => {
      this.#handle = undefined;
      throw error;
    });
    await (await this.#handle).datasync();
  }

  close(): void {
    void this.#handle?.then((handle) => handle.close()).catch(() => undefined);
    this.#handle = undefined;
  }
}

function openFailure(error: unknown, file: string): KeywardenError {
  if (error instanceof KeywardenError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    // The -wal and -shm files must move too: SQLite would replay a stale WAL into the new file.
    return new KeywardenError('DATABASE_CORRUPT', `The database file ${file} is damaged or is not a Keywarden database. It was left untouched. To restore your keys: move it aside with its -wal and -shm files (for example, rename all three to end in .damaged), run keywarden init, then keywarden backup import <your backup file>.`, { file });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new KeywardenError('DATABASE_UNAVAILABLE', 'The database is busy in another Keywarden process. Try again in a moment.', { file });
  }
  return new KeywardenError('DATABASE_UNAVAILABLE', `The database file ${file} could not be opened (${code || 'unknown reason'}). Check the folder's permissions and free disk space.`, { file });
}

/**
 * mkdir's mode applies only to a folder it creates: a folder made earlier by something else (or
 * copied in) may be readable by other users. Tightened at every start; what was loose is returned.
 */
function tightenDataFolder(home: string): string[] {
  if (process.platform === 'win32') return [];
  const loosened: string[] = [];
  if ((statSync(home).mode & 0o077) !== 0) {
    chmodSync(home, 0o700);
    loosened.push(home);
  }
  for (const entry of readdirSync(home, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const entryPath = path.join(home, entry.name);
    if ((statSync(entryPath).mode & 0o077) !== 0) {
      chmodSync(entryPath, 0o600);
      loosened.push(entryPath);
    }
  }
  return loosened;
}

/**
 * SQLite takes a zero-byte file as a new, empty database, which would read as "no vault yet" and
 * invite a fresh init over what was a vault. Only a write by Keywarden makes the file, and the
 * first one writes its header, so an empty file (with no WAL holding its pages) was truncated.
 */
function refuseEmptyDatabase(file: string): void {
  if (!existsSync(file) || statSync(file).size > 0) return;
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return;
  throw new KeywardenError('DATABASE_CORRUPT', `The database file ${file} is empty (0 bytes): it was damaged or cut short, so it is not taken as a new vault. It was left untouched. To restore your keys: move it aside with any -wal and -shm files (for example, rename them to end in .damaged), run keywarden init, then keywarden backup import <your backup file>.`, { file });
}

function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  for (const candidate of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(candidate)) chmodSync(candidate, 0o600);
  }
}
