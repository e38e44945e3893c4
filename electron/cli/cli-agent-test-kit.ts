/** Starts the bundled `keywarden agent` as a user would, and stops it: for the agent's CLI tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_PASSPHRASE, cliBundle } from '../testing/test-core';

export interface AgentProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed so far (stdout then stderr). */
  printed(): string;
  /** Resolves with its exit code when it exits. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/** `keywarden --json agent …`, resolved once it says it is listening (or rejected with what it printed). */
export function startAgentProcess(home: string, args: readonly string[] = [], env: Record<string, string | undefined> = {}): Promise<AgentProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, KEYWARDEN_HOME: home, KEYWARDEN_PASSPHRASE: TEST_PASSPHRASE, ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [cliBundle, '--json', 'agent', ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const agent: AgentProcess = {
    child,
    pid: child.pid ?? -1,
    printed: () => stdout + stderr,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the agent did not start: ${stdout}${stderr}`));
    }, 20_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('"event":"listening"')) {
        clearTimeout(timer);
        resolve(agent);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the agent exited (${code}): ${stdout}${stderr}`));
    });
  });
}
