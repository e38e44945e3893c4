/**
 * The agent: serves the contract over a private local socket, so one unlocked vault answers many CLI
 * invocations. A connection is served only after the client proved it can read this user's agent
 * token (agent-token.ts). Every contract request goes through `invokeChannel` as actor `cli`; the
 * channel specs decide what may be called and whether it counts as activity, exactly as for IPC.
 * Started by the hosts (`keywarden agent`, the desktop app), next to the runtime.
 */
import { unlinkSync } from 'node:fs';
import net from 'node:net';
import type { Core } from '../core-host';
import { KeywardenError, type ErrorCode } from '../errors';
import { invokeChannel } from '../handlers';
import type { ContractResult } from '../contract';
import type { CallNotice } from '../handler-types';
import { AgentClient } from './agent-client';
import { AGENT_HELLO, isNonce, newNonce, proofMatches, proofOf, removeAgentToken, writeAgentToken } from './agent-token';
import { AgentRequest, MAX_CONNECTIONS, MAX_LINE_BYTES, agentRequests, encodeLine, errorAnswer, readJson, type AgentAnswer, type AgentInfo } from './protocol';
import { agentSocketPath, assertPrivateFolder, assertReplaceableSocket, makeSocketPrivate } from './socket-path';

/** A connection with nothing in flight for this long is closed, so idle clients cannot hold every slot. */
const IDLE_CONNECTION_MS = 60_000;

export interface AgentServerOptions {
  readonly core: Core;
  readonly dataFolder: string;
  readonly host: AgentInfo['host'];
  /** When the agent's time runs out (`--for`); the host enforces it, this only reports it. */
  readonly until?: Date | undefined;
  /** Asked for by `keywarden agent stop`; the host stops the server and exits. */
  readonly onStopRequested: () => void;
  readonly platform?: NodeJS.Platform;
}

/** Answers one request; `notice` reaches the client before the answer, `signal` aborts when it has gone. */
type Answerer = (request: AgentRequest, notice: (notice: CallNotice) => void, signal: AbortSignal) => Promise<ContractResult<unknown>>;

export interface AgentServer {
  readonly socketPath: string;
  close(): Promise<void>;
}

export async function startAgentServer(options: AgentServerOptions): Promise<AgentServer> {
  const platform = options.platform ?? process.platform;
  assertPrivateFolder(options.dataFolder, platform);
  const socketPath = agentSocketPath(options.dataFolder, platform);
  await clearStaleSocket(options.dataFolder, socketPath, platform);
  const since = new Date().toISOString();
  const info = (): AgentInfo => ({
    pid: process.pid,
    dataFolder: options.dataFolder,
    since,
    until: options.until?.toISOString() ?? null,
    host: options.host,
    locked: !options.core.vault.isUnlocked(),
  });
  const connections = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    serveConnection(socket, token, answer);
  });
  server.maxConnections = MAX_CONNECTIONS;

  const answer: Answerer = async (request, notice, signal) => {
    if (request.channel === agentRequests.info) return { ok: true, value: info() };
    if (request.channel === agentRequests.stop) {
      setImmediate(options.onStopRequested);
      return { ok: true, value: info() };
    }
    return invokeChannel(options.core, request.channel, request.input, { actor: 'cli', notice, signal });
  };

  // Written before the socket exists, so a client that reaches the socket can always prove itself.
  const token = writeAgentToken(options.dataFolder);
  try {
    await listenPrivately(server, socketPath, platform);
  } catch (error) {
    removeAgentToken(options.dataFolder, token);
    throw error;
  }
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of connections) socket.destroy();
        if (platform !== 'win32') removeSocketFile(socketPath);
        removeAgentToken(options.dataFolder, token);
      }),
  };
}

/** A socket that answers belongs to a running agent: refused. One that does not is stale: removed. */
async function clearStaleSocket(dataFolder: string, socketPath: string, platform: NodeJS.Platform): Promise<void> {
  if (platform !== 'win32') assertReplaceableSocket(socketPath);
  const client = await AgentClient.connect(dataFolder, platform);
  if (client) {
    const pid = await client.info().then((running) => ` (pid ${running.pid})`, () => '');
    client.close();
    throw new KeywardenError('AGENT_ALREADY_RUNNING', `An agent is already running for this data folder${pid}. Stop it first: keywarden agent stop`);
  }
  if (platform !== 'win32') removeSocketFile(socketPath);
}

/** The socket is created under a 0077 umask (never world-openable, not even for a moment), then checked. */
async function listenPrivately(server: net.Server, socketPath: string, platform: NodeJS.Platform): Promise<void> {
  const previous = platform === 'win32' ? undefined : process.umask(0o077);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
  if (platform === 'win32') return;
  try {
    makeSocketPrivate(socketPath);
  } catch (error) {
    server.close();
    throw error;
  }
}

/**
 * Serves one connection: first the handshake (the client's hello, the agent's proof, the client's
 * proof), then request lines, answered in order. While a request waits (for a person to allow a
 * program a key), the agent may send notices for it. A line that is not what the stage expects, or
 * one over 1 MiB, is refused and the connection closed: a client that sends garbage gets no second try.
 */
function serveConnection(socket: net.Socket, token: Buffer, answer: Answerer): void {
  // A client that went away no longer waits for anything it asked.
  const gone = new AbortController();
  socket.on('close', () => gone.abort());
  let buffered = '';
  let closing = false;
  let inFlight = 0;
  let queue = Promise.resolve();
  let stage: 'hello' | 'proof' | 'ready' = 'hello';
  let clientNonce = '';
  let agentNonce = '';
  const write = (message: unknown) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
  };
  const send = (message: AgentAnswer) => {
    if (!socket.destroyed) socket.write(encodeLine(message));
  };
  const refuse = (id: number | null, message: string, code: ErrorCode = 'INVALID_INPUT') => {
    closing = true;
    send(errorAnswer(id, new KeywardenError(code, message)));
    socket.end();
  };
  const handshake = (message: { hello?: unknown; nonce?: unknown; proof?: unknown } | undefined) => {
    if (stage === 'hello') {
      if (message?.hello !== AGENT_HELLO || !isNonce(message.nonce)) return refuse(null, `This is the Keywarden agent: a connection starts with {"hello": "${AGENT_HELLO}", "nonce": …}.`);
      clientNonce = message.nonce;
      agentNonce = newNonce();
      write({ hello: AGENT_HELLO, nonce: agentNonce, proof: proofOf(token, 'agent', clientNonce, agentNonce) });
      stage = 'proof';
      return;
    }
    if (!proofMatches(proofOf(token, 'client', clientNonce, agentNonce), message?.proof)) {
      return refuse(null, 'The program that connected could not prove it runs as the user this agent belongs to; it was refused.', 'AGENT_CLIENT_REFUSED');
    }
    stage = 'ready';
  };
  const handleLine = (line: string) => {
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) return refuse(null, 'The request is larger than 1 MiB.');
    if (stage !== 'ready') return handshake(readJson(line) as Parameters<typeof handshake>[0]);
    const parsed = AgentRequest.safeParse(readJson(line));
    if (!parsed.success) return refuse(readableId(line), 'The request is not {"id": number, "channel": string, "input": …} on one line.');
    const { id } = parsed.data;
    inFlight += 1;
    queue = queue.then(async () => {
      send({ id, result: await answer(parsed.data, (notice) => write({ id, notice }), gone.signal) });
      inFlight -= 1;
    });
  };
  socket.setEncoding('utf8');
  socket.setTimeout(IDLE_CONNECTION_MS, () => {
    if (inFlight === 0) socket.destroy();
  });
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    if (closing) return;
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0 && !closing) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      handleLine(line);
      newline = buffered.indexOf('\n');
    }
    if (!closing && Buffer.byteLength(buffered) > MAX_LINE_BYTES) refuse(null, 'The request is larger than 1 MiB.');
  });
}

/** The id of a request that is otherwise wrong, so its sender can match the refusal. */
function readableId(line: string): number | null {
  const value = readJson(line) as { id?: unknown } | undefined;
  return typeof value?.id === 'number' && Number.isInteger(value.id) && value.id >= 0 ? value.id : null;
}

function removeSocketFile(socketPath: string): void {
  try {
    unlinkSync(socketPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
