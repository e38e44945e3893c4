/**
 * Builds the ccxt client for one credential: spot only, rate-limited, and with no private calls while markets
 * load (EXCHANGE-FACTS.md "ccxt 4.5.84"), pointed at the live exchange, its testnet, or an override URL.
 */
import type { Exchange } from 'ccxt';
import { KeywardenError } from '../errors';
import { loadExchangeClass, safeName, type ExchangeConstructor } from './ccxt-loader';
import { applyUrlOverride } from './exchange-urls';
import { leanExchangeClass } from './lean-exchange-class';
import { linearOnlyConfig } from './futures-client-config';
import { shareClientTransport } from './shared-client-transport';

export type ExchangeEnvironment = 'live' | 'testnet';

export interface ExchangeClientOptions {
  /** ccxt exchange id, e.g. 'binance'. */
  exchangeId: string;
  /** ccxt credential fields (apiKey, secret, password, uid, privateKey, walletAddress, …), decrypted just in time. */
  credentials: Readonly<Record<string, string>>;
  environment: ExchangeEnvironment;
  /** Exchange id → base URL (parsed KEYWARDEN_EXCHANGE_URLS). */
  urlOverrides?: Readonly<Record<string, string>>;
  /** Per-request timeout; ccxt's default is 10 s. */
  timeoutMs?: number;
  /** The account's outbound proxy (http://, https:// or socks5://, checked by shared/outbound-proxy.ts). */
  proxyUrl?: string | undefined;
  /** Which markets the client loads and trades: spot (the default) or USDT-margined perpetuals. */
  marketKind?: 'spot' | 'linear';
}

/** The credential fields ccxt knows (Exchange.requiredCredentials); anything else is refused, never spread into the config. */
const ccxtCredentialFields = new Set(['apiKey', 'secret', 'uid', 'accountId', 'login', 'password', 'twofa', 'privateKey', 'walletAddress', 'token']);

const defaultTimeoutMs = 10_000;

/** Constructor options per exchange, so loading markets stays public and spot-only. */
function spotOnlyConfig(exchangeId: string): Record<string, unknown> {
  switch (exchangeId) {
    case 'binance':
      // fetchCurrencies would call the private /sapi/v1/capital/config/getall, fetchMargins /sapi margin
      // pairs; the default market types also pull futures exchangeInfo from fapi/dapi.
      return { options: { defaultType: 'spot', fetchCurrencies: false, fetchMargins: false, fetchMarkets: { types: ['spot'] } } };
    case 'bybit':
      // Bybit ignores options.fetchCurrencies: only has.fetchCurrencies = false stops the private
      // /v5/asset/coin/query-info call in loadMarkets. Its defaultType is 'swap' out of the box.
      return { has: { fetchCurrencies: false }, options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] } } };
    default:
      return { options: { defaultType: 'spot' } };
  }
}

/**
 * The class this exchange's clients are built from: ccxt's class, loaded, with its lean subclass
 * (lean-exchange-class.ts) built, which takes a few tens of milliseconds the first time in a process.
 * For a background preload, so that the first "verify all" after a start does not pay for it.
 */
export async function loadClientClass(exchangeId: string): Promise<ExchangeConstructor> {
  return leanExchangeClass(await loadExchangeClass(exchangeId));
}

/**
 * Creates a ccxt client. With a URL override for the exchange, the override replaces every API URL and sandbox
 * mode is not used even for testnet credentials (Binance's sandbox has no /sapi, so it would change code paths).
 */
export async function createExchangeClient(options: ExchangeClientOptions): Promise<Exchange> {
  const { exchangeId, credentials, environment, urlOverrides, timeoutMs, proxyUrl } = options;
  // The lean class: same implicit API, defined once per class rather than per client (lean-exchange-class.ts).
  const ExchangeClass = await loadClientClass(exchangeId);

  const credentialConfig: Record<string, string> = {};
  for (const [field, value] of Object.entries(credentials)) {
    if (!ccxtCredentialFields.has(field)) {
      throw new KeywardenError('UNEXPECTED_FIELD', `"${safeName(field)}" is not a credential field an exchange uses. Remove it and try again.`, {
        field: safeName(field),
      });
    }
    credentialConfig[field] = value;
  }

  const spotOnly = options.marketKind === 'linear' ? linearOnlyConfig(exchangeId) : spotOnlyConfig(exchangeId);
  const exchange = new ExchangeClass({
    ...spotOnly,
    ...credentialConfig,
    enableRateLimit: true,
    // ccxt's default leaky bucket makes a verification's second request wait out the first one's
    // weight even when the client was idle; a rolling window (the exchanges' own model: weight per
    // minute) lets a short burst through and still keeps each client under its limit.
    rateLimiterAlgorithm: 'rollingWindow',
    rollingWindowSize: 60_000,
    timeout: timeoutMs ?? defaultTimeoutMs,
    // ccxt's native fetch hands either property to undici's ProxyAgent (http, https and socks5 alike);
    // socksProxy for socks5 keeps its websocket path (legacy agents) on the right kind too.
    ...(proxyUrl === undefined ? {} : proxyUrl.toLowerCase().startsWith('socks5:') ? { socksProxy: proxyUrl } : { httpsProxy: proxyUrl }),
  });
  shareClientTransport(exchange);

  const override = urlOverrides?.[exchangeId];
  if (override !== undefined) {
    applyUrlOverride(exchange, override);
  } else if (environment === 'testnet') {
    try {
      exchange.setSandboxMode(true);
    } catch {
      throw new KeywardenError('INVALID_INPUT', `${exchange.name ?? exchangeId} has no testnet in Keywarden. Choose the live environment, or another exchange.`, {
        provider: exchangeId,
      });
    }
  }
  return exchange;
}
