/**
 * One ccxt client per credential while the vault is unlocked (a client holds the decrypted key, so
 * the cache is emptied on lock, on a vault-key rotation and when a credential changes), and one
 * copy of each exchange's market list shared by all its clients, so verifying twenty Binance keys
 * loads Binance's markets once.
 */
import type { Exchange } from 'ccxt';
import type { CoreEvents } from '../events';
import type { Environment } from '../credentials/credential-schema';
import { createExchangeClient } from './exchange-client';
import { splitProxy } from '../credentials/exchange-proxy-field';

export interface ClientRequest {
  readonly credentialId?: string | undefined;
  /**
   * The stored key's fingerprint. A cached client is used only for the same fingerprint: a key
   * rotated by another process (the CLI beside the app) changes it, and this process's cache never
   * heard of the rotation otherwise.
   */
  readonly fingerprint?: string | undefined;
  readonly provider: string;
  readonly environment: Environment;
  readonly secrets: Readonly<Record<string, string>>;
  /** Spot (the default) or USDT-margined perpetuals: a separate client, with its own market list. */
  readonly marketKind?: MarketKind | undefined;
}

export type MarketKind = 'spot' | 'linear';

interface ClientEntry {
  /** The client as built: its signed calls work, its market list may not be attached yet. */
  readonly built: Promise<Exchange>;
  /** The same client with the exchange's markets attached; asked for by the first caller that needs them. */
  ready?: Promise<Exchange>;
  /** Which market list it takes: never the request itself, whose secrets only the client needs. */
  readonly markets: Pick<ClientRequest, 'provider' | 'environment' | 'marketKind'>;
  readonly fingerprint: string | undefined;
  readonly proxyUrl: string | undefined;
  /** The store's version (`storeVersion`) when the stored proxy was last found to be this one. */
  proxyCheckedAt: number | undefined;
}

export interface ExchangeClientCacheOptions {
  readonly events: CoreEvents;
  readonly urlOverrides: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /**
   * A number that moves whenever another process commits to the data folder (SQLite's
   * data_version). The proxy is a sealed field, so `cachedClient` cannot see it without decrypting:
   * a client it finds is used only while this has not moved since the client's proxy was compared
   * with the stored one. Otherwise the caller takes the full path, which decrypts the key and
   * compares (and, through the same proxy, keeps the client). This process's own changes drop the
   * client through its events; this catches the CLI's beside the app.
   */
  readonly storeVersion?: () => number;
}

export class ExchangeClientCache {
  /** `proxyUrl`: a client is reused only through the same proxy (changed by another process, too). */
  readonly #clients = new Map<string, ClientEntry>();
  /** Credential-less clients that loaded each exchange's public market list. */
  readonly #marketSources = new Map<string, Promise<Exchange>>();
  readonly #urlOverrides: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;
  #turn: Promise<void> = Promise.resolve();

  readonly #storeVersion: (() => number) | undefined;

  constructor(options: ExchangeClientCacheOptions) {
    this.#storeVersion = options.storeVersion;
    this.#urlOverrides = options.urlOverrides;
    this.#timeoutMs = options.timeoutMs;
    options.events.on('vault.locked', () => this.clear());
    options.events.on('vault.keyRotated', () => this.clear());
    // A new key, a new environment, revocation or deletion: the cached client is wrong now. A
    // verification result changes nothing the client holds.
    options.events.on('credentials.changed', ({ id, change }) => {
      if (change !== 'verified') this.drop(id);
    });
  }

  /** A ready client (markets loaded). Cached per credential; uncached when there is no credential id (a key being tested before it is stored). */
  async client(request: ClientRequest): Promise<Exchange> {
    // The market list is asked for before the client is built (#construct).
    const markets = this.#marketSource(request.provider, request.environment, request.marketKind);
    markets.catch(() => undefined);
    if (request.credentialId === undefined) return withMarkets(this.#construct(request, true), markets);
    const [key, entry] = this.#entry(request, true);
    return this.#ready(key, entry);
  }

  /**
   * The same cached client without waiting for (or asking for) the exchange's market list: for signed
   * calls that do not use markets (a key verification's implicit-API calls). A later `client()` for
   * the credential attaches the markets to this very client.
   */
  async signedClient(request: ClientRequest): Promise<Exchange> {
    if (request.credentialId === undefined) return this.#construct(request, false);
    return this.#entry(request, false)[1].built;
  }

  /** The client already built for this stored key (same fingerprint), if any: nothing to decrypt. */
  cachedClient(credentialId: string, fingerprint: string, marketKind?: MarketKind): Promise<Exchange> | undefined {
    const key = clientKey(credentialId, marketKind);
    const cached = this.#clients.get(key);
    if (!cached || cached.fingerprint !== fingerprint) return undefined;
    // Another process wrote to the data folder since the proxy was compared: it may have changed it.
    if (this.#storeVersion && cached.proxyCheckedAt !== this.#storeVersion()) return undefined;
    return this.#ready(key, cached);
  }

  /** A client without credentials, markets loaded: for prices and paper trades (never a private call). */
  publicClient(provider: string, environment: Environment, marketKind?: MarketKind): Promise<Exchange> {
    return this.#marketSource(provider, environment, marketKind);
  }

  drop(credentialId: string): void {
    this.#clients.delete(credentialId);
    this.#clients.delete(clientKey(credentialId, 'linear'));
  }

  clear(): void {
    this.#clients.clear();
  }

  /** The cached entry for the request's credential (same fingerprint and proxy), or a new one. */
  #entry(request: ClientRequest, afterMarkets: boolean): [string, ClientEntry] {
    const key = clientKey(request.credentialId ?? '', request.marketKind);
    const cached = this.#clients.get(key);
    const { proxyUrl } = splitProxy(request.secrets);
    const checkedAt = this.#storeVersion?.();
    if (cached && cached.fingerprint === request.fingerprint && cached.proxyUrl === proxyUrl) {
      cached.proxyCheckedAt = checkedAt;
      return [key, cached];
    }
    const entry: ClientEntry = { built: this.#construct(request, afterMarkets), markets: { provider: request.provider, environment: request.environment, marketKind: request.marketKind }, fingerprint: request.fingerprint, proxyUrl, proxyCheckedAt: checkedAt };
    this.#clients.set(key, entry);
    entry.built.catch(() => this.#forget(key, entry));
    return [key, entry];
  }

  /** The entry's client with markets attached; a failed market load drops the entry, as a failed build does. */
  #ready(key: string, entry: ClientEntry): Promise<Exchange> {
    if (!entry.ready) {
      const { provider, environment, marketKind } = entry.markets;
      entry.ready = withMarkets(entry.built, this.#marketSource(provider, environment, marketKind));
      entry.ready.catch(() => this.#forget(key, entry));
    }
    return entry.ready;
  }

  #forget(key: string, entry: ClientEntry): void {
    if (this.#clients.get(key) === entry) this.#clients.delete(key);
  }

  /**
   * `afterMarkets`: when the caller also asked for the market list, clients are built one per turn of
   * the event loop: building a ccxt client is milliseconds of CPU, and the twenty of a first "verify
   * all" would otherwise all run before the market request even leaves, adding to its round trip
   * instead of overlapping it. Without a market request there is nothing to overlap: building them
   * straight away lets every client's signed calls leave sooner.
   */
  async #construct(request: ClientRequest, afterMarkets: boolean): Promise<Exchange> {
    const { credentials, proxyUrl } = splitProxy(request.secrets);
    if (afterMarkets) await this.#nextTurn();
    return createExchangeClient({
      exchangeId: request.provider,
      credentials,
      proxyUrl,
      environment: request.environment,
      urlOverrides: this.#urlOverrides,
      timeoutMs: this.#timeoutMs,
      marketKind: request.marketKind,
    });
  }

  /** Resolves on a later turn of the event loop than every earlier caller: one client built per turn. */
  #nextTurn(): Promise<void> {
    const turn = this.#turn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.#turn = turn;
    return turn;
  }

  #marketSource(provider: string, environment: Environment, marketKind?: MarketKind): Promise<Exchange> {
    const key = `${provider}:${environment}${marketKind === 'linear' ? ':linear' : ''}`;
    let source = this.#marketSources.get(key);
    if (!source) {
      source = createExchangeClient({ exchangeId: provider, credentials: {}, environment, urlOverrides: this.#urlOverrides, timeoutMs: this.#timeoutMs, marketKind })
        .then(async (publicClient) => {
          await publicClient.loadMarkets();
          return publicClient;
        });
      this.#marketSources.set(key, source);
      source.catch(() => this.#marketSources.delete(key));
    }
    return source;
  }
}

/** Spot clients keep the credential id as their key (as before); a futures client is keyed beside it. */
function clientKey(credentialId: string, marketKind: MarketKind | undefined): string {
  return marketKind === 'linear' ? `${credentialId}|linear` : credentialId;
}

/** The client once the shared market list is attached to it. A failed market load is reported here. */
async function withMarkets(built: Promise<Exchange>, markets: Promise<Exchange>): Promise<Exchange> {
  const client = await built;
  client.setMarketsFromExchange(await markets);
  return client;
}
