/**
 * The offline fake Polymarket CLOB V2 (issue 18): a loopback server (loopback-http-server.ts) that answers
 * as the real CLOB does to the official @polymarket/clob-client-v2 — L1 and L2 authentication checked,
 * order signatures recovered on the market's exchange domain, balances and allowances enforced, books
 * matched — plus the gamma and data-api reads, with faults and a settable clock. Every request is recorded
 * whole, so a test can assert that no secret left the app.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendAnswer, startLoopbackServer } from '../loopback-http-server';
import { toUnits } from './amounts';
import { CredentialStore } from './auth';
import { chainContracts } from './contracts';
import { Ledger } from './ledger';
import { route, type RouteContext } from './routes';
import type { FakeClob, FakeClobFault, FakeClobSpec, RecordedClobRequest } from './types';

const defaultMaxLifetimeMs = 10 * 60 * 1000;
const maxBodyBytes = 1024 * 1024;
/** The real 403 of an order from a restricted region (its text, as clients see it). */
export const geoblockError = 'Trading restricted in your region, please refer to available regions - https://docs.polymarket.com/developers/CLOB/geoblock';

export async function startFakeClob(spec: FakeClobSpec = {}): Promise<FakeClob> {
  const chainId = spec.chainId ?? 137;
  const contracts = chainContracts[chainId];
  let clock = spec.now ?? Date.now;
  const now = (): number => clock();
  let faults = new Set<FakeClobFault>(spec.faults ?? []);
  const ledger = new Ledger(spec.markets ?? [], spec.accounts ?? [], contracts);
  const trades: RouteContext['trades'] = new Map();
  const context: RouteContext = {
    ledger,
    contracts,
    chainId,
    accounts: spec.accounts ?? [],
    now,
    creds: new CredentialStore(chainId, now, spec.timestampWindowSeconds ?? 300),
    apiVersion: spec.apiVersion ?? 2,
    pageSize: spec.pageSize ?? 100,
    positions: spec.positions ?? {},
    trades,
    newTrade: (orderId) => {
      const order = ledger.orders.get(orderId);
      const trade = { id: randomUUID(), orderId, transactionHash: `0x${randomBytes(32).toString('hex')}`, owner: order?.owner ?? '' };
      trades.set(trade.id, trade);
      return { tradeId: trade.id, transactionHash: trade.transactionHash };
    },
  };
  const requests: RecordedClobRequest[] = [];

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const target = new URL(request.url ?? '/', 'http://fake.invalid');
    const method = request.method ?? 'GET';
    const raw = `${method} ${request.url ?? ''}\n${Object.entries(request.headers).map(([name, value]) => `${name}: ${String(value)}`).join('\n')}\n\n${body ?? ''}`;
    const record = (status: number, error?: string): void => {
      requests.push({ method, path: target.pathname, query: target.search, headerNames: Object.keys(request.headers), raw, status, ...(error ? { error } : {}) });
    };
    if (body === undefined) {
      response.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Payload Too Large');
      record(413);
      return;
    }
    if (faults.has('down')) {
      // The connection dies without an answer, as when the service or the network is down.
      response.socket?.destroy();
      record(0, 'down');
      return;
    }
    if (faults.has('slow')) await server.delay(spec.slowMs ?? 2000);
    if (server.stopping) return;
    if (faults.has('http-500')) {
      sendAnswer(response, { status: 500, body: { error: 'Internal server error' } });
      record(500, 'Internal server error');
      return;
    }
    const placing = method === 'POST' && (target.pathname === '/order' || target.pathname === '/orders');
    if (faults.has('geoblock') && placing) {
      sendAnswer(response, { status: 403, body: { error: geoblockError } });
      record(403, geoblockError);
      return;
    }
    const answer = await route({ method, path: target.pathname, query: target.searchParams, headers: request.headers, body }, context);
    if (placing && faults.has('lose-order-answer')) {
      // The order was taken, but its answer never arrives (a connection dropped after the CLOB acted).
      response.socket?.destroy();
      record(0, 'answer lost');
      return;
    }
    sendAnswer(response, answer);
    const error = typeof answer.body === 'object' && answer.body !== null ? (answer.body as { error?: unknown }).error : undefined;
    record(answer.status, typeof error === 'string' ? error : undefined);
  }

  const server = await startLoopbackServer(serve, spec.maxLifetimeMs ?? defaultMaxLifetimeMs);

  return {
    url: server.url,
    get requests() {
      return [...requests];
    },
    state: {
      orders: ledger.orders,
      pusdOf: (funder) => ledger.pusdOf(funder),
      sharesOf: (funder, tokenId) => ledger.sharesOf(funder, tokenId),
      book: (tokenId) => ledger.bookOf(tokenId) ?? { bids: [], asks: [] },
    },
    setFaults: (next) => {
      faults = new Set(next);
    },
    setClock: (next) => {
      clock = next;
    },
    setPusd: (funder, pusd) => ledger.setPusd(funder, toUnits(pusd)),
    stop: () => server.stop(),
  };
}

/** The request body as text, or undefined when it is larger than any real API request. */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
