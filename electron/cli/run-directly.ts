/**
 * The direct path of `keywarden run`: the plain form (run-arguments.ts) runs without loading
 * commander and the other commands, because a bot's start-up is paid on every start. Same session,
 * same body (run-program.ts), same output and exit codes as the full command line.
 */
import { executeCommand } from './command-runner';
import { exitQuietlyOnClosedOutput, processEnvironment } from './process-environment';
import { runProgram, type RunRequest } from './run-program';

export async function runDirectly(request: RunRequest, bundleDir: string): Promise<void> {
  exitQuietlyOnClosedOutput();
  const environment = processEnvironment(bundleDir);
  await executeCommand(environment, false, (session) => runProgram(session, request, environment));
}
