/**
 * One JSON-RPC 2.0 call to a wallet's RPC node, bounded in time and size, with every way it can
 * fail returned as a value. The RPC URL is never in a message or thrown: node providers put their
 * API key in it, so only its host is named. Redirects are refused rather than followed (the request
 * would go on to a place nobody chose), as ai-key-check.ts does.
 */
import { boundedFetch } from '../http/bounded-fetch';

export interface JsonRpcTarget {
  readonly rpcUrl: string;
  readonly fetch?: typeof fetch;
  /** How long one call may take; default 10 s. */
  readonly timeoutMs?: number;
  /** Stops the call early (the app quits, the person cancels). */
  readonly signal?: AbortSignal;
}

export type JsonRpcAnswer =
  | { readonly kind: 'result'; readonly result: unknown }
  /** The node answered with a JSON-RPC error. Its message stays here, for telling kinds of error apart; it is never shown (some echo the URL). */
  | { readonly kind: 'rpc-error'; readonly code: number; readonly nodeMessage: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

const DEFAULT_TIMEOUT_MS = 10_000;
/** Far more than any answer of the calls made here (a balance, a token list of one owner and mint). */
export const MAX_RPC_ANSWER_BYTES = 1024 * 1024;

let nextId = 1;

/** POSTs `{jsonrpc: '2.0', id, method, params}` to the target and reads what came back. */
export async function callJsonRpc(target: JsonRpcTarget, method: string, params: readonly unknown[]): Promise<JsonRpcAnswer> {
  const id = nextId++;
  const answer = await boundedFetch(target.rpcUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
  }, { fetch: target.fetch, timeoutMs: target.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: target.signal, maxBytes: MAX_RPC_ANSWER_BYTES });
  if (answer.kind === 'failed') return { kind: 'unavailable', reason: answer.reason };
  if (answer.kind === 'too-large') return { kind: 'unavailable', reason: 'sent an answer larger than any real one' };
  return interpret(answer.status, answer.text, id);
}

function interpret(status: number, text: string, id: number): JsonRpcAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const envelope = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const error = envelope?.error;
  // Providers answer rate limits and bad keys with a JSON-RPC error, sometimes under a 4xx status.
  if (envelope?.jsonrpc === '2.0' && error !== null && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'number' && Number.isInteger(code)) return { kind: 'rpc-error', code, nodeMessage: typeof message === 'string' ? message : '' };
  }
  if (status >= 500) return { kind: 'unavailable', reason: `answered with a server error (${status})` };
  if (status === 401 || status === 403) return { kind: 'unavailable', reason: `refused the request (${status}): the key in the RPC URL may be wrong or out of credit` };
  if (status === 429) return { kind: 'unavailable', reason: 'is limiting requests (429): try again in a minute' };
  if (status < 200 || status >= 300) return { kind: 'unavailable', reason: `answered ${status}` };
  if (envelope?.jsonrpc !== '2.0' || envelope.id !== id || !('result' in envelope)) {
    return { kind: 'unavailable', reason: 'answered with something that is not JSON-RPC (is this the RPC URL of a node?)' };
  }
  return { kind: 'result', result: envelope.result };
}


