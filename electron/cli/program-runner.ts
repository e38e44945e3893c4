/**
 * Starts the program of `keywarden run` and stays its parent until it ends: standard input passed
 * straight through, standard output and error through the concealing filter, SIGINT, SIGTERM and
 * SIGHUP forwarded, and its exit status turned into an exit code as shells do (128 + the signal's
 * number when a signal ended it; 127 not found, 126 not executable).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { KeywardenError } from '../api/errors';
import { concealingStream } from './secret-concealer';

export type ProgramOutcome =
  | { readonly kind: 'exited'; readonly exitCode: number }
  | { readonly kind: 'not-started'; readonly error: KeywardenError };

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function runConcealed(command: readonly string[], env: NodeJS.ProcessEnv, released: readonly string[]): Promise<ProgramOutcome> {
  const [program, ...args] = command as [string, ...string[]];
  return new Promise((resolve) => {
    const child = spawn(program, args, { env, stdio: ['inherit', 'pipe', 'pipe'] });
    const forward = (signal: NodeJS.Signals) => {
      child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const stopForwarding = () => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    const outputs = [child.stdout.pipe(concealingStream(released)), child.stderr.pipe(concealingStream(released))];
    outputs[0]!.pipe(process.stdout, { end: false });
    outputs[1]!.pipe(process.stderr, { end: false });
    // Done when the program has ended and the filters have written the last of its output.
    const drained = Promise.all(outputs.map((output) => new Promise((ended) => output.once('end', ended))));
    child.on('error', (error: NodeJS.ErrnoException) => {
      stopForwarding();
      resolve({ kind: 'not-started', error: notStarted(program, error) });
    });
    child.on('close', (code, signal) => {
      stopForwarding();
      const exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
      void drained.then(() => resolve({ kind: 'exited', exitCode }));
    });
  });
}

function notStarted(program: string, error: NodeJS.ErrnoException): KeywardenError {
  if (error.code === 'ENOENT') return new KeywardenError('COMMAND_NOT_FOUND', `The command "${program.slice(0, 200)}" was not found. Check its name, or give its full path.`);
  return new KeywardenError('COMMAND_NOT_EXECUTABLE', `The command "${program.slice(0, 200)}" could not be started (${error.code ?? 'error'}): is it executable?`);
}
