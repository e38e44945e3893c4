/**
 * Wraps every CLI command: one session per invocation, `--json` handling, and errors printed as one
 * plain line (or one JSON object) with a non-zero exit code. Never a stack trace.
 */
import type { Command } from 'commander';
import { toSerializedError, type SerializedError } from '../api/errors';
import { CliSession, CommandFailure } from './cli-session';

/** Exit code when an exchange or AI provider could not be reached: nothing changed, and trying again later may work. */
const EXIT_UNREACHABLE = 6;
const UNREACHABLE_CODES: readonly string[] = ['EXCHANGE_UNREACHABLE', 'SERVICE_UNREACHABLE'];

export interface CommandResult {
  /** What --json prints. */
  readonly json: unknown;
  /** What a person sees. */
  readonly text: string;
  /** The command wrote its own output (`keywarden run` passes a program's through): print nothing more. */
  readonly quiet?: boolean;
}

export interface RunnerEnvironment {
  readonly home: string;
  readonly migrationsFolder: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether standard output is a terminal a person looks at (a secret is printed there only when asked to). */
  readonly stdoutIsTerminal?: () => boolean;
  setExitCode(code: number): void;
}

export type CommandBody = (session: CliSession, ...args: never[]) => Promise<CommandResult>;

/** Turns a command body into a commander action. The body gets the session, positional args and options. */
export function makeRunner(environment: RunnerEnvironment) {
  return function run<A extends unknown[]>(body: (session: CliSession, ...args: A) => Promise<CommandResult>) {
    return async (...commanderArgs: unknown[]): Promise<void> => {
      const command = commanderArgs[commanderArgs.length - 1] as Command;
      const json = Boolean((command.optsWithGlobals() as { json?: boolean }).json);
      await executeCommand(environment, json, (session) => body(session, ...(commanderArgs.slice(0, -1) as A)));
    };
  };
}

/** Runs one command body in its own session and prints its result, or its failure as one line (or one JSON object) with a non-zero exit code. */
export async function executeCommand(environment: RunnerEnvironment, json: boolean, body: (session: CliSession) => Promise<CommandResult>): Promise<void> {
  const session = new CliSession({ home: environment.home, migrationsFolder: environment.migrationsFolder, env: environment.env });
  try {
    const result = await body(session);
    if (!result.quiet) environment.stdout(json ? JSON.stringify(result.json, null, 2) : result.text);
  } catch (error) {
    const failure: SerializedError = error instanceof CommandFailure ? error.error : toSerializedError(error);
    if (json) environment.stdout(JSON.stringify({ error: failure }, null, 2));
    else environment.stderr(`keywarden: ${failure.message} [${failure.code}]`);
    environment.setExitCode(UNREACHABLE_CODES.includes(failure.code) ? EXIT_UNREACHABLE : 1);
  } finally {
    session.close();
  }
}

export type Run = ReturnType<typeof makeRunner>;
