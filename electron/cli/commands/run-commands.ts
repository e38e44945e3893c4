/**
 * `keywarden run [--env NAME=keywarden://<key>/<field>]… [--env-file <template>]… -- <command> [args…]`:
 * starts a program with key fields in its environment only (never its arguments, never a file).
 * Every reference is resolved first, in one release, and nothing runs if any fails. The program's
 * output passes through a filter that conceals the released values; its exit code is ours.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { KeywardenError } from '../../api/errors';
import type { Run, RunnerEnvironment } from '../command-runner';
import { parseEnvOption, parseEnvTemplate, type EnvEntry } from '../key-references';
import { runConcealed } from '../program-runner';

/** Variables of Keywarden itself that the program must not inherit. */
const KEYWARDEN_SECRETS = ['KEYWARDEN_PASSPHRASE', 'KEYWARDEN_NEW_PASSPHRASE', 'KEYWARDEN_BACKUP_PASSPHRASE'] as const;

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerRunCommands(program: Command, run: Run, environment: Pick<RunnerEnvironment, 'env' | 'stderr' | 'setExitCode'>): void {
  program
    .command('run')
    .description('run a program with key fields in its environment, e.g. keywarden run --env BINANCE_KEY="keywarden://Binance main/apiKey" -- python bot.py; its output is shown with the fields concealed')
    .option('--env <NAME=value>', 'set a variable; a value keywarden://<key>/<field> is a key\'s field (repeatable)', collect, [])
    .option('--env-file <file>', 'a template of NAME=value lines, # comments; keywarden:// values are key fields (repeatable)', collect, [])
    .argument('<command...>', 'the program and its arguments, after --')
    .action(run(async (session, command: string[], options: { env: string[]; envFile: string[] }) => {
      const entries = [...options.envFile.flatMap(readTemplate), ...options.env.map(parseEnvOption)];
      const references = entries.flatMap((entry) => ('reference' in entry ? [entry.reference] : []));
      const childEnv: NodeJS.ProcessEnv = { ...environment.env };
      for (const name of KEYWARDEN_SECRETS) delete childEnv[name];
      let released: string[] = [];
      if (references.length > 0) {
        await session.unlock();
        const answer = await session.call('credentials.release', { references, command, cwd: process.cwd() });
        released = answer.released.map((item) => item.secret);
      }
      let next = 0;
      // The release answers in the order of the references, which is the order of the entries.
      for (const entry of entries) childEnv[entry.name] = 'reference' in entry ? released[next++]! : entry.value;
      // The vault is not needed while the program runs: this process holds no key from here on.
      session.close();
      const outcome = await runConcealed(command, childEnv, released);
      if (outcome.kind === 'not-started') {
        environment.stderr(`keywarden: ${outcome.error.message} [${outcome.error.code}]`);
        environment.setExitCode(outcome.error.code === 'COMMAND_NOT_FOUND' ? 127 : 126);
      } else {
        environment.setExitCode(outcome.exitCode);
      }
      return { json: null, text: '', quiet: true };
    }));
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
