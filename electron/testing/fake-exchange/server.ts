/**
 * The HTTP side of the fake exchange: a plain node:http server on 127.0.0.1 and a random port, which adds
 * latency, injected faults and the rate limiter in front of an exchange dialect, and records every request.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { binanceLedgerRules, createBinanceDialect } from './binance';
import { bybitLedgerRules, createBybitDialect } from './bybit';
import type { DialectRequest, DialectResponse, ExchangeDialect } from './dialect';
import { FaultInjector } from './faults';
import { KeyStore } from './keys';
import { Ledger } from './ledger';
import { FuturesLedger } from './futures-ledger';
import { defaultBalances, defaultMarkets, MarketBook } from './market-data';
import { RateLimiter } from './rate-limiter';
import type { FakeExchange, FakeExchangeOptions, FaultKind, RecordedRequest, FakeOrder } from './types';

const defaultMaxLifetimeMs = 10 * 60 * 1000;
const maxBodyBytes = 1024 * 1024;

/** Starts a fake Binance or Bybit on 127.0.0.1 (random port) and resolves once it is listening. */
export async function startFakeExchange(options: FakeExchangeOptions): Promise<FakeExchange> {
  let clockOffsetMs = options.clockOffsetMs ?? 0;
  let onOrderAccepted: ((order: FakeOrder) => Promise<void> | void) | undefined;
  const exchangeNow = (): number => Date.now() + clockOffsetMs;

  const keys = new KeyStore(exchangeNow);
  for (const spec of options.keys ?? []) keys.add(spec);
  const markets = new MarketBook(options.markets ?? defaultMarkets, options.prices);
  const rules = options.exchange === 'binance' ? binanceLedgerRules : bybitLedgerRules;
  const ledger = new Ledger(
    markets,
    (apiKey) => keys.get(apiKey)?.balances ?? options.balances ?? defaultBalances,
    exchangeNow,
    rules.clientIdUniqueness,
    rules.formatOrderId,
  );
  const futuresWallet = (apiKey: string): number => (keys.get(apiKey)?.balances ?? options.balances ?? defaultBalances)['USDT'] ?? 0;
  const futuresLedger = new FuturesLedger(markets, futuresWallet, exchangeNow, rules.formatOrderId);
  const context = { keys, ledger, markets, now: exchangeNow, futures: { ledger: futuresLedger, walletOf: futuresWallet } };
  const dialect: ExchangeDialect = options.exchange === 'binance' ? createBinanceDialect(context) : createBybitDialect(context);
  const faults = new FaultInjector(options.faults, options.latencyMs);
  const limiter = new RateLimiter(options.rateLimitPerSecond, Date.now);

  const requests: RecordedRequest[] = [];
  const pendingDelays = new Map<NodeJS.Timeout, () => void>();
  let stopping: Promise<void> | undefined;

  const server = createServer((request, response) => {
    serve(request, response).catch(() => {
      // A handler bug must not take the test process down: answer 500 like a broken backend would.
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    if (rawBody === undefined) {
      response.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Payload Too Large');
      return;
    }
    const latency = faults.nextLatencyMs();
    if (latency > 0) await delay(latency);
    if (stopping !== undefined) return;

    const target = request.url ?? '/';
    const queryAt = target.indexOf('?');
    const dialectRequest: DialectRequest = {
      method: request.method ?? 'GET',
      path: queryAt === -1 ? target : target.slice(0, queryAt),
      rawQuery: queryAt === -1 ? '' : target.slice(queryAt + 1),
      rawBody,
      headers: request.headers,
      remoteAddress: request.socket.remoteAddress,
    };
    const facts = dialect.inspect(dialectRequest);
    const record = (status: number, outcome: Pick<RecordedRequest, 'authenticated' | 'errorCode' | 'fault'>): void => {
      requests.push({
        at: Date.now(),
        method: dialectRequest.method,
        path: dialectRequest.path,
        params: facts.params,
        apiKey: facts.apiKey,
        private: facts.private,
        status,
        ...outcome,
      });
    };

    const fault = faults.nextFault(dialectRequest.path);
    if (fault === 'lost-response') {
      const answer = dialect.handle(dialectRequest);
      response.socket?.destroy();
      record(0, { authenticated: answer.authenticated, errorCode: answer.errorCode, fault });
      return;
    }
    if (fault !== undefined) {
      const status = applyFault(fault, response, dialect.unavailable());
      record(status, { authenticated: false, errorCode: undefined, fault });
      return;
    }
    const limit = limiter.limit;
    if (!limiter.admit() && limit !== undefined) {
      const answer = dialect.rateLimited(dialectRequest, limit);
      send(response, answer);
      record(answer.status, { authenticated: false, errorCode: answer.errorCode, fault: 'rate-limit' });
      return;
    }
    const ordersBefore = ledger.orderCount;
    const answer = dialect.handle(dialectRequest);
    const placed = ledger.orderCount > ordersBefore ? ledger.lastOrder() : undefined;
    // The order exists now; the client has not heard back yet. A test can crash the client here.
    if (placed && onOrderAccepted) await onOrderAccepted(placed);
    send(response, answer);
    record(answer.status, { authenticated: answer.authenticated, errorCode: answer.errorCode, fault: undefined });
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        resolve();
      }, ms);
      pendingDelays.set(timer, resolve);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the fake must never be reachable from another machine.
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  function stop(): Promise<void> {
    stopping ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      for (const [timer, resolveDelay] of pendingDelays) {
        clearTimeout(timer);
        resolveDelay();
      }
      pendingDelays.clear();
      server.close(() => resolve());
      // Keep-alive sockets of ccxt's HTTP agent, and requests held by a 'timeout' fault, would keep close() waiting.
      server.closeAllConnections();
    });
    return stopping;
  }

  // The safety net: a fake some test forgot to stop goes away by itself, without keeping the process alive.
  const lifetime = setTimeout(() => void stop(), options.maxLifetimeMs ?? defaultMaxLifetimeMs);
  lifetime.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    exchange: options.exchange,
    get requests() {
      return [...requests];
    },
    get orders() {
      return ledger.orders;
    },
    get futuresOrders() {
      return futuresLedger.orders;
    },
    futures: futuresLedger,
    stop,
    addKey: (spec) => keys.add(spec),
    updateKey: (apiKey, patch) => keys.update(apiKey, patch),
    removeKey: (apiKey) => keys.remove(apiKey),
    setLatency: (latency) => faults.setLatency(latency),
    setFaults: (settings) => faults.setFaults(settings),
    failNext: (count, kind, path) => faults.failNext(count, kind, path),
    setOrderAcceptedHook: (hook) => {
      onOrderAccepted = hook;
    },
    setClockOffset: (offsetMs) => {
      clockOffsetMs = offsetMs;
    },
    setRateLimit: (perSecond) => limiter.setLimit(perSecond),
    setPrice: (symbol, price) => {
      markets.setPrice(symbol, price);
      ledger.onPriceChange(symbol);
    },
    setBalance: (apiKey, asset, free) => ledger.setBalance(apiKey, asset, free),
    balances: (apiKey) => ledger.balancesOf(apiKey),
    privateRequestCount: () => requests.filter((entry) => entry.private).length,
    resetRequests: () => {
      requests.length = 0;
    },
    resetAccounts: () => ledger.reset(),
  };
}

/** Carries out an injected fault; returns the HTTP status sent, or 0 when nothing was answered. */
function applyFault(fault: FaultKind, response: ServerResponse, unavailable: DialectResponse): number {
  switch (fault) {
    case 'drop':
      // The connection dies without an answer, as when a proxy or the network drops it.
      response.socket?.destroy();
      return 0;
    case 'timeout':
      // Never answer: the client's own timeout has to fire. stop() closes the socket.
      return 0;
    case '5xx':
      send(response, unavailable);
      return unavailable.status;
    case 'lost-response':
      // Handled before any answer is written (see the request handler).
      return 0;
  }
}

function send(response: ServerResponse, answer: DialectResponse): void {
  const isText = typeof answer.body === 'string';
  const body = isText ? (answer.body as string) : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    'Content-Type': isText ? 'text/plain' : 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(body),
    ...answer.headers,
  });
  response.end(body);
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
