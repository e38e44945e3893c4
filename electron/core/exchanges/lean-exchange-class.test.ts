/**
 * The lean classes (lean-exchange-class.ts) against ccxt's own: for every exchange ccxt has (the
 * catalogue), the same names reachable on a client, the same value under every other name (the
 * snake_case aliases a lean client takes from its prototype included) and, for each implicit-API name,
 * the same `request` call. An upgrade of ccxt that builds its implicit API (or those aliases)
 * differently fails here, loudly. Then two lean Binance clients with different keys, called
 * concurrently, each sign with their own key (the fake exchange checks real signatures).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeBinanceHmacKey, startFakeExchange, type FakeExchange } from '../../testing/fake-exchange';
import { loadCcxt, loadExchangeClass, type ExchangeConstructor } from './ccxt-loader';
import { createExchangeClient, loadClientClass } from './exchange-client';
import { leanExchangeClass } from './lean-exchange-class';

const started: FakeExchange[] = [];
afterAll(async () => {
  await Promise.all(started.map((fake) => fake.stop()));
});

type Client = Record<string, unknown>;

/** Every string-named property reachable on the object (own or inherited, below Object.prototype). */
function reachableNames(object: object): Set<string> {
  const names = new Set<string>();
  for (let level: object | null = object; level !== null && level !== Object.prototype; level = Object.getPrototypeOf(level) as object | null) {
    for (const name of Object.getOwnPropertyNames(level)) names.add(name);
  }
  return names;
}

/** What each implicit-API method passes to `request`, with `request` replaced by a recorder on the instance. */
function requestCalls(client: Client, names: readonly string[]): Map<string, unknown[]> {
  const calls = new Map<string, unknown[]>();
  let last: unknown[] = [];
  client['request'] = (...args: unknown[]) => {
    last = args;
    return Promise.resolve({});
  };
  for (const name of names) {
    last = [];
    void (client[name] as (params: unknown, context: unknown) => Promise<unknown>)({ probe: name }, { context: name });
    calls.set(name, last);
  }
  return calls;
}

/** The implicit-API names of a stock client: its own function properties made by defineRestApi. */
function implicitNames(stock: Client, Stock: ExchangeConstructor): string[] {
  const withoutApi = new (class extends Stock {
    override defineRestApi(): void {}
  })({}) as unknown as Client;
  return Object.getOwnPropertyNames(stock).filter((name) => typeof stock[name] === 'function' && !Object.hasOwn(withoutApi, name));
}

function expectEquivalent(id: string, Stock: ExchangeConstructor): void {
  const Lean = leanExchangeClass(Stock);
  expect(Lean, id).not.toBe(Stock);
  const stock = new Stock({}) as unknown as Client;
  const lean = new Lean({}) as unknown as Client;
  expect(lean instanceof Stock, id).toBe(true);
  expect([...reachableNames(lean)].sort(), id).toEqual([...reachableNames(stock)].sort());
  const names = implicitNames(stock, Stock);
  expect(names.length, id).toBeGreaterThan(0);
  // Each lean endpoint is shared, not an own property of every client.
  expect(names.filter((name) => Object.hasOwn(lean, name)), id).toEqual([]);
  // So is each method's snake_case alias: it is the same function on every client.
  expect(Object.hasOwn(stock, 'load_markets') && !Object.hasOwn(lean, 'load_markets'), id).toBe(true);
  expect(lean['load_markets'], id).toBe(stock['loadMarkets']);
  expect(requestCalls(lean, names), id).toEqual(requestCalls(stock, names));
  expectSameValues(id, new Lean({}) as unknown as Client, new Stock({}) as unknown as Client, Stock, new Set(names));
}

/**
 * Every other name reads the same on a lean and a stock client: methods and their snake_case aliases
 * the very same functions, everything else equal. The only differences: the lean class's own
 * `defineRestApi` (and its alias), and the class and prototype themselves (`constructor`, and the odd
 * names ccxt's walk files them under, such as "function Object() { [native code] }").
 */
function expectSameValues(id: string, lean: Client, stock: Client, Stock: ExchangeConstructor, implicit: ReadonlySet<string>): void {
  const differences: string[] = [];
  for (const name of reachableNames(stock)) {
    if (implicit.has(name) || name === 'defineRestApi' || name === 'define_rest_api' || stock[name] === Stock || stock[name] === Stock.prototype) continue;
    const [mine, theirs] = [lean[name], stock[name]];
    const same = typeof theirs === 'function' ? mine === theirs : isDeepStrictEqual(mine, theirs);
    if (!same) differences.push(name);
  }
  expect(differences, id).toEqual([]);
}

describe('leanExchangeClass', () => {
  it('gives Binance and Bybit clients the same implicit API as ccxt, endpoint by endpoint', async () => {
    for (const id of ['binance', 'bybit']) expectEquivalent(id, await loadExchangeClass(id));
  });

  it('does the same for every exchange in the catalogue (all of ccxt)', async () => {
    const ccxt = (await loadCcxt()) as unknown as { exchanges: string[] } & Record<string, unknown>;
    expect(ccxt.exchanges.length).toBeGreaterThan(50);
    for (const id of ccxt.exchanges) expectEquivalent(id, ccxt[id] as ExchangeConstructor);
  }, 120_000);

  it('makes one lean class per exchange class', async () => {
    const Binance = await loadExchangeClass('binance');
    expect(leanExchangeClass(Binance)).toBe(leanExchangeClass(Binance));
    // The class a preload prepares is the one clients are built from.
    expect(await loadClientClass('binance')).toBe(leanExchangeClass(Binance));
  });

  it('gives two clients built from it their own keys: concurrent calls each sign with their own', async () => {
    const [first, second] = [makeBinanceHmacKey(), makeBinanceHmacKey()];
    const fake = await startFakeExchange({ exchange: 'binance', keys: [first, second] });
    started.push(fake);
    const build = (credentials: { apiKey: string; secret: string }) => createExchangeClient({ exchangeId: 'binance', credentials, environment: 'live', urlOverrides: { binance: fake.url } });
    const [a, b] = (await Promise.all([build(first), build(second)])) as unknown as { privateGetAccount(): Promise<unknown>; sapiGetAccountApiRestrictions(): Promise<unknown> }[];
    expect(a instanceof leanExchangeClass(await loadExchangeClass('binance'))).toBe(true);
    // Interleaved: a, b, a, b … all in flight at once.
    await Promise.all([a!.privateGetAccount(), b!.privateGetAccount(), a!.sapiGetAccountApiRestrictions(), b!.sapiGetAccountApiRestrictions(), a!.privateGetAccount(), b!.privateGetAccount()]);
    const signed = fake.requests.filter((request) => request.private);
    expect(signed).toHaveLength(6);
    expect(signed.every((request) => request.authenticated)).toBe(true);
    expect(signed.filter((request) => request.apiKey === first.apiKey)).toHaveLength(3);
    expect(signed.filter((request) => request.apiKey === second.apiKey)).toHaveLength(3);
  });
});
