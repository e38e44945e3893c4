/**
 * A "lean" subclass of a ccxt exchange class: its implicit API (sapiGetAccountApiRestrictions,
 * privateGetAccount, … Binance has about 820 endpoints, each under a camelCase and a snake_case name) is
 * defined once, on a prototype, instead of as two closures per endpoint on every instance. ccxt 4.5.84's
 * constructor builds those closures in `defineRestApi` (node_modules/ccxt/js/src/base/Exchange.js
 * ~line 353 and 414–465): more than half of the 6–12 ms a `new binance()` costs, paid twenty times by
 * the first "verify all".
 *
 * The names and each endpoint's arguments come from ccxt's own `defineRestApi`/`defineRestApiEndpoint`,
 * run once per class against a recorder, so no naming rule is copied here; lean-exchange-class.test.ts
 * checks that lean and stock clients expose the same names and make the same `request` call for each.
 * The endpoints are put in the instance's prototype chain after ccxt's constructor, because that
 * constructor copies every name it finds on the chain into a snake_case own property of the instance
 * (its `unCamelCaseProperties`), which for those thousands of names would cost what was saved. That
 * walk's aliases of the class's own methods (fetch_balance for fetchBalance, …) are shared the same
 * way (prototypeAliases below), so it walks only each client's own properties. One difference:
 * ccxt's closures keep their client, these use `this`, so an endpoint method must be called on its
 * client (`client.privateGetAccount()`), never detached (nothing here or in ccxt detaches one).
 */
import type { ExchangeConstructor } from './ccxt-loader';

/** ccxt's constructor passes its implicit API to this method (Exchange.js: `this.defineRestApi(this.api, 'request')`). */
const requestMethod = 'request';

interface EndpointCall {
  readonly path: unknown;
  readonly api: unknown;
  readonly method: unknown;
  readonly config: unknown;
}

type Recorder = Record<string, unknown> & {
  defineRestApi(api: unknown, methodName: string): void;
};

const leanClasses = new WeakMap<ExchangeConstructor, ExchangeConstructor>();

/** The lean class for `Stock`, or `Stock` itself when its implicit API cannot be read the expected way. */
export function leanExchangeClass(Stock: ExchangeConstructor): ExchangeConstructor {
  let lean = leanClasses.get(Stock);
  if (!lean) {
    try {
      lean = buildLeanClass(Stock);
    } catch {
      // A ccxt whose implicit API is built differently: the stock class is always right, only slower.
      lean = Stock;
    }
    leanClasses.set(Stock, lean);
  }
  return lean;
}

function buildLeanClass(Stock: ExchangeConstructor): ExchangeConstructor {
  // Filled below, once the probe instances have shown the implicit API and the aliases.
  const shared: { endpoints?: object; prototypes?: ReadonlySet<object> } = {};
  class Lean extends Stock {
    constructor(config?: Record<string, unknown>) {
      const restore = shared.prototypes ? hideNamesOf(shared.prototypes) : undefined;
      try {
        super(config);
      } finally {
        restore?.();
      }
      // Set once `endpoints` exists (below); the probe instance that reads the API has none.
      if (shared.endpoints) Object.setPrototypeOf(this, shared.endpoints);
    }

    /** Skips ccxt's per-instance closures: the endpoints live on `endpoints`, shared by every instance. */
    override defineRestApi(): void {}
  }
  const probe = new Lean({}) as unknown as Record<string, unknown>;
  const calls = recordEndpoints(probe, Stock.prototype as Record<string, unknown>);
  if (calls.size === 0) throw new Error('no implicit API');
  const endpoints = Object.create(Lean.prototype) as object;
  for (const [name, call] of calls) {
    const { path, api, method, config } = call;
    // The same call ccxt's per-instance partial makes, with `this` the instance it is called on.
    Object.defineProperty(endpoints, name, {
      value: async function endpoint(this: Record<string, (...args: unknown[]) => unknown>, params: unknown = {}, context: unknown = {}) {
        return this[requestMethod]!(path, api, method, params, undefined, undefined, config, context);
      },
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  shared.endpoints = endpoints;
  const prototypes = prototypeChain(Lean.prototype as object);
  const aliases = prototypeAliases(probe, () => {
    shared.prototypes = prototypes;
    return new Lean({}) as unknown as Record<string, unknown>;
  }, prototypes);
  if (aliases) {
    for (const [name, value] of aliases) {
      // An endpoint of the same name wins, as in ccxt, whose constructor defines endpoints after the aliases.
      if (Object.hasOwn(endpoints, name) || (endpoints as Record<string, unknown>)[name] === value) continue;
      Object.defineProperty(endpoints, name, { value, writable: true, enumerable: true, configurable: true });
    }
  } else {
    shared.prototypes = undefined;
  }
  return Lean;
}

/**
 * ccxt's constructor gives every client, as own properties, a snake_case alias of every method name
 * on its prototype chain (and a copy of each all-lowercase one): some 830 names for Binance, walked
 * and defined anew for each client (Exchange.js `unCamelCaseProperties`, which lists each level with
 * Object.getOwnPropertyNames). Those aliases are the same functions for every client, so a lean
 * client takes them from its shared prototype instead: while its constructor runs, the class's own
 * prototypes list no names, and the walk covers only the client's own properties (whose aliases do
 * differ per client). The aliases are read once per class, by comparing a client built with the full
 * walk (`stock`) with one built without (`build`). Undefined, and every client walks as in ccxt, when
 * an alias is anything but a method or a prototype found on the chain.
 */
function prototypeAliases(stock: Record<string, unknown>, build: () => Record<string, unknown>, prototypes: ReadonlySet<object>): Map<string, unknown> | undefined {
  const without = build();
  // The prototypes themselves too: ccxt files `__proto__` under an odd name of its own ('[object Object]').
  const methods = new Set<unknown>(prototypes);
  for (const level of prototypes) {
    for (const name of Object.getOwnPropertyNames(level)) {
      const descriptor = Object.getOwnPropertyDescriptor(level, name);
      if (descriptor && 'value' in descriptor && typeof descriptor.value === 'function') methods.add(descriptor.value);
    }
  }
  const aliases = new Map<string, unknown>();
  for (const name of Object.getOwnPropertyNames(stock)) {
    if (Object.hasOwn(without, name)) continue;
    const value = stock[name];
    if (!methods.has(value)) return undefined;
    aliases.set(name, value);
  }
  // Nothing may be own on the client built without the walk that the full walk did not make.
  if (Object.getOwnPropertyNames(without).some((name) => !Object.hasOwn(stock, name))) return undefined;
  return aliases;
}

/** The objects on `prototype`'s chain, itself and Object.prototype included. */
function prototypeChain(prototype: object): ReadonlySet<object> {
  const chain = new Set<object>();
  for (let level: object | null = prototype; level !== null; level = Object.getPrototypeOf(level) as object | null) chain.add(level);
  return chain;
}

/**
 * Until the returned function runs, Object.getOwnPropertyNames lists nothing for `objects` (and
 * everything else as before). Only around a lean constructor, which is synchronous: nothing else runs
 * in between, and the original is put back even when the constructor throws.
 */
function hideNamesOf(objects: ReadonlySet<object>): () => void {
  const original = Object.getOwnPropertyNames;
  Object.getOwnPropertyNames = ((object: unknown) => (objects.has(object as object) ? [] : original(object))) as typeof Object.getOwnPropertyNames;
  return () => {
    Object.getOwnPropertyNames = original;
  };
}

/**
 * Runs ccxt's own `defineRestApi` on the probe's API against a recorder: the names it defines, and what
 * each one passes to `request` (captured by calling it once with a recording `request`).
 */
function recordEndpoints(probe: Record<string, unknown>, base: Record<string, unknown>): Map<string, EndpointCall> {
  const helpers = { id: probe['id'], capitalize: probe['capitalize'], defineRestApi: base['defineRestApi'], defineRestApiEndpoint: base['defineRestApiEndpoint'] };
  if (typeof helpers.capitalize !== 'function' || typeof helpers.defineRestApi !== 'function' || typeof helpers.defineRestApiEndpoint !== 'function') throw new Error('unexpected ccxt');
  const recorder = { ...helpers } as Recorder;
  const recording = '__keywardenRecord';
  recorder.defineRestApi(probe['api'], recording);
  const last: { args?: unknown[] | undefined } = {};
  recorder[recording] = (...args: unknown[]) => {
    last.args = args;
  };
  const calls = new Map<string, EndpointCall>();
  for (const name of Object.keys(recorder)) {
    if (name in helpers || name === recording) continue;
    const partial = recorder[name];
    if (typeof partial !== 'function') continue;
    last.args = undefined;
    // ccxt's partial calls `this[methodName](…)` synchronously before its first await.
    void (partial as (params: unknown, context: unknown) => Promise<unknown>)({}, {});
    const captured = last.args as unknown[] | undefined;
    if (!captured) throw new Error('endpoint did not call request');
    const [path, api, method, , , , config] = captured;
    calls.set(name, { path, api, method, config });
  }
  return calls;
}
