/**
 * A flood of wrong-token requests at the webhook listener, as an attacker who found its address would
 * send: `count` POSTs to /webhook/<random wrong token>, `concurrency` at a time, over keep-alive
 * connections where the listener keeps them. Bounded: it stops after `count` requests or `maxMs`.
 * Used by the abuse tests and by the flood bench's load process.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';

export interface FloodResult {
  readonly sent: number;
  /** How many answers of each HTTP status (0: the connection failed). */
  readonly statuses: Readonly<Record<number, number>>;
  readonly durationMs: number;
}

export async function floodWrongTokens(baseUrl: string, options: { readonly count: number; readonly concurrency: number; readonly maxMs?: number; readonly headers?: Readonly<Record<string, string>> }): Promise<FloodResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const statuses: Record<number, number> = {};
  const started = performance.now();
  const deadline = started + (options.maxMs ?? 60_000);
  const body = JSON.stringify({ account: 'main', symbol: 'BTCUSDT', side: 'buy', amount: '1' });
  let next = 0;
  const one = () =>
    new Promise<number>((resolve) => {
      const token = randomBytes(16).toString('base64url');
      const req = http.request(`${baseUrl}/webhook/${token}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...options.headers } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      });
      req.setTimeout(10_000, () => req.destroy());
      req.on('error', () => resolve(0));
      req.end(body);
    });
  const worker = async () => {
    while (next < options.count && performance.now() < deadline) {
      next += 1;
      const status = await one();
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { sent: next, statuses, durationMs: performance.now() - started };
}
