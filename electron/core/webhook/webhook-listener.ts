/**
 * The HTTP side of the webhook: a plain node:http server (loopback by default) that routes requests,
 * reads bodies up to the size cap and writes the intake's answers. Routes:
 *   POST /webhook/<token>   an alert, token in the path
 *   POST /webhook           an alert, token in the body's `secret` field
 *   GET  /health            {"ok":true}, for the proxy's or tunnel's health check (not recorded)
 * The path, the body and the headers are never logged: the path holds the token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import { readBoundedBody } from '../http/bounded-body';
import { BoundedHttpServer } from '../http/bounded-http-server';
import type { AlertIntake, IntakeReply, PathAuthentication, RequestFacts } from './alert-intake';
import { senderAddress } from './client-address';
import { ConnectionLimits } from './connection-limits';
import type { WebhookSettings } from './webhook-schema';
import type { TunnelTool } from './tunnels/tunnel-schema';
import { stageTimes } from '../trading/stage-times';
import { afterQueuedImmediates } from '../store/wal-sync';

/** Connections the kernel may hold for the listener to take in (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

/** TradingView gives up after 3 s; a client that takes longer than this to send a small body is not TradingView. */
const REQUEST_TIMEOUT_MS = 10_000;
const HEADERS_TIMEOUT_MS = 5_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** A connection that sends nothing at all for this long is closed (the header timeout starts only with its first byte). */
const IDLE_SOCKET_TIMEOUT_MS = 10_000;

type Route = { readonly kind: 'health' } | { readonly kind: 'alert'; readonly token: string | undefined } | { readonly kind: 'none' };

export class WebhookListener extends BoundedHttpServer {
  readonly #intake: AlertIntake;
  readonly #settings: () => WebhookSettings;
  readonly #clock: Clock;
  readonly #tunnel: () => TunnelTool | null;

  constructor(options: { intake: AlertIntake; settings: () => WebhookSettings; clock: Clock; tunnel?: () => TunnelTool | null }) {
    super({
      limits: {
        headersTimeoutMs: HEADERS_TIMEOUT_MS,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
        idleSocketMs: IDLE_SOCKET_TIMEOUT_MS,
        maxHeaderBytes: 8192,
        maxHeadersCount: 64,
        // A deep accept queue: when Node's default (511) overflows in a connection flood, the kernel
        // drops the handshake's last packet, and a client (TradingView) that thinks it is connected
        // waits for an answer that never comes. Taken in, the caps close the idle ones at once.
        backlog: LISTEN_BACKLOG,
      },
      connections: new ConnectionLimits(),
      listenError,
      alreadyRunning: () => new KeywardenError('WEBHOOK_LISTENER_FAILED', 'The webhook listener is already running.'),
    });
    this.#intake = options.intake;
    this.#settings = options.settings;
    this.#clock = options.clock;
    this.#tunnel = options.tunnel ?? (() => null);
  }

  /** Over the connection caps: nothing was received or recorded, so TradingView may (and should) send it again. */
  protected override busyAnswer(): unknown {
    return { ok: false, error: { code: 'WEBHOOK_BUSY', message: 'Keywarden is answering many alerts at once; this one was not received. Send it again in a second.' } };
  }

  protected override handle(req: IncomingMessage, res: ServerResponse): void {
    const route = routeOf(req.url ?? '/');
    if (route.kind === 'health') {
      if (req.method === 'GET' || req.method === 'HEAD') send(res, { status: 200, body: { ok: true } });
      else send(res, { status: 405, body: { ok: false, error: { code: 'WEBHOOK_METHOD_NOT_ALLOWED', message: 'Use GET.' } }, headers: { Allow: 'GET, HEAD' } }, true);
      return;
    }
    const startedAt = stageTimes?.now();
    const settings = this.#settings();
    const facts: RequestFacts = {
      receivedAt: this.#clock.now(),
      clientAddress: senderAddress(req.socket.remoteAddress, req.headers, settings.trustedProxy, this.#tunnel()),
      contentType: printableHeader(req.headers['content-type']),
    };
    try {
      // The door first, for every request: a flood of wrong paths is limited like one of wrong tokens.
      const refused = this.#intake.admit(facts);
      if (refused) return send(res, refused, true);
      if (route.kind === 'none') return send(res, this.#intake.refuseRoute(facts, 'not-found'), true);
      if (req.method !== 'POST') return send(res, this.#intake.refuseRoute(facts, 'method-not-allowed'), true);
      let pathAuth: PathAuthentication | undefined;
      if (route.token !== undefined) {
        const auth = this.#intake.authenticatePath(facts, route.token);
        if ('reply' in auth) return send(res, auth.reply, true);
        pathAuth = auth;
      }
      const source = pathAuth?.source;
      const announced = Number(req.headers['content-length'] ?? 0);
      if (announced > settings.maxBodyBytes) return send(res, this.#intake.refuseTooLarge(facts, source), true);
      readBoundedBody(req, settings.maxBodyBytes, (body) => {
        if (body === 'too-large') return send(res, this.#intake.refuseTooLarge(facts, source), true);
        if (body === 'aborted') return;
        const readAt = stageTimes?.now();
        this.#answer(res, facts, () => this.#intake.receive(facts, body, pathAuth), startedAt === undefined || readAt === undefined ? undefined : [startedAt, readAt]);
      });
    } catch {
      send(res, this.#intake.internalFailure(facts), true);
    }
  }

  /** Builds and sends the answer; whatever goes wrong after an alert was accepted stays a 200. */
  #answer(res: ServerResponse, facts: RequestFacts, build: () => IntakeReply, timed?: readonly [number, number]): void {
    let reply: IntakeReply;
    try {
      reply = build();
    } catch {
      // Nothing was accepted (acceptance is the last step before the answer): safe to let TradingView retry.
      send(res, this.#intake.internalFailure(facts), true);
      return;
    }
    if (!reply.after) {
      sendQuietly(res, reply);
      return;
    }
    // Accepted: to trading at once, in this same turn, so alerts for one market reach trading in the
    // order they arrived (`after` never throws). The answer waits until the alert's record is on disk
    // (TradingView does not send an alert again once it got a 200), asked for once this turn's work
    // and the writes it queued are done: by then trading has recorded the order, written it to the
    // exchange and started the sync (off the main thread) that this one shares. Should it fail, the answer is still a 200: the alert is being placed, and a
    // repeat would only be refused as a duplicate.
    const eventId = timed ? Number(reply.body['eventId']) : undefined;
    if (timed) for (const [stage, at] of [['request', timed[0]], ['body', timed[1]], ['accepted', undefined]] as const) stageTimes?.mark(eventId, stage, at);
    reply.after();
    stageTimes?.mark(eventId, 'dispatched');
    const answer = () => {
      sendQuietly(res, reply);
      stageTimes?.mark(eventId, 'ack');
    };
    const recorded = reply.recorded ?? (() => Promise.resolve());
    afterQueuedImmediates(() => void recorded().then(answer, answer));
  }
}

/** Writes an answer to a client that may have gone away (an accepted alert is handled either way). */
function sendQuietly(res: ServerResponse, reply: IntakeReply): void {
  try {
    send(res, reply);
  } catch {
    // The client went away.
  }
}

/** Writes one JSON answer. `close`: the body was not (fully) read, so the connection is not reused. */
function send(res: ServerResponse, reply: IntakeReply, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(close ? { Connection: 'close' } : {}),
    ...reply.headers,
  });
  res.end(payload);
}

/** /webhook, /webhook/, /webhook/<token>(/); the query string is ignored. Never decoded: a token needs no escaping. */
function routeOf(url: string): Route {
  const path = url.split('?', 1)[0] ?? '/';
  if (path === '/health') return { kind: 'health' };
  const match = /^\/webhook(?:\/([^/]*))?\/?$/.exec(path);
  if (!match) return { kind: 'none' };
  const token = match[1];
  return { kind: 'alert', token: token === undefined || token === '' ? undefined : token };
}

function printableHeader(value: string | undefined): string | null {
  if (value === undefined) return null;
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}

/** Throws what start() would if `host:port` cannot be listened on now (in use, privileged, no such address). */
export async function assertListenable(host: string, port: number): Promise<void> {
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
      probe.listen({ host, port, exclusive: true }, () => resolve());
    });
  } finally {
    await new Promise<void>((resolve) => (probe.listening ? probe.close(() => resolve()) : resolve()));
  }
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): KeywardenError {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new KeywardenError('WEBHOOK_LISTENER_FAILED', `Port ${port} on ${host} is already in use (another program, or another Keywarden). Choose another port (on the Webhook page, or keywarden webhook settings --port <n>).`, { host, port });
    case 'EACCES':
      return new KeywardenError('WEBHOOK_LISTENER_FAILED', `Listening on ${where} needs privileges (ports below 1024 do). Use a port above 1024 behind your reverse proxy.`, { host, port });
    case 'EADDRNOTAVAIL':
      return new KeywardenError('WEBHOOK_LISTENER_FAILED', `This computer has no address ${host}. Use 127.0.0.1 (with a reverse proxy or tunnel) or one of its own addresses.`, { host, port });
    default:
      return new KeywardenError('WEBHOOK_LISTENER_FAILED', `The webhook listener could not start on ${where} (${error.code ?? 'unknown reason'}).`, { host, port });
  }
}
