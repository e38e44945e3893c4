/**
 * `keywarden unlock --for`: starts `keywarden agent` as a detached background process. The passphrase
 * goes to it through a pipe (its standard input), never its arguments, environment or a file; this
 * process waits until the agent's socket answers, then leaves it running.
 */
import { spawn } from 'node:child_process';
import { KeywardenError } from '../../api/errors';
import { AgentClient } from '../../api/agent-socket/agent-client';
import type { AgentInfo } from '../../api/agent-socket/protocol';
import { CommandFailure } from '../cli-session';

/** Unlocking (scrypt) and starting take about a second; a slow disk gets ample room. */
const START_TIMEOUT_MS = 30_000;
const POLL_MS = 50;

export async function startBackgroundAgent(home: string, passphrase: string, duration: string, env: NodeJS.ProcessEnv): Promise<AgentInfo> {
  // The script this process runs (bin.js or the bundle), so the agent is the same build.
  const script = process.argv[1];
  if (!script) throw new KeywardenError('INTERNAL', 'Could not tell where the keywarden CLI is installed.');
  const childEnv: NodeJS.ProcessEnv = { ...env, KEYWARDEN_HOME: home };
  delete childEnv['KEYWARDEN_PASSPHRASE'];
  delete childEnv['KEYWARDEN_NEW_PASSPHRASE'];
  const child = spawn(process.execPath, [script, 'agent', '--for', duration, '--passphrase-stdin'], {
    detached: true,
    env: childEnv,
    // Its startup error comes back on stderr; after that it prints nothing this process waits for.
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${passphrase}\n`);

  const deadline = Date.now() + START_TIMEOUT_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone && Date.now() < deadline) {
    const info = await answeringAgent(home, child.pid);
    if (info) {
      child.stderr.destroy();
      child.unref();
      return info;
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, POLL_MS))]);
  }
  if (!gone) child.kill('SIGTERM');
  throw failureFrom(stderr);
}

/** The agent started by this command, once its socket answers. */
async function answeringAgent(home: string, pid: number | undefined): Promise<AgentInfo | undefined> {
  const client = await AgentClient.connect(home).catch(() => undefined);
  if (!client) return undefined;
  try {
    const info = await client.info();
    if (info.pid !== pid) throw new KeywardenError('AGENT_ALREADY_RUNNING', `An agent is already running for this data folder (pid ${info.pid}).`);
    return info;
  } finally {
    client.close();
  }
}

/** The agent's own error line (`keywarden: <message> [<CODE>]`), passed on as this command's error. */
function failureFrom(stderr: string): CommandFailure {
  const line = stderr.trim().split('\n').pop() ?? '';
  const match = /^keywarden: (.*) \[([A-Z_]+)\]$/.exec(line);
  if (match?.[1] && match[2]) return new CommandFailure({ code: match[2] as CommandFailure['error']['code'], message: match[1] });
  return new CommandFailure({ code: 'INTERNAL', message: 'The agent did not start; run keywarden agent in the foreground to see why.' });
}
