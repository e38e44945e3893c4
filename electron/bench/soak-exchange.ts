/**
 * The soak's fake exchange, in the soak's own process (the short test in `npm test`) or in a process
 * of its own (`npm run soak`): over 100,000 alerts the fake keeps every order it took, and that memory
 * is the exchange's, not Keywarden's, so a long run must not count it in the soak's resident memory.
 */
import { startFakeExchange } from '../testing/fake-exchange';
import type { TestKey } from '../testing/fake-exchange/keys';
import type { FakeFaultOptions, FakeLatency } from '../testing/fake-exchange/types';
import { LoadProcess } from './load-process';

export interface SoakExchange {
  readonly url: string;
  setConditions(faults: FakeFaultOptions, latency?: FakeLatency): Promise<void>;
  /** How many times each client order id was placed, over the soak's keys. */
  timesPlaced(): Promise<Readonly<Record<string, number>>>;
  stop(): Promise<void>;
}

/** Plenty of every coin the soak trades: its alerts alternate buy and sell per account and market. */
export const SOAK_BALANCES: Readonly<Record<string, number>> = { USDT: 1e12, BTC: 1e6, ETH: 1e6, SOL: 1e6 };

export async function startSoakExchange(keys: readonly TestKey[], childEntry: string | undefined, lifetimeMs: number): Promise<SoakExchange> {
  return childEntry ? startInChild(keys, childEntry, lifetimeMs) : startInProcess(keys, lifetimeMs);
}

async function startInProcess(keys: readonly TestKey[], lifetimeMs: number): Promise<SoakExchange> {
  const exchange = await startFakeExchange({ exchange: 'binance', maxLifetimeMs: lifetimeMs });
  for (const key of keys) exchange.addKey({ ...key, allowedIps: ['127.0.0.1'], balances: SOAK_BALANCES });
  const ours = new Set(keys.map((key) => key.apiKey));
  return {
    url: exchange.url,
    setConditions: async (faults, latency) => {
      exchange.setFaults(faults);
      if (latency) exchange.setLatency(latency);
    },
    timesPlaced: async () => {
      const times: Record<string, number> = {};
      for (const order of exchange.orders) if (ours.has(order.apiKey)) times[order.clientOrderId] = (times[order.clientOrderId] ?? 0) + 1;
      return times;
    },
    stop: () => exchange.stop(),
  };
}

async function startInChild(keys: readonly TestKey[], entry: string, lifetimeMs: number): Promise<SoakExchange> {
  const child = new LoadProcess(entry, { lifetimeMs });
  try {
    const { url } = await child.ask({ type: 'start-exchange', keys, balances: SOAK_BALANCES }, 'exchange-started');
    return {
      url,
      setConditions: async (faults, latency) => {
        await child.ask({ type: 'exchange-conditions', faults, ...(latency ? { latency } : {}) }, 'exchange-conditions-set');
      },
      timesPlaced: async () => (await child.ask({ type: 'orders' }, 'orders')).timesPlaced,
      stop: () => child.stop(),
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
