/** Starts the bundled `keywarden agent` as a user would, and stops it, and talks to it raw: for the agent's CLI tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AGENT_HELLO, agentTokenPath, newNonce, proofOf } from '../api/agent-socket/agent-token';
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

/**
 * A raw connection to the agent of `home` that has done the handshake as the CLI does (agent-token.ts),
 * for tests that send the agent lines the CLI never would.
 */
export interface ProvenConnection {
  write(text: string): void;
  /** The next line the agent sends. */
  nextLine(): Promise<string>;
  /** Everything not yet read, once the agent has closed the connection. */
  closed(): Promise<string>;
  close(): void;
}

export async function provenConnection(home: string): Promise<ProvenConnection> {
  const token = Buffer.from(readFileSync(agentTokenPath(home), 'utf8'), 'hex');
  const socket = net.createConnection(path.join(home, 'agent.sock'));
  socket.setEncoding('utf8');
  socket.on('error', () => undefined);
  let buffered = '';
  const waiting: (() => void)[] = [];
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    waiting.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const nextLine = async (): Promise<string> => {
    while (!buffered.includes('\n')) await new Promise<void>((wake) => waiting.push(wake));
    const newline = buffered.indexOf('\n');
    const line = buffered.slice(0, newline);
    buffered = buffered.slice(newline + 1);
    return line;
  };
  const clientNonce = newNonce();
  socket.write(`${JSON.stringify({ hello: AGENT_HELLO, nonce: clientNonce })}\n`);
  const { nonce } = JSON.parse(await nextLine()) as { nonce: string };
  socket.write(`${JSON.stringify({ proof: proofOf(token, 'client', clientNonce, nonce) })}\n`);
  return {
    write: (text) => socket.write(text),
    nextLine,
    closed: async () => {
      await closed;
      return buffered;
    },
    close: () => socket.destroy(),
  };
}
