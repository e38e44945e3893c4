/**
 * The direct path of `keywarden run` reads the plain form without commander; whatever it takes, it
 * must read exactly as the full command line does, and it must leave everything else to it.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Run } from './command-runner';
import { registerRunCommands } from './commands/run-commands';
import { readRunArguments } from './run-arguments';
import type { RunRequest } from './run-program';

/** What the full command line hands `keywarden run`'s body for `args`, or undefined when it refuses them. */
async function throughCommander(args: readonly string[]): Promise<RunRequest | undefined> {
  let request: RunRequest | undefined;
  const program = new Command('keywarden').option('--json').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  // The body is replaced by one that records its arguments: this compares reading, not running.
  const recording = ((body: (...args: never[]) => unknown) => async (...commanderArgs: unknown[]) => {
    void body;
    const [command, options] = commanderArgs as [string[], { env: string[]; envFile: string[] }];
    request = { command, env: options.env, envFile: options.envFile };
  }) as unknown as Run;
  registerRunCommands(program, recording, { env: {}, stderr: () => undefined, setExitCode: () => undefined });
  for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  try {
    await program.parseAsync(['node', 'keywarden', ...args]);
  } catch {
    return undefined;
  }
  return request;
}

const PLAIN_FORMS: readonly (readonly string[])[] = [
  ['run', '--', 'true'],
  ['run', '--env', 'K=keywarden://Binance main/secret', '--', 'python', 'bot.py'],
  ['run', '--env=K=keywarden://a/b', '--env', 'PLAIN=x=y', '--', 'node', 'bot.js', '--live', '--', 'x'],
  ['run', '--env-file', 'bot.env.tpl', '--env', 'A=1', '--env-file=other.tpl', '--', 'bot'],
  ['run', '--env', 'EMPTY=', '--', 'sh', '-c', 'echo $EMPTY'],
  ['run', '--env', '', '--', 'true'],
  ['run', '--', '--help'],
  ['run', '--', '-'],
];

const LEFT_TO_COMMANDER: readonly (readonly string[])[] = [
  ['run'],
  ['run', '--'],
  ['run', 'python', 'bot.py'],
  ['run', '--help'],
  ['run', '--json', '--', 'true'],
  ['--json', 'run', '--', 'true'],
  ['run', '--env', '--', 'true'],
  ['run', '--env', '-x', '--', 'true'],
  ['run', '--env'],
  ['run', '--envx', 'A=1', '--', 'true'],
  ['run', '--unknown', '--', 'true'],
  ['list'],
  [],
];

describe('the direct path of keywarden run', () => {
  it.each(PLAIN_FORMS)('reads %j exactly as the full command line does', async (...args) => {
    const direct = readRunArguments(args);
    expect(direct).toBeDefined();
    expect(direct).toEqual(await throughCommander(args));
  });

  it.each(LEFT_TO_COMMANDER)('leaves %j to the full command line', (...args) => {
    expect(readRunArguments(args)).toBeUndefined();
  });
});
