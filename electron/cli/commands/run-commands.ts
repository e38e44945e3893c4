/**
 * `keywarden run [--env NAME=keywarden://<key>/<field>]… [--env-file <template>]… -- <command> [args…]`
 * on the full command line; what it does is run-program.ts. The plain form also has a direct path
 * that skips commander (run-directly.ts), so a bot starts sooner.
 */
import type { Command } from 'commander';
import type { Run, RunnerEnvironment } from '../command-runner';
import { runProgram } from '../run-program';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerRunCommands(program: Command, run: Run, environment: Pick<RunnerEnvironment, 'env' | 'stderr' | 'setExitCode'>): void {
  program
    .command('run')
    .description('run a program with key fields in its environment, e.g. keywarden run --env BINANCE_KEY="keywarden://Binance main/apiKey" -- python bot.py; its output is shown with the fields concealed')
    .option('--env <NAME=value>', 'set a variable; a value keywarden://<key>/<field> is a key\'s field (repeatable)', collect, [])
    .option('--env-file <file>', 'a template of NAME=value lines, # comments; keywarden:// values are key fields (repeatable)', collect, [])
    .argument('<command...>', 'the program and its arguments, after --')
    .action(run((session, command: string[], options: { env: string[]; envFile: string[] }) => runProgram(session, { command, env: options.env, envFile: options.envFile }, environment)));
}
