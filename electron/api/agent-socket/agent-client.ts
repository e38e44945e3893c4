/**
 * A connection to a running agent: proves itself and checks the agent's proof (agent-token.ts),
 * then sends requests as lines and matches the answers by id. Used by the CLI for every channel call
 * while an agent answers, and by a starting agent to tell a live agent from a stale socket file.
 */
import net from 'node:net';
import { KeywardenError } from '../errors';
import type { ContractResult } from '../contract';
import type { CallNotice } from '../handler-types';
import type { AgentInfo } from './protocol';
import { AGENT_HELLO, isNonce, newNonce, proofMatches, proofOf, readAgentToken } from './agent-token';
import { agentSocketPath } from './socket-path';
import { agentRequests, answerFrom, encodeLine, noticeFrom, readJson } from './wire';

/** How long a socket that exists may take to accept a connection before it counts as not answering. */
const CONNECT_TIMEOUT_MS = 2000;
/** How long an agent that accepted may take to prove itself (it may be busy, e.g. unlocking). */
const HANDSHAKE_TIMEOUT_MS = 15_000;

interface Pending {
  readonly resolve: (result: ContractResult<unknown>) => void;
  readonly onNotice: ((notice: CallNotice) => void) | undefined;
}

export class AgentClient {
  readonly #socket: net.Socket;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #buffered = '';
  /** Until the agent has proved itself, its first line (or the connection's end) goes here instead of to the requests. */
  #handshakeLine: ((line: string | 'closed') => void) | undefined;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#receive(chunk));
    socket.on('close', () => this.#failAll());
    socket.on('error', () => this.#failAll());
  }

  /**
   * Connects to the agent of `dataFolder` and checks that it is this user's agent; undefined when no
   * agent listens there (no socket, or a stale one). Something that answers but cannot prove it is
   * the agent is refused (AGENT_NOT_SAFE) before anything is sent to it.
   */
  static async connect(dataFolder: string, platform: NodeJS.Platform = process.platform): Promise<AgentClient | undefined> {
    const socketPath = agentSocketPath(dataFolder, platform);
    const socket = await openSocket(socketPath);
    if (!socket) return undefined;
    const client = new AgentClient(socket);
    try {
      await client.#prove(readAgentToken(dataFolder), socketPath);
      return client;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** One request; the answer is the same ContractResult a call in this process would give. */
  request(channel: string, input: unknown, onNotice?: (notice: CallNotice) => void): Promise<ContractResult<unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      if (this.#socket.destroyed) return resolve(lostAgent());
      this.#pending.set(id, { resolve, onNotice });
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

  /** The handshake: our nonce; the agent's nonce and proof, checked; our proof. */
  async #prove(token: Buffer | undefined, socketPath: string): Promise<void> {
    const notTheAgent = () => new KeywardenError('AGENT_NOT_SAFE', `Something answers at the agent's socket ${socketPath} but could not prove it is your Keywarden agent; nothing was sent to it. Stop whatever runs there, then try again.`);
    // No token: no agent of ours is running, yet something answers.
    if (!token) throw notTheAgent();
    const clientNonce = newNonce();
    const reply = new Promise<string | 'closed' | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), HANDSHAKE_TIMEOUT_MS);
      this.#handshakeLine = (line) => {
        clearTimeout(timer);
        this.#handshakeLine = undefined;
        resolve(line);
      };
    });
    this.#socket.write(`${JSON.stringify({ hello: AGENT_HELLO, nonce: clientNonce })}\n`);
    const line = await reply;
    if (line === 'timeout') throw new KeywardenError('AGENT_NOT_RUNNING', `The Keywarden agent at ${socketPath} did not answer within ${HANDSHAKE_TIMEOUT_MS / 1000} s; nothing was sent to it.`);
    if (line === 'closed') throw notTheAgent();
    const hello = readJson(line) as { hello?: unknown; nonce?: unknown; proof?: unknown } | undefined;
    if (hello?.hello !== AGENT_HELLO || !isNonce(hello.nonce) || !proofMatches(proofOf(token, 'agent', clientNonce, hello.nonce), hello.proof)) {
      throw notTheAgent();
    }
    this.#socket.write(`${JSON.stringify({ proof: proofOf(token, 'client', clientNonce, hello.nonce) })}\n`);
  }

  #receive(chunk: string): void {
    this.#buffered += chunk;
    let newline = this.#buffered.indexOf('\n');
    while (newline >= 0) {
      const line = this.#buffered.slice(0, newline);
      this.#buffered = this.#buffered.slice(newline + 1);
      if (this.#handshakeLine) this.#handshakeLine(line);
      else this.#route(readJson(line));
      newline = this.#buffered.indexOf('\n');
    }
  }

  #route(message: unknown): void {
    const notice = noticeFrom(message);
    if (notice) return this.#pending.get(notice.id)?.onNotice?.(notice.notice);
    const answer = answerFrom(message);
    if (!answer) return;
    const pending = this.#pending.get(answer.id);
    this.#pending.delete(answer.id);
    pending?.resolve(answer.result);
  }

  #failAll(): void {
    this.#handshakeLine?.('closed');
    for (const { resolve } of this.#pending.values()) resolve(lostAgent());
    this.#pending.clear();
  }
}

/** The connected socket, or undefined when nothing listens; another user's socket is refused. */
function openSocket(socketPath: string): Promise<net.Socket | undefined> {
  return new Promise<net.Socket | undefined>((resolve, reject) => {
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
      if (error.code === 'EACCES' || error.code === 'EPERM') reject(new KeywardenError('AGENT_NOT_SAFE', `The agent's socket ${socketPath} belongs to another user; it was not used.`));
      else resolve(undefined);
    });
  });
}

/** An agent that closed the connection mid-call (stopped, or its time ran out): the outcome is unknown. */
function lostAgent(): ContractResult<unknown> {
  return { ok: false, error: { code: 'AGENT_NOT_RUNNING', message: 'The Keywarden agent stopped before it answered; check the result (e.g. keywarden orders) before trying again.' } };
}
