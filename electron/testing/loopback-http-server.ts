/**
 * The life of a fake service's HTTP server: bound to 127.0.0.1 on a random port, a handler bug
 * answered as a broken backend would (500), delays that stop() cuts short, and a bounded lifetime
 * so a fake some test forgot to stop goes away by itself; and writing an answer. The fake AI
 * providers use it; the fake exchanges (fake-exchange/server.ts) hold the same steps inline and
 * can move onto it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** True once stop() was called (or the lifetime ran out): handlers should not answer any more. */
  readonly stopping: boolean;
  /** Waits `ms`, or less when the server stops meanwhile. */
  delay(ms: number): Promise<void>;
  /** Closes the listener and every open connection; safe to call twice. */
  stop(): Promise<void>;
}

/** An answer: JSON, or text (an HTML error page, a plain "Not Found") when the body is a string. */
export interface LoopbackAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type LoopbackHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export async function startLoopbackServer(handler: LoopbackHandler, maxLifetimeMs: number): Promise<LoopbackServer> {
  const pendingDelays = new Map<NodeJS.Timeout, () => void>();
  let stopping: Promise<void> | undefined;

  const server = createServer((request, response) => {
    handler(request, response).catch(() => {
      // A handler bug must not take the test process down: answer 500 like a broken backend would.
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: a fake must never be reachable from another machine.
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      for (const [timer, resolveDelay] of pendingDelays) {
        clearTimeout(timer);
        resolveDelay();
      }
      pendingDelays.clear();
      server.close(() => resolve());
      // Keep-alive sockets of fetch, and requests held by a 'timeout' fault, would keep close() waiting.
      server.closeAllConnections();
    });
    return stopping;
  };
  const lifetime = setTimeout(() => void stop(), maxLifetimeMs);
  lifetime.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    get stopping() {
      return stopping !== undefined;
    },
    delay: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          pendingDelays.delete(timer);
          resolve();
        }, ms);
        pendingDelays.set(timer, resolve);
      }),
    stop,
  };
}

/** Writes `answer` with its length; `jsonType` is the Content-Type a service gives its JSON. */
export function sendAnswer(response: ServerResponse, answer: LoopbackAnswer, jsonType = 'application/json'): void {
  const isText = typeof answer.body === 'string';
  const body = isText ? (answer.body as string) : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    'Content-Type': isText ? 'text/plain' : jsonType,
    'Content-Length': Buffer.byteLength(body),
    ...answer.headers,
  });
  response.end(body);
}
