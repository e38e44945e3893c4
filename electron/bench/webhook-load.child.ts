/**
 * The webhook bench's load process: the fake exchange or the alert sender (the bench starts one of
 * each). In real use TradingView and the exchange are other machines; run inside Keywarden's process,
 * or in one process together, they would take turns on one event loop and bill their own work
 * (sending alerts, reading their answers, parsing and filling orders) to the latency being measured.
 * Driven over the fork IPC channel (webhook-load-protocol.ts); exits when the bench says stop or goes
 * away.
 */
import { alertBody, sendRaw } from '../testing/webhook-test-kit';
import { startFakeExchange } from '../testing/fake-exchange';
import type { FakeExchange } from '../testing/fake-exchange/types';
import { monotonicMs, type AlertTemplate, type LoadReply, type LoadRequest } from './webhook-load-protocol';

const LIFETIME_MS = 10 * 60_000;

let exchange: FakeExchange | undefined;
const arrivedAt: Record<string, number> = {};
const timesPlaced: Record<string, number> = {};

function reply(message: LoadReply): void {
  process.send?.(message);
}

async function startExchange(key: Extract<LoadRequest, { type: 'start-exchange' }>['key']): Promise<string> {
  exchange = await startFakeExchange({ exchange: 'binance', keys: [{ ...key, allowedIps: ['127.0.0.1'], balances: { USDT: 10_000_000, BTC: 1000 } }], maxLifetimeMs: LIFETIME_MS });
  exchange.setOrderAcceptedHook((order) => {
    arrivedAt[order.clientOrderId] ??= monotonicMs();
    timesPlaced[order.clientOrderId] = (timesPlaced[order.clientOrderId] ?? 0) + 1;
  });
  return exchange.url;
}

/** Sends `count` alerts at a steady rate, each stamped just before its POST; resolves when all are answered. */
async function sendAlerts(url: string, template: AlertTemplate, idPrefix: string, count: number, ratePerSecond: number, startAt = monotonicMs()): Promise<LoadReply> {
  const sentAt: Record<string, number> = {};
  const answers: Promise<number>[] = [];
  const started = startAt;
  for (let n = 0; n < count; n += 1) {
    const wait = started + (n * 1000) / ratePerSecond - monotonicMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const id = `${idPrefix}-${n}`;
    const body = alertBody({ ...template, side: n % 2 === 0 ? 'buy' : 'sell', id }, Date.now());
    sentAt[id] = monotonicMs();
    answers.push(sendRaw(url, '', { body }).then((answer) => answer.status, () => 0));
  }
  const statuses = await Promise.all(answers);
  return { type: 'alerts-sent', sentAt, refused: statuses.filter((status) => status !== 200).length };
}

async function handle(request: LoadRequest): Promise<void> {
  switch (request.type) {
    case 'start-exchange':
      reply({ type: 'exchange-started', url: await startExchange(request.key) });
      return;
    case 'send-alerts':
      reply(await sendAlerts(request.url, request.template, request.idPrefix, request.count, request.ratePerSecond, request.startAt));
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
