/** Runs the bundled `keywarden` CLI as a user would: a child process, env, stdin, exit code. */
import { spawn } from 'node:child_process';
import { TEST_PASSPHRASE, cliBundle } from './test-core';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `printed` collects every stdout/stderr, so a test can prove no secret was ever printed. */
export function keywardenCli(home: string, args: readonly string[], options: { stdin?: string; env?: Record<string, string | undefined> } = {}, printed?: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, KEYWARDEN_HOME: home, KEYWARDEN_PASSPHRASE: TEST_PASSPHRASE, ...options.env };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
    const child = spawn(process.execPath, [cliBundle, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      printed?.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
