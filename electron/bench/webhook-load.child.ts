/**
 * The webhook benches' load process: the fake exchange, the alert sender (with the baseline's direct
 * orders beside it), or a wrong-token flood; the bench starts one process per role. In real use
 * TradingView, the exchange and an attacker are other machines; run inside Keywarden's process, or
 * in one process together, they would take turns on one event loop and bill their own work to the
 * latency being measured, and the baseline's tail would carry Keywarden's. Driven over the fork IPC
 * channel (webhook-load-protocol.ts); exits when the bench says stop or goes away.
 */
import type { Exchange } from 'ccxt';
import http from 'node:http';
import { createExchangeClient } from '../core/exchanges/exchange-client';
import { alertBody, sendRaw } from '../testing/webhook-test-kit';
import { startFakeExchange } from '../testing/fake-exchange';
import type { FakeExchange } from '../testing/fake-exchange/types';
import { floodWrongTokens } from '../testing/webhook-flood';
import { alertRoute, directOrderId, monotonicMs, type LoadReply, type LoadRequest, type SendAlerts } from './webhook-load-protocol';

// A long soak asks for more (LoadProcess passes it in the environment); every process ends by itself.
const LIFETIME_MS = Number(process.env.KEYWARDEN_LOAD_LIFETIME_MS) || 15 * 60_000;

let exchange: FakeExchange | undefined;
const directClients = new Map<string, Exchange>();
const arrivedAt: Record<string, number> = {};
const timesPlaced: Record<string, number> = {};

function reply(message: LoadReply): void {
  process.send?.(message);
}

async function startExchange(request: Extract<LoadRequest, { type: 'start-exchange' }>): Promise<string> {
  const balances = request.balances ?? { USDT: 1e12, BTC: 1e6 };
  exchange = await startFakeExchange({ exchange: 'binance', keys: request.keys.map((key) => ({ ...key, allowedIps: ['127.0.0.1'], balances })), maxLifetimeMs: LIFETIME_MS });
  exchange.setOrderAcceptedHook((order) => {
    arrivedAt[order.clientOrderId] ??= monotonicMs();
    timesPlaced[order.clientOrderId] = (timesPlaced[order.clientOrderId] ?? 0) + 1;
  });
  return exchange.url;
}

/** The baseline's ccxt clients, one per key as Keywarden has, built once (markets loaded), with the same settings as Keywarden's. */
async function directClientsFor(settings: NonNullable<SendAlerts['direct']>): Promise<Exchange[]> {
  return Promise.all(settings.keys.map(async (key) => {
    const known = directClients.get(key.apiKey);
    if (known) return known;
    const client = await createExchangeClient({ exchangeId: 'binance', credentials: { apiKey: key.apiKey, secret: key.secret }, environment: 'live', urlOverrides: { binance: settings.exchangeUrl } });
    await client.loadMarkets();
    directClients.set(key.apiKey, client);
    return client;
  }));
}

/** Sends `count` alerts at a steady rate, each stamped just before its POST and when answered; resolves when all are answered. */
async function sendAlerts(request: SendAlerts): Promise<LoadReply> {
  const { url, template, idPrefix, count, ratePerSecond } = request;
  const clients = request.direct ? await directClientsFor(request.direct) : [];
  const agent = request.connections === 'kept-alive' ? new http.Agent({ keepAlive: true }) : undefined;
  const sentAt: Record<string, number> = {};
  const answeredAt: Record<string, number> = {};
  const directSentAt: Record<string, number> = {};
  const pending = new Set<Promise<unknown>>();
  let refused = 0;
  const statuses: Record<number, number> = {};
  const answered = (status: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== 200) refused += 1;
  };
  const periodMs = 1000 / ratePerSecond;
  const started = request.startAt ?? monotonicMs();
  const waitUntil = async (at: number) => {
    const wait = at - monotonicMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  for (let n = 0; n < count; n += 1) {
    while (request.concurrency !== undefined && pending.size >= request.concurrency) await Promise.race(pending);
    await waitUntil(started + n * periodMs);
    const id = `${idPrefix}-${n}`;
    const { accounts, ...fields } = template;
    const route = alertRoute(n, accounts.length);
    const side = route.side;
    const body = alertBody({ ...fields, account: accounts[route.account], side, id }, Date.now());
    sentAt[id] = monotonicMs();
    track(sendRaw(url, '', { body, ...(agent ? { agent } : {}) }).then(
      (answer) => {
        answeredAt[id] = monotonicMs();
        answered(answer.status);
      },
      () => answered(0),
    ));
    const client = clients[route.account];
    if (client && request.direct) {
      // Half a period later, so the two paths never start at the same moment and share the machine's state.
      await waitUntil(started + (n + 0.5) * periodMs);
      const clientOrderId = directOrderId(id);
      directSentAt[clientOrderId] = monotonicMs();
      track(client.createOrder(request.direct.symbol, 'market', side, Number(template.amount), undefined, { clientOrderId }).catch(() => undefined));
    }
  }
  await Promise.all(pending);
  agent?.destroy();
  return { type: 'alerts-sent', sentAt, answeredAt, directSentAt, refused, statuses };
}

async function handle(request: LoadRequest): Promise<void> {
  switch (request.type) {
    case 'start-exchange':
      reply({ type: 'exchange-started', url: await startExchange(request) });
      return;
    case 'exchange-conditions':
      if (!exchange) throw new Error('no exchange started');
      exchange.setFaults(request.faults);
      if (request.latency) exchange.setLatency(request.latency);
      reply({ type: 'exchange-conditions-set' });
      return;
    case 'send-alerts':
      reply(await sendAlerts(request));
      return;
    case 'flood':
      reply({ type: 'flooded', result: await floodWrongTokens(request.baseUrl, { count: Number.MAX_SAFE_INTEGER, concurrency: request.concurrency, maxMs: request.maxMs }) });
      return;
    case 'orders':
      reply({ type: 'orders', arrivedAt, timesPlaced });
      return;
    case 'stop':
      await exchange?.stop();
      process.exit(0);
  }
}

process.on('message', (request: LoadRequest) => {
  handle(request).catch((error: unknown) => reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
// The bench went away (crashed or killed): nothing here is worth keeping.
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(1), LIFETIME_MS).unref();
