/**
 * A connection to a running agent: sends requests as lines and matches the answers by id. Used by the
 * CLI for every channel call while an agent answers, and by a starting agent to tell a live agent from
 * a stale socket file.
 */
import net from 'node:net';
import { KeywardenError } from '../errors';
import type { ContractResult } from '../contract';
import type { AgentInfo } from './protocol';
import { agentRequests, answerFrom, encodeLine, readJson } from './wire';

/** How long a socket that exists may take to accept a connection before it counts as not answering. */
const CONNECT_TIMEOUT_MS = 2000;

export class AgentClient {
  readonly #socket: net.Socket;
  readonly #pending = new Map<number, (result: ContractResult<unknown>) => void>();
  #nextId = 1;
  #buffered = '';

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#receive(chunk));
    socket.on('close', () => this.#failAll());
    socket.on('error', () => this.#failAll());
  }

  /** Connects, or answers undefined when no agent listens there (no socket file, or a stale one). */
  static async connect(socketPath: string): Promise<AgentClient | undefined> {
    const socket = await new Promise<net.Socket | undefined>((resolve, reject) => {
      const attempt = net.createConnection(socketPath);
      const timer = setTimeout(() => {
        attempt.destroy();
        resolve(undefined);
      }, CONNECT_TIMEOUT_MS);
      attempt.once('connect', () => {
        clearTimeout(timer);
        resolve(attempt);
      });
      attempt.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        attempt.destroy();
        if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(undefined);
        else if (error.code === 'EACCES' || error.code === 'EPERM') reject(new KeywardenError('AGENT_NOT_SAFE', `The agent's socket ${socketPath} belongs to another user; it was not used.`));
        else resolve(undefined);
      });
    });
    return socket ? new AgentClient(socket) : undefined;
  }

  /** One request; the answer is the same ContractResult a call in this process would give. */
  request(channel: string, input: unknown): Promise<ContractResult<unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      if (this.#socket.destroyed) return resolve(lostAgent());
      this.#pending.set(id, resolve);
      this.#socket.write(encodeLine({ id, channel, input }));
    });
  }

  async info(): Promise<AgentInfo> {
    const result = await this.request(agentRequests.info, {});
    if (!result.ok) throw new KeywardenError(result.error.code, result.error.message);
    return result.value as AgentInfo;
  }

  close(): void {
    this.#socket.end();
    this.#socket.destroy();
  }

  #receive(chunk: string): void {
    this.#buffered += chunk;
    let newline = this.#buffered.indexOf('\n');
    while (newline >= 0) {
      const line = this.#buffered.slice(0, newline);
      this.#buffered = this.#buffered.slice(newline + 1);
      const answer = answerFrom(readJson(line));
      if (answer) {
        const resolve = this.#pending.get(answer.id);
        this.#pending.delete(answer.id);
        resolve?.(answer.result);
      }
      newline = this.#buffered.indexOf('\n');
    }
  }

  #failAll(): void {
    for (const resolve of this.#pending.values()) resolve(lostAgent());
    this.#pending.clear();
  }
}

/** An agent that closed the connection mid-call (stopped, or its time ran out): the outcome is unknown. */
function lostAgent(): ContractResult<unknown> {
  return { ok: false, error: { code: 'AGENT_NOT_RUNNING', message: 'The Keywarden agent stopped before it answered; check the result (e.g. keywarden orders) before trying again.' } };
}
