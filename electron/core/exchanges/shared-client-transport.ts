/**
 * What ccxt 4.5.84 sets up per client before the client's first request, done once per process and
 * handed to every later client. Per client, ccxt (Exchange.loadFetchImplementation) imports undici
 * and makes the client its own keep-alive undici Agent, and (Exchange.loadProxyModules) imports the
 * optional proxy-agent modules, where an import that fails (socks-proxy-agent is not installed) is
 * resolved anew every time. For the twenty new clients of a first "verify all" that was twenty
 * Agents, twenty pools of connections to the same host (none reused across keys) and some forty
 * walks of the module folders.
 *
 * The first client loads both as ccxt does (right away instead of on its first request); every later
 * client gets the same outcome on the same fields: the same modules and the same Agent, so clients
 * share one keep-alive pool per host, as ccxt's own comment on `fetchDispatcher` has it. ccxt never
 * closes that Agent, and a client with a proxy still gets its own ProxyAgent (getFetchProxyDispatcher).
 * A client set up differently (its own fetch implementation or agents, TLS checks off) is left to
 * ccxt, as is a ccxt whose fields differ. shared-client-transport.test.ts compares with ccxt's own.
 */
import type { Exchange } from 'ccxt';

/** The fields ccxt's two loaders set (Exchange.js loadFetchImplementation, loadProxyModules). */
const fetchFields = ['AbortError', 'FetchError', 'undiciModule', 'fetchImplementation', 'fetchDispatcher', 'zlibModule', 'httpStatusTexts', 'fetchIsNative'] as const;
const proxyFields = ['httpProxyAgentModule', 'httpsProxyAgentModule', 'socksProxyAgentModule', 'socksProxyAgentModuleChecked'] as const;

type Fields = Record<string, unknown>;

interface Loader {
  readonly load: 'loadFetchImplementation' | 'loadProxyModules';
  readonly loading: 'fetchImplementationLoading' | 'proxiesModulesLoading';
  readonly fields: readonly string[];
}

const loaders: readonly Loader[] = [
  { load: 'loadFetchImplementation', loading: 'fetchImplementationLoading', fields: fetchFields },
  { load: 'loadProxyModules', loading: 'proxiesModulesLoading', fields: proxyFields },
];

/** Per loader: the first client's loading, then the fields it set. */
const loaded = new Map<Loader, Promise<Fields>>();

/** Gives `exchange` the transport the process's first client set up (or makes it that first client). */
export function shareClientTransport(exchange: Exchange): void {
  const client = exchange as unknown as Fields;
  if (!setUpByDefault(client)) return;
  for (const loader of loaders) {
    const load = client[loader.load];
    if (typeof load !== 'function' || client[loader.loading] !== undefined) continue;
    const first = loaded.get(loader);
    if (!first) {
      // ccxt's loaders catch a missing optional module themselves.
      const fields = (load as () => Promise<void>).call(client).then(() => Object.fromEntries(loader.fields.map((field) => [field, client[field]])));
      fields.catch(() => loaded.delete(loader));
      loaded.set(loader, fields);
      continue;
    }
    client[loader.loading] = first.then(
      (fields) => {
        Object.assign(client, fields);
      },
      () => {
        // The first client's loading failed (never expected): this one loads for itself, as ccxt does.
        client[loader.loading] = undefined;
        return (load as () => Promise<void>).call(client);
      },
    );
  }
}

/** Only a client on ccxt's defaults would have set up the same transport as the first one. */
function setUpByDefault(client: Fields): boolean {
  return client['fetchImplementation'] === undefined && client['validateServerSsl'] === true && client['agent'] === undefined && client['httpAgent'] === undefined && client['httpsAgent'] === undefined;
}
