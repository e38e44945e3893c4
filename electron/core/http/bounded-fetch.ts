/**
 * One outbound HTTP call with bounds, for every check and client that calls a service on the
 * person's behalf (AI key checks, wallet RPC nodes, Polymarket): a deadline for the whole call,
 * the caller's AbortSignal, redirects refused (fetch would carry the same headers, keys included, to
 * wherever the redirect points), and an answer read only up to `maxBytes`. Every way it can fail is
 * a value with a reason in plain words, the same words everywhere (as exchange-unreachable.ts has
 * them for the exchanges). No URL, header or body is ever in a reason.
 */

export interface BoundedFetchOptions {
  readonly fetch?: typeof fetch | undefined;
  /** How long the whole call, answer included, may take. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Reading stops past this many bytes: the answer is `too-large`. */
  readonly maxBytes: number;
}

export type BoundedFetchResult =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly kind: 'too-large'; readonly status: number }
  /** No answer: `reason` says why ("timed out after 10 s", "connection refused", "redirected elsewhere", "cancelled"). */
  | { readonly kind: 'failed'; readonly reason: string };

export async function boundedFetch(url: string | URL, init: Omit<RequestInit, 'signal' | 'redirect'>, options: BoundedFetchOptions): Promise<BoundedFetchResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    if (options.signal?.aborted) controller.abort();
    const response = await (options.fetch ?? fetch)(url, { ...init, redirect: 'error', signal: controller.signal });
    const text = await readBounded(response, options.maxBytes);
    return text === undefined ? { kind: 'too-large', status: response.status } : { kind: 'answer', status: response.status, headers: response.headers, text };
  } catch (error) {
    const reason = timedOut ? `timed out after ${formatSeconds(options.timeoutMs)}` : options.signal?.aborted ? 'cancelled' : transportFailure(error);
    return { kind: 'failed', reason };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** JSON when the text is JSON, else the text itself (an HTML error page, a plain "Not Found"). */
export function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The answer's text, or undefined when it is larger than `maxBytes` (reading stops there). */
async function readBounded(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Why no answer came, from the error fetch (undici) throws, or node:http's own (the AI gateway's
 * calls); the same words as exchange-unreachable.ts.
 */
export function transportFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const ownCode = (error as { code?: unknown } | null)?.code;
  const code = typeof cause?.code === 'string' ? cause.code : typeof ownCode === 'string' ? ownCode : '';
  const text = typeof cause?.message === 'string' ? cause.message : '';
  if (text === 'unexpected redirect') return 'redirected elsewhere';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'address not found';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connection timed out';
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(code)) return 'connection dropped';
  if (/CERT|SSL|TLS/.test(code)) return 'its certificate was not trusted';
  return 'network error';
}

export function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
