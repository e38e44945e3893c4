/**
 * The plain form of `keywarden run`, read without commander so a bot starts sooner (run-directly.ts):
 * `run`, then only `--env[=]<value>` and `--env-file[=]<file>`, then `--` and the program. Anything
 * else (help, --json, options before `run`, a missing `--`) returns undefined and goes to the full
 * command line, which reads the same form to the same request (run-arguments.test.ts compares them).
 */
import type { RunRequest } from './run-program';

const OPTIONS = { '--env': 'env', '--env-file': 'envFile' } as const;

export function readRunArguments(args: readonly string[]): RunRequest | undefined {
  if (args[0] !== 'run') return undefined;
  const values: { env: string[]; envFile: string[] } = { env: [], envFile: [] };
  let index = 1;
  while (index < args.length && args[index] !== '--') {
    const argument = args[index]!;
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(0, equals) : argument;
    if (!Object.hasOwn(OPTIONS, name)) return undefined;
    const value = equals > 0 ? argument.slice(equals + 1) : args[index + 1];
    // A value that looks like an option (or is missing) is commander's to judge.
    if (value === undefined || (equals < 0 && value.startsWith('-'))) return undefined;
    values[OPTIONS[name as keyof typeof OPTIONS]].push(value);
    index += equals > 0 ? 1 : 2;
  }
  const command = args.slice(index + 1);
  if (args[index] !== '--' || command.length === 0) return undefined;
  return { command, env: values.env, envFile: values.envFile };
}
