/**
 * Where the agent listens, and the permission rules that make the socket private. Node cannot read a
 * Unix peer's uid (SO_PEERCRED) without a native addon, so privacy rests on the filesystem: the data
 * folder is owner-only (0700) and the socket 0600, and the kernel checks write permission on the
 * socket file at connect. The agent refuses to start when either is looser.
 */
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KeywardenError } from '../errors';

/** Unix sockets' paths are limited to about 107 bytes (sun_path). */
const MAX_UNIX_SOCKET_PATH = 100;

/**
 * The socket in the data folder; on Windows a named pipe per user and data folder (pipes have no
 * folder to hide in; the pipe's default ACL admits only its creator and administrators).
 */
export function agentSocketPath(dataFolder: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const owner = createHash('sha256').update(`${os.userInfo().username}\0${path.resolve(dataFolder)}`).digest('hex').slice(0, 24);
    return `\\\\.\\pipe\\keywarden-${owner}`;
  }
  return path.join(dataFolder, 'agent.sock');
}

/** The data folder must exist, be ours and let no one else in, before a socket is made in it. */
export function assertPrivateFolder(dataFolder: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  const stats = statOrUndefined(dataFolder);
  if (!stats?.isDirectory()) throw new KeywardenError('VAULT_NOT_INITIALIZED', `There is no vault in ${dataFolder} yet. Create one with: keywarden init`);
  if (stats.uid !== process.getuid?.()) throw new KeywardenError('AGENT_NOT_SAFE', `The data folder ${dataFolder} belongs to another user; the agent runs only in a folder you own.`);
  if ((stats.mode & 0o077) !== 0) {
    throw new KeywardenError('AGENT_NOT_SAFE', `The data folder ${dataFolder} is open to other users (mode ${octal(stats.mode)}); the agent needs it owner-only. Run: chmod 700 "${dataFolder}"`);
  }
  const socketPath = agentSocketPath(dataFolder, platform);
  if (Buffer.byteLength(socketPath) > MAX_UNIX_SOCKET_PATH) {
    throw new KeywardenError('AGENT_NOT_SAFE', `The data folder's path is too long for the agent's socket (${socketPath}); use a shorter KEYWARDEN_HOME.`);
  }
}

/** Both checks a starting agent makes, run before the vault is opened (opening it tightens the folder's modes). */
export function assertAgentCanStart(dataFolder: string, platform: NodeJS.Platform = process.platform): void {
  assertPrivateFolder(dataFolder, platform);
  if (platform !== 'win32') assertReplaceableSocket(agentSocketPath(dataFolder, platform));
}

/**
 * Something at the socket path that is not a socket of ours is refused, never removed: it may be a
 * file someone put there, or a trap. A socket of ours that no longer answers is the caller's to replace.
 */
export function assertReplaceableSocket(socketPath: string): void {
  const stats = statOrUndefined(socketPath);
  if (!stats) return;
  if (!stats.isSocket() || stats.uid !== process.getuid?.()) {
    throw new KeywardenError('AGENT_NOT_SAFE', `${socketPath} exists and is not this user's agent socket (mode ${octal(stats.mode)}). Remove it if you know what it is, then start the agent again.`);
  }
}

/** Makes the new socket owner-only and checks that it took: a socket others could open is refused. */
export function makeSocketPrivate(socketPath: string): void {
  chmodSync(socketPath, 0o600);
  const stats = lstatSync(socketPath);
  if (!stats.isSocket() || (stats.mode & 0o777) !== 0o600 || stats.uid !== process.getuid?.()) {
    throw new KeywardenError('AGENT_NOT_SAFE', `The agent's socket ${socketPath} could not be made owner-only (mode ${octal(stats.mode)}); the agent did not start.`);
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}
