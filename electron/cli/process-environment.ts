/**
 * The CLI's surroundings in a real process: the data folder, the migrations shipped beside the
 * bundle, this process's environment and output streams. Shared by the full command line (main.ts)
 * and the direct path of `keywarden run` (run-directly.ts), so both behave the same.
 */
import path from 'node:path';
import { defaultDataFolder } from '../api/data-folder';
import type { RunnerEnvironment } from './command-runner';

/** `bundleDir` is out/cli, where the entry bundle lives; migrations ship in drizzle/ at the package root. */
export function processEnvironment(bundleDir: string): RunnerEnvironment {
  return {
    home: defaultDataFolder(),
    migrationsFolder: path.resolve(bundleDir, '..', '..', 'drizzle'),
    env: process.env,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    stdoutIsTerminal: () => Boolean(process.stdout.isTTY),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}

/** `keywarden list | head`: the reader went away; that is not an error worth a stack trace. */
export function exitQuietlyOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
