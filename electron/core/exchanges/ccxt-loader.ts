/**
 * ccxt takes about 0.5 s to import whole (EXCHANGE-FACTS.md), so nothing loads it until it is needed:
 * opening the vault, listing keys or serving the UI never pays for it. Talking to one exchange needs
 * only that exchange's class, which loads in about a third of the time (ccxt's base plus the one
 * module), so clients come from `loadExchangeClass`; `loadCcxt` is for what needs every exchange (the
 * catalogue of exchange ids).
 */
import type * as CcxtModule from 'ccxt';
import type { Exchange } from 'ccxt';
import { KeywardenError } from '../errors';
import { ccxtBaseModuleUrl, ccxtNetworkModuleUrls, exchangeModuleUrl } from './ccxt-module-url';

export type Ccxt = typeof CcxtModule;
export type ExchangeConstructor = new (config?: Record<string, unknown>) => Exchange;

let loading: Promise<Ccxt> | undefined;
let loaded: Ccxt | undefined;
/** Exchange id → its class, loaded on its own (or taken from the whole module once that is loaded). */
const classes = new Map<string, Promise<ExchangeConstructor>>();
const settled = new Set<string>();
/** Some of ccxt (its base, an exchange's module) was imported on its own. */
let partLoaded = false;

/** Imports ccxt once, on first use. */
export function loadCcxt(): Promise<Ccxt> {
  loading ??= import('ccxt').then(
    (module) => {
      // ccxt is CommonJS-with-ESM; depending on the loader the namespace may sit under `default`.
      loaded = ((module as unknown as { default?: Ccxt }).default ?? module) as Ccxt;
      return loaded;
    },
    () => {
      loading = undefined;
      throw new KeywardenError('EXCHANGE_LIBRARY_UNAVAILABLE', 'The exchange library (ccxt) could not be loaded. Reinstall Keywarden.');
    },
  );
  return loading;
}

/**
 * The ccxt class of one exchange, importing only ccxt's module for it when ccxt is not loaded whole.
 * That module is the very file ccxt's own entry imports (resolved from where ccxt is installed, so a
 * packaged app finds it too), so the class is the same object `ccxt[id]` is. Anything that goes wrong
 * on that path (an id ccxt does not have as a module, a layout this ccxt version does not have) falls
 * back to the whole import, whose list of exchanges decides: an unknown id is refused there.
 */
export function loadExchangeClass(exchangeId: string): Promise<ExchangeConstructor> {
  let found = classes.get(exchangeId);
  if (!found) {
    const whole = loaded;
    found = whole ? Promise.resolve().then(() => classFromWhole(whole, exchangeId)) : importOwnModule(exchangeId).catch(async () => classFromWhole(await loadCcxt(), exchangeId));
    found.then(
      () => {
        partLoaded = true;
        settled.add(exchangeId);
      },
      () => classes.delete(exchangeId),
    );
    classes.set(exchangeId, found);
  }
  return found;
}

/**
 * ccxt's base (most of any one exchange's import time) and its network modules, for a host that will
 * talk to an exchange it does not know yet; the whole module when the base cannot be found on its own.
 */
export async function preloadCcxtBase(): Promise<void> {
  if (loaded || partLoaded) return;
  const base = ccxtBaseModuleUrl();
  if (base === undefined) {
    await loadCcxt();
    return;
  }
  try {
    await Promise.all([import(base), loadNetworkModules()]);
    partLoaded = true;
  } catch {
    await loadCcxt();
  }
}

async function importOwnModule(exchangeId: string): Promise<ExchangeConstructor> {
  const url = exchangeModuleUrl(exchangeId);
  const baseUrl = ccxtBaseModuleUrl();
  if (url === undefined || baseUrl === undefined) throw new Error('no module of its own');
  // Both come from the same folder: the base is already loaded by the exchange's module. ccxt's network
  // modules load alongside: a client's first request would otherwise wait ~100 ms for them.
  const [module, base] = await Promise.all([import(url) as Promise<{ default?: unknown }>, import(baseUrl) as Promise<{ Exchange?: unknown }>, loadNetworkModules()]);
  const candidate = module.default;
  // Only a subclass of ccxt's Exchange counts (a helper module with an exchange-like name does not).
  if (typeof candidate !== 'function' || typeof base.Exchange !== 'function' || !(candidate.prototype instanceof base.Exchange)) throw new Error('not an exchange module');
  return candidate as ExchangeConstructor;
}

let networkModules: Promise<void> | undefined;

/** Best effort: ccxt imports them itself (and copes without them) when they are not loaded yet. */
function loadNetworkModules(): Promise<void> {
  networkModules ??= Promise.all(ccxtNetworkModuleUrls().map((url) => import(url).catch(() => undefined))).then(() => undefined);
  return networkModules;
}

/** From the whole module: ccxt.exchanges lists the supported ids (it keeps names like "Exchange" or "pro" out). */
function classFromWhole(ccxt: Ccxt, exchangeId: string): ExchangeConstructor {
  // A string[] on ccxt's default export and an id → class map on the module namespace; accept either.
  const listed: unknown = (ccxt as unknown as { exchanges?: unknown }).exchanges;
  const known = Array.isArray(listed) ? listed.includes(exchangeId) : typeof listed === 'object' && listed !== null && Object.hasOwn(listed, exchangeId);
  const candidate: unknown = known ? (ccxt as unknown as Record<string, unknown>)[exchangeId] : undefined;
  if (typeof candidate !== 'function') {
    throw new KeywardenError('UNKNOWN_PROVIDER', `Keywarden does not know an exchange called "${safeName(exchangeId)}". Check the name (ccxt ids are lowercase, like "binance").`, {
      provider: safeName(exchangeId),
    });
  }
  return candidate as ExchangeConstructor;
}

/** Whether any of ccxt has been imported in this process (benchmarks assert start-up does not load it). */
export function isCcxtLoaded(): boolean {
  return loaded !== undefined || partLoaded;
}

/** What of ccxt this process has imported: the whole module, and which exchanges' classes (tests, diagnostics). */
export function ccxtLoadState(): { whole: boolean; exchanges: string[] } {
  return { whole: loaded !== undefined, exchanges: [...settled] };
}

/** Names go into messages only when they look like names, so a secret pasted into the wrong box is never echoed. */
export function safeName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_]{0,23}$/.test(name) ? name : '(unrecognised name)';
}
