/**
 * `serve --passphrase-file <path>`: the passphrase for an unattended listener, read from a file
 * only its owner can read. An environment variable stays visible in /proc/<pid>/environ for the
 * life of the process (Linux keeps the initial environment there, whatever the process deletes
 * later); a 0600 file is readable by the owner only and is not copied into the process table.
 */
import { readFileSync, statSync } from 'node:fs';
import { KeywardenError } from '../api/errors';

/** Reads the passphrase; refuses a file others can read or write, or one owned by someone else. */
export function readPassphraseFile(file: string): string {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(file);
  } catch {
    throw new KeywardenError('INVALID_INPUT', `Cannot read the passphrase file ${file}: it does not exist or is not accessible.`);
  }
  if (!stats.isFile()) throw new KeywardenError('INVALID_INPUT', `The passphrase file ${file} is not a regular file.`);
  if (process.platform !== 'win32') {
    const mode = (stats.mode & 0o777).toString(8).padStart(3, '0');
    if ((stats.mode & 0o077) !== 0) {
      throw new KeywardenError('INVALID_INPUT', `The passphrase file ${file} can be read or changed by other users (mode ${mode}). Make it owner-only first: chmod 600 ${file}`);
    }
    if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) {
      throw new KeywardenError('INVALID_INPUT', `The passphrase file ${file} belongs to another user. Use a file you own, with mode 600.`);
    }
  }
  // One trailing line break is what `echo` and editors add; it is not part of the passphrase.
  const passphrase = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (passphrase === '') throw new KeywardenError('INVALID_INPUT', `The passphrase file ${file} is empty.`);
  return passphrase;
}
