/**
 * The life of Keywarden's HTTP listeners (the webhook's and the AI gateway's): node:http with every
 * way a client can hold on bounded — header size and count, how long headers and a whole request may
 * take, sockets that send nothing, connections in total and per address with the idle ones evicted
 * first (webhook/connection-limits.ts) — a listen that says why it failed in its owner's words, and
 * a stop that cuts every connection.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { KeywardenError } from '../errors';
import type { ConnectionLimits } from '../webhook/connection-limits';

export interface BoundedServerLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** A connection that sends nothing at all for this long is closed (the header timeout starts only with its first byte). */
  readonly idleSocketMs: number;
  readonly maxHeaderBytes: number;
  readonly maxHeadersCount: number;
  /** Connections the kernel may hold for the server to take in (Node's default: 511). */
  readonly backlog?: number;
}

export interface BoundedServerOptions {
  readonly limits: BoundedServerLimits;
  readonly connections: ConnectionLimits;
  /** What a failed listen means, in the owner's words (port in use, no such address…). */
  readonly listenError: (error: NodeJS.ErrnoException, host: string, port: number) => KeywardenError;
  readonly alreadyRunning: () => KeywardenError;
}

/** How often the header and request timeouts are checked (Node's default, 30 s, lets a slow client hold a connection that long). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** Seconds a client is asked to wait before sending a shed request again. */
const BUSY_RETRY_AFTER_S = '1';
/** How long a shed connection may stay silent before it is closed. */
const SHED_IDLE_MS = 2_000;
/** A shed request's body is read only to be thrown away; past this, its connection is cut. */
const MAX_SHED_BODY_BYTES = 1024 * 1024;

/** A listener is this class with its own `handle`: what it answers. */
export abstract class BoundedHttpServer {
  readonly #options: BoundedServerOptions;
  readonly #sockets = new Set<Socket>();
  #server: http.Server | undefined;
  #address: { host: string; port: number } | undefined;

  constructor(options: BoundedServerOptions) {
    this.#options = options;
  }

  /** Answers one request (headers in; the body is the handler's to read). */
  protected abstract handle(req: IncomingMessage, res: ServerResponse): void;

  /** The 503's JSON body for a request over the connection caps; an owner may say it in its own words. */
  protected busyAnswer(): unknown {
    return { ok: false, error: { code: 'BUSY', message: 'Too many requests at once; nothing was received. Send it again in a second.' } };
  }

  get address(): { readonly host: string; readonly port: number } | undefined {
    return this.#address;
  }

  /** Starts listening; port 0 picks a free port. */
  async start(host: string, port: number): Promise<{ host: string; port: number }> {
    if (this.#server) throw this.#options.alreadyRunning();
    const { limits, connections } = this.#options;
    const server = http.createServer(
      { requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.headersTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS, maxHeaderSize: limits.maxHeaderBytes },
      (req, res) => {
        if (connections.isShed(req.socket)) return answerBusy(req, res, this.busyAnswer());
        connections.busyUntilAnswered(req.socket, res);
        this.handle(req, res);
      },
    );
    server.maxHeadersCount = limits.maxHeadersCount;
    server.timeout = limits.idleSocketMs;
    // A hard ceiling over the soft caps (connection-limits.ts): a connection over a cap is accepted
    // to close an idle one in its place, or to be answered "busy" (a 503 the client may retry).
    server.maxConnections = connections.ceiling;
    server.on('connection', (socket: Socket) => {
      const admission = connections.admit(socket);
      if (admission === 'closed') return;
      // A shed connection is kept only to answer "busy": one that sends nothing goes soon.
      if (admission === 'shed') socket.setTimeout(SHED_IDLE_MS);
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(this.#options.listenError(error, host, port)));
      server.listen({ host, port, exclusive: true, ...(limits.backlog !== undefined ? { backlog: limits.backlog } : {}) }, () => resolve());
    });
    // After a successful listen, an error on the server (not on one request) must not crash the process.
    server.on('error', () => undefined);
    this.#server = server;
    this.#address = { host, port: (server.address() as AddressInfo).port };
    return this.#address;
  }

  /** Stops accepting, closes every connection, and resolves when the server is closed. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.stopNow();
    await closed;
  }

  /** Stops at once (synchronous, for shutdown). */
  stopNow(): void {
    const server = this.#server;
    this.#server = undefined;
    this.#address = undefined;
    if (!server) return;
    if (server.listening) server.close();
    server.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    this.#options.connections.clear();
  }
}

/**
 * A fast 503 for a request over the connection caps, which was not handled. The body is read to its
 * end first (bounded by the request timeout): closing with unread bytes would make the kernel send a
 * reset that can reach the client before the answer does. Then the connection is closed.
 */
function answerBusy(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  const payload = JSON.stringify(body);
  const answer = () => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload), 'Cache-Control': 'no-store', 'Retry-After': BUSY_RETRY_AFTER_S, Connection: 'close' });
    res.end(payload);
  };
  let read = 0;
  req.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > MAX_SHED_BODY_BYTES) req.socket.destroy();
  });
  req.on('error', () => undefined);
  req.once('end', answer);
}
