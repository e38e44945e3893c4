/**
 * The gateway's side of the call to the provider: which of the program's headers go on (none that
 * could carry a credential; the real key's headers are added), and the request itself over
 * node:http(s) with kept-alive connections. The answer is handed back raw: its bytes go to the
 * program as they come (response-relay.ts). Redirects are never followed (node:http does not), and
 * the answer is asked for uncompressed, so what passes through can be read for its usage.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { aiAuthHeaderNames } from '../ai-providers/ai-check-request';

/** Hop-by-hop headers (RFC 9110 7.6.1) and what the gateway sets itself. */
const NOT_FORWARDED = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect', 'accept-encoding',
  // Where the program is: nothing the provider needs.
  'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via',
  // Credentials of every kind: the program's own (its local token), cookies, and OpenAI's account
  // headers, which come from the key Keywarden holds.
  ...aiAuthHeaderNames, 'proxy-authorization', 'cookie', 'openai-organization', 'openai-project',
]);
/** Any other header named like a credential (x-auth-token, anthropic-admin-key, x-amz-security-token…) is dropped too. */
const CREDENTIAL_LIKE = /auth|key|token|secret|cookie|session|password|credential|signature/i;

/** The program's headers that may go on to the provider, with the real key's headers added. */
export function forwardedHeaders(incoming: IncomingHttpHeaders, keyHeaders: Readonly<Record<string, string>>, bodyLength: number): OutgoingHttpHeaders {
  const listedInConnection = new Set(String(incoming.connection ?? '').toLowerCase().split(',').map((name) => name.trim()).filter(Boolean));
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || NOT_FORWARDED.has(name) || listedInConnection.has(name) || CREDENTIAL_LIKE.test(name)) continue;
    headers[name] = value;
  }
  return { ...headers, ...keyHeaders, 'accept-encoding': 'identity', ...(bodyLength > 0 ? { 'content-length': String(bodyLength) } : {}) };
}

/** Response headers that describe the gateway's connection to the provider, not the answer. */
const NOT_RETURNED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'trailer', 'set-cookie', 'alt-svc']);

/** The provider's answer headers as the program gets them (`withoutLength`: the gateway changes the body). */
export function returnedHeaders(incoming: IncomingHttpHeaders, withoutLength: boolean): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || NOT_RETURNED.has(name) || (withoutLength && name === 'content-length')) continue;
    headers[name] = value;
  }
  return headers;
}

/** The error message of a provider that did not start its answer in time. */
export const NO_ANSWER_IN_TIME = 'no answer in time';

export interface UpstreamTimeouts {
  /** Until the provider's answer starts (a long non-streamed answer is written whole before its first byte). */
  readonly answerStartMs: number;
  /** Between two pieces of the answer once it has started. */
  readonly idleMs: number;
}

export class UpstreamClient {
  // Nagle off: a stream's small events go on at once instead of waiting for the last one's ACK.
  readonly #agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 32, scheduling: 'lifo', noDelay: true }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 32, scheduling: 'lifo', noDelay: true }),
  };
  readonly #timeouts: UpstreamTimeouts;

  constructor(timeouts: UpstreamTimeouts) {
    this.#timeouts = timeouts;
  }

  /** Sends the request; resolves with the answer once its headers arrived. `signal` aborts it (the program went away). */
  send(method: string, url: URL, headers: OutgoingHttpHeaders, body: Buffer, signal: AbortSignal): Promise<IncomingMessage> {
    const agent = url.protocol === 'https:' ? this.#agents['https:'] : this.#agents['http:'];
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, { method, headers, agent, signal }, (answer) => {
        clearTimeout(startTimer);
        // From here on a provider that stops sending is cut off. The socket is kept alive for the
        // next call: its timer and listener go when this answer is done.
        const socket = answer.socket;
        const stalled = () => answer.destroy(new Error('the provider stopped sending'));
        socket.setTimeout(this.#timeouts.idleMs);
        socket.on('timeout', stalled);
        answer.once('close', () => {
          socket.setTimeout(0);
          socket.off('timeout', stalled);
        });
        resolve(answer);
      });
      const startTimer = setTimeout(() => request.destroy(new Error(NO_ANSWER_IN_TIME)), this.#timeouts.answerStartMs);
      request.once('error', (error) => {
        clearTimeout(startTimer);
        reject(error);
      });
      request.end(body.length > 0 ? body : undefined);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    for (const agent of Object.values(this.#agents)) agent.destroy();
  }
}
