/**
 * What `keywarden run` does, whichever way it was started (the full command line or the direct path,
 * run-directly.ts): every reference is resolved first, in one release, and nothing runs if any
 * fails; the program gets the key fields in its environment only (never its arguments, never a
 * file); its output passes through a filter that conceals the released values; its exit code is ours.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KeywardenError } from '../api/errors';
import type { CliSession } from './cli-session';
import type { CommandResult, RunnerEnvironment } from './command-runner';
import { parseEnvOption, parseEnvTemplate, type EnvEntry } from './key-references';
import { runConcealed } from './program-runner';

/** A `keywarden run` as typed: the program and its arguments, the `--env` values and the `--env-file` templates, in order. */
export interface RunRequest {
  readonly command: readonly string[];
  readonly env: readonly string[];
  readonly envFile: readonly string[];
}

/** Variables of Keywarden itself that the program must not inherit. */
const KEYWARDEN_SECRETS = ['KEYWARDEN_PASSPHRASE', 'KEYWARDEN_NEW_PASSPHRASE', 'KEYWARDEN_BACKUP_PASSPHRASE'] as const;

export async function runProgram(session: CliSession, request: RunRequest, environment: Pick<RunnerEnvironment, 'env' | 'stderr' | 'setExitCode'>): Promise<CommandResult> {
  const entries = [...request.envFile.flatMap(readTemplate), ...request.env.map(parseEnvOption)];
  const references = entries.flatMap((entry) => ('reference' in entry ? [entry.reference] : []));
  const childEnv: NodeJS.ProcessEnv = { ...environment.env };
  for (const name of KEYWARDEN_SECRETS) delete childEnv[name];
  let released: string[] = [];
  if (references.length > 0) {
    await session.unlock();
    // The desktop app may ask a person first: say so, on stderr, so the program's own output stays clean.
    const answer = await session.call('credentials.release', { references, command: [...request.command], cwd: process.cwd() }, (notice) => environment.stderr(`keywarden: ${notice.message}`));
    released = answer.released.map((item) => item.secret);
  }
  let next = 0;
  // The release answers in the order of the references, which is the order of the entries.
  for (const entry of entries) childEnv[entry.name] = 'reference' in entry ? released[next++]! : entry.value;
  // The vault is not needed while the program runs: this process holds no key from here on.
  session.close();
  const outcome = await runConcealed(request.command, childEnv, released);
  if (outcome.kind === 'not-started') {
    environment.stderr(`keywarden: ${outcome.error.message} [${outcome.error.code}]`);
    environment.setExitCode(outcome.error.code === 'COMMAND_NOT_FOUND' ? 127 : 126);
  } else {
    environment.setExitCode(outcome.exitCode);
  }
  return { json: null, text: '', quiet: true };
}

function readTemplate(file: string): EnvEntry[] {
  let text: string;
  try {
    text = readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new KeywardenError('FILE_UNREADABLE', `The env file ${file} could not be read.`);
  }
  return parseEnvTemplate(text, file);
}
