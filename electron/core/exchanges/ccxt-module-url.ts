/**
 * Where ccxt's module for one exchange is, so it can be imported without the other hundred. ccxt's
 * package `exports` map offers only its entry point, so the file is found beside that entry
 * (`js/ccxt.js` imports `./src/<id>.js` for every exchange in ccxt 4.5.84), resolved from wherever
 * ccxt is installed: a repository checkout, the CLI's node_modules or a packaged app.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** ccxt ids are lowercase letters and digits; anything else never becomes part of a path. */
const exchangeIdPattern = /^[a-z][a-z0-9]{1,39}$/;

let entry: URL | null | undefined;

/** The exchange's own module, or undefined when the id or ccxt's layout is not one we know. */
export function exchangeModuleUrl(exchangeId: string): string | undefined {
  if (!exchangeIdPattern.test(exchangeId)) return undefined;
  const root = ccxtEntry();
  return root && new URL(`./src/${exchangeId}.js`, root).href;
}

/** ccxt's base module (the Exchange class every exchange extends), which every exchange's module imports. */
export function ccxtBaseModuleUrl(): string | undefined {
  const root = ccxtEntry();
  return root && new URL('./src/base/Exchange.js', root).href;
}

/**
 * What ccxt imports in Node before a client's first request (Exchange.loadFetchImplementation:
 * `undici`; Exchange.loadProxyModules: the proxy agents, where installed), resolved from ccxt's own
 * folder as ccxt resolves them (none has an `exports` map), so loading them here fills the same module
 * cache entries. Only the ones found.
 */
export function ccxtNetworkModuleUrls(): string[] {
  const base = ccxtBaseModuleUrl();
  if (base === undefined) return [];
  const fromCcxt = createRequire(base);
  const urls: string[] = [];
  for (const name of ['undici', 'http-proxy-agent', 'https-proxy-agent']) {
    try {
      urls.push(pathToFileURL(fromCcxt.resolve(name)).href);
    } catch {
      // Not installed: ccxt does without it (fetch instead of undici; no legacy proxy agents).
    }
  }
  return urls;
}

/** ccxt's ESM entry (…/ccxt/js/ccxt.js), resolved once. */
function ccxtEntry(): URL | undefined {
  if (entry === undefined) entry = resolveEntry() ?? null;
  return entry ?? undefined;
}

function resolveEntry(): URL | undefined {
  try {
    // The ESM resolution `import('ccxt')` itself uses, so both reach the same files (and module instances).
    const resolved = import.meta.resolve('ccxt');
    if (resolved.endsWith('/js/ccxt.js')) return new URL(resolved);
  } catch {
    // import.meta.resolve is missing under some loaders (test runners): ask CommonJS resolution below.
  }
  try {
    // The CommonJS entry (…/ccxt/dist/ccxt.cjs) sits one folder below the package, beside js/.
    const cjs = createRequire(import.meta.url).resolve('ccxt');
    return pathToFileURL(path.join(path.dirname(path.dirname(cjs)), 'js', 'ccxt.js'));
  } catch {
    return undefined;
  }
}
