/**
 * Reading and writing the files a user names for backups and imports. Paths are resolved to absolute
 * ones, folders and special files are refused, and a file is written atomically (temporary file,
 * fsync, rename) so a crash or a full disk never leaves half a backup under the real name. Messages
 * name the path, never the file's contents.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { KeywardenError } from '../errors';

/** An absolute path (relative ones are taken from the current folder). */
export function resolveUserFile(file: string): string {
  return path.resolve(file.trim());
}

/** The bytes of a regular file, refusing folders, devices and anything larger than `maxBytes`. */
export function readUserFile(file: string, maxBytes: number, tooLarge: () => KeywardenError): Buffer {
  const stats = statOrUndefined(file, 'read');
  if (!stats) throw new KeywardenError('FILE_UNREADABLE', `There is no file at ${file}.`, { file });
  if (stats.isDirectory()) throw new KeywardenError('FILE_UNREADABLE', `${file} is a folder. Name the file inside it.`, { file });
  if (!stats.isFile()) throw new KeywardenError('FILE_UNREADABLE', `${file} is not a regular file.`, { file });
  if (stats.size > maxBytes) throw tooLarge();
  try {
    return readFileSync(file);
  } catch (error) {
    throw fileError(error, file, 'read');
  }
}

/** Fails early (before any slow work) when `file` cannot be a new file: a folder, or taken without `overwrite`. */
export function assertWritableTarget(file: string, overwrite: boolean, exists: () => KeywardenError): void {
  const stats = statOrUndefined(file, 'write');
  if (stats?.isDirectory()) throw new KeywardenError('FILE_UNWRITABLE', `${file} is a folder. Give a file name inside it.`, { file });
  if (stats && !stats.isFile()) throw new KeywardenError('FILE_UNWRITABLE', `${file} is not a regular file.`, { file });
  if (stats && !overwrite) throw exists();
  const folder = path.dirname(file);
  if (!statOrUndefined(folder, 'write')?.isDirectory()) throw new KeywardenError('FILE_UNWRITABLE', `The folder ${folder} does not exist.`, { file });
}

/**
 * Writes `bytes` to `file`, owner-only (0600), atomically: readers see the old file or the whole
 * new one. Without `overwrite` an existing file is never replaced, even one created meanwhile.
 */
export function writeFileAtomically(file: string, bytes: Buffer, overwrite: boolean, exists: () => KeywardenError): void {
  assertWritableTarget(file, overwrite, exists);
  const folder = path.dirname(file);
  const temporary = path.join(folder, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    created = true;
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (process.platform !== 'win32') chmodSync(temporary, 0o600);
    if (overwrite) renameSync(temporary, file);
    else placeWithoutReplacing(temporary, file, exists);
    created = false;
    syncFolder(folder);
  } catch (error) {
    if (error instanceof KeywardenError) throw error;
    throw fileError(error, file, 'write');
  } finally {
    if (created) {
      try {
        unlinkSync(temporary);
      } catch {
        // Already gone.
      }
    }
  }
}

/** A hard link fails if the name is taken, closing the gap between "does it exist?" and the rename. */
function placeWithoutReplacing(temporary: string, file: string, exists: () => KeywardenError): void {
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
    // Some file systems (FAT and exFAT USB sticks, some network shares) have no hard links.
    if (existsSync(file)) throw exists();
    renameSync(temporary, file);
    return;
  }
  unlinkSync(temporary);
}

/** Makes the rename itself durable. Not possible on Windows, where folders cannot be opened. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: the file itself is already on disk.
  }
}

function statOrUndefined(file: string, verb: 'read' | 'write') {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    throw fileError(error, file, verb);
  }
}

function fileError(error: unknown, file: string, verb: 'read' | 'write'): KeywardenError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const errorCode = verb === 'read' ? 'FILE_UNREADABLE' : 'FILE_UNWRITABLE';
  if (code === 'EACCES' || code === 'EPERM') return new KeywardenError(errorCode, `Keywarden has no permission to ${verb} ${file}.`, { file });
  if (code === 'ENOSPC') return new KeywardenError(errorCode, `The disk is full: ${file} could not be written. Nothing was written.`, { file });
  if (code === 'ENOENT' || code === 'ENOTDIR') return new KeywardenError(errorCode, verb === 'read' ? `There is no file at ${file}.` : `The folder of ${file} does not exist.`, { file });
  return new KeywardenError(errorCode, `${file} could not be ${verb === 'read' ? 'read' : 'written'} (${code || 'unknown reason'}).`, { file });
}
