/**
 * The least a webhook bridge can do, for the webhook bench's floor line: an HTTP listener that reads
 * the alert's JSON and sends its order with a ccxt client built (markets loaded) beforehand, one per
 * key, then answers 200. No token, no checks, no records, no risk gate: what is left is the extra
 * hop (sender → bridge → exchange instead of sender → exchange) and ccxt's own work, which every
 * bridge pays on this machine. Keywarden's overhead above this line is what Keywarden itself costs.
 * Bench only: it trusts whatever it is sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange } from 'ccxt';
import { createExchangeClient } from '../core/exchanges/exchange-client';
import type { TestKey } from '../testing/fake-exchange/keys';
import { readPositiveDecimal } from '../shared/decimal-input';

/** The client order id the floor bridge sends alert `alertId` with. */
export function floorOrderId(alertId: string): string {
  return `floor-${alertId}`;
}

export interface BridgeFloor {
  readonly url: string;
  stop(): Promise<void>;
}

/** `accounts[i]` is the account name alerts use for `keys[i]`. */
export async function startBridgeFloor(options: { readonly keys: readonly TestKey[]; readonly accounts: readonly string[]; readonly exchangeUrl: string; readonly symbol: string }): Promise<BridgeFloor> {
  const clients = new Map<string, Exchange>();
  await Promise.all(options.keys.map(async (key, n) => {
    const client = await createExchangeClient({ exchangeId: 'binance', credentials: { apiKey: key.apiKey, secret: key.secret }, environment: 'live', urlOverrides: { binance: options.exchangeUrl } });
    await client.loadMarkets();
    clients.set(options.accounts[n] ?? '', client);
  }));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const alert = readAlert(Buffer.concat(chunks));
      const client = alert ? clients.get(alert.account) : undefined;
      if (alert && client) void client.createOrder(options.symbol, 'market', alert.side, alert.amount, undefined, { clientOrderId: floorOrderId(alert.id) }).catch(() => undefined);
      // Answered once the order is on its way, as Keywarden answers after its turn's work (the order first).
      setImmediate(() => res.writeHead(client ? 200 : 404, { 'Content-Type': 'application/json' }).end('{}'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook/floor`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The fields the floor uses, or undefined for a body that is not such an alert (answered 404). */
function readAlert(body: Buffer): { account: string; side: 'buy' | 'sell'; amount: number; id: string } | undefined {
  try {
    const alert = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const { account, side, amount, id } = alert;
    if (typeof account !== 'string' || (side !== 'buy' && side !== 'sell') || typeof amount !== 'string' || typeof id !== 'string') return undefined;
    // The project's one reader of amounts (a decimal comma, junk and 0 are refused), as any bridge should.
    const read = readPositiveDecimal(amount, 'The amount');
    return read.ok ? { account, side, amount: read.value, id } : undefined;
  } catch {
    return undefined;
  }
}
