/**
 * The part both fake chains share: a loopback JSON-RPC 2.0 server (loopback-http-server.ts) that
 * records every request body as sent, answers each method through a table like a real node does
 * (an error object -32601 for an unknown method, -32600 for a request that is not JSON-RPC), and
 * plays the faults a real RPC provider shows: down, a 500 page, no answer, HTML, a JSON-RPC error,
 * an answer far too large, a redirect.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendAnswer, startLoopbackServer } from '../loopback-http-server';

export type FakeRpcFault = 'down' | 'http-500' | 'slow' | 'not-json' | 'rpc-error' | 'huge-answer' | 'redirect';

export interface RecordedRpcRequest {
  readonly method: string | undefined;
  readonly params: unknown;
  /** The body exactly as received, for asserting that nothing secret was sent. */
  readonly rawBody: string;
}

export interface FakeRpcServer {
  /** http://127.0.0.1:<port>/ plus a path that stands in for a provider's API key. */
  readonly url: string;
  readonly requests: readonly RecordedRpcRequest[];
  /** Resolves when the next request has been recorded (to cancel a check that waits on a 'slow' fake). */
  nextRequest(): Promise<RecordedRpcRequest>;
  stop(): Promise<void>;
}

/** What a method answers: its result, or a JSON-RPC error object. */
export type RpcMethodAnswer = { readonly result: unknown } | { readonly error: { readonly code: number; readonly message: string } };
export type RpcMethodTable = Readonly<Record<string, (params: readonly unknown[]) => RpcMethodAnswer>>;

const defaultMaxLifetimeMs = 5 * 60 * 1000;
const maxBodyBytes = 64 * 1024;
/** The path of the fake's URL: real provider URLs carry their key there, so messages must never show it. */
export const FAKE_RPC_PATH_SECRET = 'v2/fake-provider-key-0123456789abcdef';

export async function startFakeJsonRpcServer(methods: RpcMethodTable, options: { fault?: FakeRpcFault; maxLifetimeMs?: number }): Promise<FakeRpcServer> {
  const requests: RecordedRpcRequest[] = [];
  const waiting: ((request: RecordedRpcRequest) => void)[] = [];
  const fault = options.fault;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      parsed = undefined;
    }
    const call = parsed !== null && typeof parsed === 'object' ? (parsed as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown }) : {};
    const recorded: RecordedRpcRequest = { method: typeof call.method === 'string' ? call.method : undefined, params: call.params, rawBody };
    requests.push(recorded);
    waiting.splice(0).forEach((resolve) => resolve(recorded));

    if (fault === 'slow') {
      // Never answers in time: the client's timeout or cancel has to end it (stop() cuts the wait short).
      await server.delay(defaultMaxLifetimeMs);
      return;
    }
    if (fault === 'http-500') return sendAnswer(response, { status: 500, body: '<html><body><h1>500 Internal Server Error</h1></body></html>' });
    if (fault === 'not-json') return sendAnswer(response, { status: 200, body: '<!doctype html><html><body>Welcome to nginx!</body></html>' });
    if (fault === 'redirect') return sendAnswer(response, { status: 302, body: '', headers: { Location: 'http://127.0.0.1:9/elsewhere' } });
    if (fault === 'huge-answer') {
      // 2 MiB of a valid JSON-RPC answer: only its size is wrong.
      return sendAnswer(response, { status: 200, body: { jsonrpc: '2.0', id: call.id ?? null, result: 'a'.repeat(2 * 1024 * 1024) } });
    }
    const id = call.id ?? null;
    if (call.jsonrpc !== '2.0' || typeof call.method !== 'string') {
      return sendRpc(response, { jsonrpc: '2.0', id, error: { code: -32600, message: 'invalid request' } });
    }
    if (fault === 'rpc-error') return sendRpc(response, { jsonrpc: '2.0', id, error: { code: -32005, message: `daily request limit reached for /${FAKE_RPC_PATH_SECRET}` } });
    const method = methods[call.method];
    if (method === undefined) {
      return sendRpc(response, { jsonrpc: '2.0', id, error: { code: -32601, message: `the method ${call.method} does not exist/is not available` } });
    }
    sendRpc(response, { jsonrpc: '2.0', id, ...method(Array.isArray(call.params) ? call.params : []) });
  }

  const server = await startLoopbackServer(serve, options.maxLifetimeMs ?? defaultMaxLifetimeMs);
  const url = `${server.url}/${FAKE_RPC_PATH_SECRET}`;
  // A node that is down: the port was ours a moment ago, nothing listens on it now.
  if (fault === 'down') await server.stop();

  return {
    url,
    get requests() {
      return [...requests];
    },
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    stop: () => server.stop(),
  };
}

/** Writes a JSON-RPC answer; bigint values are written as plain JSON numbers, as nodes do (even beyond 2^53). */
function sendRpc(response: ServerResponse, answer: unknown): void {
  const text = JSON.stringify(answer, (_key, value: unknown) => (typeof value === 'bigint' ? `__bigint:${value}` : value)).replace(/"__bigint:(\d+)"/g, '$1');
  response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
