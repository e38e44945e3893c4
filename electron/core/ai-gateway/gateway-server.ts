/**
 * The HTTP side of the AI gateway: a node:http server on loopback (gateway-schema.ts refuses any
 * other host) that takes a program's request in, bounded in every way a request can grow (header
 * size, body size, how long headers and body may take, connections, calls at once), and hands it
 * to AiCalls. Routes:
 *   /<provider id>/<the provider's own path>   a call, forwarded (docs/ai-gateway.md "Routes")
 *   GET /health                               {"ok":true}
 * The path, headers and body are never logged: they hold the local token and the prompt.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KeywardenError } from '../errors';
import { readBoundedBody } from '../http/bounded-body';
import { BoundedHttpServer } from '../http/bounded-http-server';
import { ConnectionLimits } from '../webhook/connection-limits';
import type { AiCalls } from './ai-calls';
import type { GatewaySettings } from './gateway-schema';

export interface GatewayTimeouts {
  /** Until a request's headers are in. */
  readonly headersMs: number;
  /** Until a whole request (headers and body) is in: a slow sender is cut off then. */
  readonly requestMs: number;
  /** A connection that sends nothing at all is closed after this long. */
  readonly idleSocketMs: number;
  /** Until the provider's answer starts (a long answer that is not streamed comes whole). */
  readonly answerStartMs: number;
  /** Between two pieces of a provider's answer. */
  readonly answerIdleMs: number;
}

export const defaultGatewayTimeouts: GatewayTimeouts = {
  headersMs: 10_000,
  // Loopback carries even a 64 MiB body in well under a second; a program that takes longer is stuck.
  requestMs: 30_000,
  idleSocketMs: 10_000,
  // Reasoning models may think for minutes before a non-streamed answer starts.
  answerStartMs: 10 * 60_000,
  answerIdleMs: 5 * 60_000,
};

/** All programs come from loopback, so one address gets all the room (the per-address cap of the webhook would starve them). */
const MAX_OPEN_CONNECTIONS = 512;

export class GatewayServer extends BoundedHttpServer {
  readonly #calls: AiCalls;
  readonly #settings: () => GatewaySettings;
  #inFlight = 0;

  constructor(options: { calls: AiCalls; settings: () => GatewaySettings; timeouts: GatewayTimeouts }) {
    const { timeouts } = options;
    super({
      limits: { headersTimeoutMs: timeouts.headersMs, requestTimeoutMs: timeouts.requestMs, keepAliveTimeoutMs: 5_000, idleSocketMs: timeouts.idleSocketMs, maxHeaderBytes: 16 * 1024, maxHeadersCount: 100 },
      connections: new ConnectionLimits({ maxOpen: MAX_OPEN_CONNECTIONS, maxPerAddress: MAX_OPEN_CONNECTIONS }),
      listenError,
      alreadyRunning: () => new KeywardenError('GATEWAY_FAILED', 'The AI gateway is already running.'),
    });
    this.#calls = options.calls;
    this.#settings = options.settings;
  }

  /** Calls being forwarded now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  protected override handle(req: IncomingMessage, res: ServerResponse): void {
    const route = routeOf(req.url ?? '/');
    if (route === 'health') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end('{"ok":true}');
      return;
    }
    if (route === undefined) {
      this.#calls.refuse(closing(res), { kind: 'not-found', message: "Keywarden: the gateway's paths start with an AI provider id, as in /openai/v1/… or /anthropic/v1/…." });
      return;
    }
    const settings = this.#settings();
    this.#inFlight += 1;
    res.once('close', () => {
      this.#inFlight -= 1;
    });
    if (this.#inFlight > settings.maxConcurrent) {
      this.#calls.refuse(closing(res), { kind: 'busy', message: `Keywarden's AI gateway is forwarding ${settings.maxConcurrent} calls already (its limit); try again shortly.`, retryAfterSeconds: 1 }, route.provider);
      return;
    }
    const tooLarge = () => this.#calls.refuse(closing(res), { kind: 'too-large', message: `Keywarden: the request is larger than the gateway takes (${Math.round(settings.maxBodyBytes / 1024)} KiB; keywarden proxy settings --max-body-mib <n>).` }, route.provider);
    if (Number(req.headers['content-length'] ?? 0) > settings.maxBodyBytes) return tooLarge();
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    readBoundedBody(req, settings.maxBodyBytes, (body) => {
      if (body === 'too-large') return tooLarge();
      if (body === 'aborted') return;
      // The provider may take minutes to start a long answer: the connection's idle timer must not cut it (the upstream timers bound it).
      req.socket.setTimeout(0);
      const call = { method: req.method ?? 'GET', provider: route.provider, path: route.path, headers: req.headers, body, signal: gone.signal };
      this.#calls.handle(call, res).catch(() => {
        // A bug, not a refusal: the program learns the call failed, nothing more.
        this.#calls.refuse(closing(res), { kind: 'upstream-failed', message: 'Keywarden: the AI gateway could not forward this call.' }, route.provider);
      });
    });
  }
}

/** The response to a request whose body was not (fully) read: its connection is not reused. */
function closing(res: ServerResponse): ServerResponse {
  if (!res.headersSent) res.setHeader('connection', 'close');
  return res;
}

/** /<provider>/<rest>; the rest keeps its query. Never decoded: it goes to the provider as sent. */
function routeOf(url: string): 'health' | { provider: string; path: string } | undefined {
  if (url === '/health') return 'health';
  const match = /^\/([a-z0-9-]{2,40})(\/[^#]*)?$/.exec(url);
  if (!match) return undefined;
  return { provider: match[1]!, path: match[2] ?? '/' };
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): KeywardenError {
  if (error.code === 'EADDRINUSE') {
    return new KeywardenError('GATEWAY_FAILED', `Port ${port} on ${host} is already in use (another program, or another Keywarden). Choose another port: keywarden proxy --port <n>, or keywarden proxy settings --port <n>.`, { host, port });
  }
  if (error.code === 'EACCES') return new KeywardenError('GATEWAY_FAILED', `Listening on ${host}:${port} needs privileges (ports below 1024 do). Use a port above 1024.`, { host, port });
  if (error.code === 'EADDRNOTAVAIL') return new KeywardenError('GATEWAY_FAILED', `This computer has no address ${host}. Use 127.0.0.1.`, { host, port });
  return new KeywardenError('GATEWAY_FAILED', `The AI gateway could not start on ${host}:${port} (${error.code ?? 'unknown reason'}).`, { host, port });
}
