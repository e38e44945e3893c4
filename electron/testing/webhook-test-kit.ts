/**
 * Test helpers for the webhook listener: a raw HTTP client (exact headers and bodies, no retries, a
 * fresh connection per request unless given an agent) and a TradingView-shaped alert body. Used by
 * the tests and the benches only.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import { tradingViewTime } from '../core/webhook/tradingview';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The parsed JSON body (every answer of the listener is JSON). */
  readonly json: Record<string, unknown> & { ok?: boolean; status?: string; eventId?: number; error?: { code: string; message: string } };
}

export interface RawRequest {
  readonly method?: string;
  readonly body?: string | Buffer;
  readonly contentType?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the body in chunks without Content-Length (what a client streaming a large body does). */
  readonly chunked?: boolean;
  /** Announce this Content-Length but send only the body given. */
  readonly announcedLength?: number;
  /** Connections kept alive by this agent (what a tunnel client does towards the listener); a fresh one per request without. */
  readonly agent?: http.Agent;
}

/** One request, on its own connection unless `request.agent` keeps one. Errors from writing after the answer arrived (the listener closed early) are ignored. */
export function sendRaw(baseUrl: string, path: string, request: RawRequest = {}): Promise<RawResponse> {
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const headers: Record<string, string | number> = { ...request.headers };
  if (request.contentType !== null && body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
  if (!request.chunked && body !== undefined) headers['Content-Length'] = request.announcedLength ?? body.length;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(`${baseUrl}${path}`, { method: request.method ?? 'POST', headers, agent: request.agent ?? false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: RawResponse['json'] = {};
        try {
          json = text ? (JSON.parse(text) as RawResponse['json']) : {};
        } catch {
          json = {};
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body === undefined) {
      req.end();
    } else if (request.chunked) {
      const size = 4096;
      for (let offset = 0; offset < body.length; offset += size) req.write(body.subarray(offset, offset + size));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** A JSON alert as TradingView sends it from the generated message (placeholders already filled). */
export function alertBody(fields: Readonly<Record<string, unknown>>, now: number): string {
  return JSON.stringify({ side: 'buy', type: 'market', amount: '0.001', unit: 'base', time: tradingViewTime(now), ...fields });
}
