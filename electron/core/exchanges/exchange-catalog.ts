/**
 * Which exchanges Keywarden can hold keys for, and which credential fields each one needs. The
 * answer comes from ccxt itself (`requiredCredentials`), so every ccxt exchange is supported and the
 * form asks exactly what that exchange signs with. Built once, on first use (ccxt loads lazily).
 */
import { isWalletProviderId, walletProviders } from '../../shared/wallet-providers';
import { aiProviderEntry } from '../ai-providers/ai-provider-catalogue';
import { credentialFieldNames } from '../credentials/credential-schema';
import { KeywardenError, isKeywardenError } from '../errors';
import { loadCcxt, loadExchangeClass, type ExchangeConstructor } from './ccxt-loader';
import { leanExchangeClass } from './lean-exchange-class';
import type { ExchangeInfo } from './exchange-schema';

/** Binance and Bybit get first-class checks, so pickers list them first. */
const FEATURED = ['binance', 'bybit'];

let catalog: Promise<ReadonlyMap<string, ExchangeInfo>> | undefined;

type ExchangeClass = new () => { name?: string; requiredCredentials: Record<string, boolean>; urls?: { test?: unknown } };

async function exchangeIds(): Promise<readonly string[]> {
  // Typed as a map of classes, but at run time ccxt.exchanges is the array of exchange ids.
  const listed: unknown = (await loadCcxt()).exchanges;
  return Array.isArray(listed) ? (listed as string[]) : Object.keys(listed as object);
}

/**
 * Instantiates one exchange class to read what it needs (cheap; the full catalog is ~100 of these).
 * `lean`: through the lean class clients are built from (lean-exchange-class.ts), so looking at one
 * exchange (its key fields, when a key is added) prepares it; not for the whole catalogue, whose
 * hundred lean classes would each keep their thousands of endpoint functions.
 */
async function describeExchange(id: string, lean = false): Promise<ExchangeInfo | undefined> {
  const Stock = await exchangeClass(id);
  const Exchange = Stock && lean ? (leanExchangeClass(Stock as unknown as ExchangeConstructor) as unknown as ExchangeClass) : Stock;
  if (!Exchange) return undefined;
  const instance = new Exchange();
  const fields = credentialFieldNames.filter((field) => instance.requiredCredentials[field] === true);
  if (fields.length === 0) return undefined;
  return { id, name: instance.name ?? id, fields, hasTestnet: Boolean(instance.urls?.test) };
}

/** One exchange's class, loading only its own module when ccxt is not loaded whole; undefined for an id ccxt does not have. */
async function exchangeClass(id: string): Promise<ExchangeClass | undefined> {
  try {
    return (await loadExchangeClass(id)) as unknown as ExchangeClass;
  } catch (error) {
    if (isKeywardenError(error, 'UNKNOWN_PROVIDER')) return undefined;
    throw error;
  }
}

async function buildCatalog(): Promise<ReadonlyMap<string, ExchangeInfo>> {
  const entries: ExchangeInfo[] = [];
  for (const id of await exchangeIds()) {
    const info = await describeExchange(id);
    if (info) entries.push(info);
  }
  entries.sort((a, b) => rank(a.id) - rank(b.id) || a.name.localeCompare(b.name));
  return new Map(entries.map((entry) => [entry.id, entry]));
}

function rank(id: string): number {
  const index = FEATURED.indexOf(id);
  return index === -1 ? FEATURED.length : index;
}

export async function listExchanges(): Promise<readonly ExchangeInfo[]> {
  catalog ??= buildCatalog().catch((error: unknown) => {
    catalog = undefined;
    throw error;
  });
  return [...(await catalog).values()];
}

/**
 * The name people know an exchange or AI provider by ("Binance" for `binance`, "OpenAI" for `openai`), for messages written before or
 * without a client (a client that failed to load its markets). The id itself if ccxt has no such exchange.
 */
export async function exchangeDisplayName(id: string): Promise<string> {
  // A key's provider may be an AI provider (kind `ai`): its name is the catalogue's, and no ccxt load is needed.
  const aiProvider = aiProviderEntry(id);
  if (aiProvider) return aiProvider.name;
  if (isWalletProviderId(id)) return walletProviders[id].name;
  try {
    const Exchange = await exchangeClass(id);
    return (Exchange ? new Exchange().name : undefined) ?? id;
  } catch {
    return id;
  }
}

/** The exchange with this ccxt id; a clear error (with close matches) otherwise. */
export async function getExchangeInfo(id: string): Promise<ExchangeInfo> {
  const found = await describeExchange(id, true);
  if (found) return found;
  const exchanges = await listExchanges();
  const needle = id.toLowerCase();
  const close = exchanges
    .filter((exchange) => exchange.id.includes(needle) || needle.includes(exchange.id) || editDistance(exchange.id, needle) <= 2)
    .slice(0, 4);
  const hint = close.length ? ` Did you mean ${close.map((e) => e.id).join(', ')}?` : ' Use the exchange id ccxt uses, such as binance or bybit.';
  throw new KeywardenError('UNKNOWN_PROVIDER', `Keywarden does not know an exchange called "${id.slice(0, 40)}".${hint}`, { provider: id.slice(0, 40) });
}

/** Levenshtein distance, for "did you mean" on a mistyped exchange id. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
