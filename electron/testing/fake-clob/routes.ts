/**
 * The paths the fake answers: the CLOB (public market data, L1 key management, L2 account and orders),
 * and the gamma (`/markets?slug=`, `/markets/slug/<slug>`) and data-api (`/positions?user=`) reads the
 * app uses to find a market by slug and list positions. Shapes follow @polymarket/clob-client-v2 1.1.0
 * (src/client.ts, src/types/clob.ts) and docs.polymarket.com.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { getAddress } from 'viem';
import { fromUnits } from './amounts';
import { type ApiCreds, type CredentialStore } from './auth';
import { allSpenders, type ChainContracts } from './contracts';
import type { Ledger } from './ledger';
import { placeOrder, type PlacementContext } from './placement';
import { error, ok, publicRoute } from './public-routes';
import type { FakeClobOrder, FakeClobPosition } from './types';

export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RouteAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface RouteContext extends PlacementContext {
  readonly creds: CredentialStore;
  readonly contracts: ChainContracts;
  readonly apiVersion: number;
  readonly pageSize: number;
  readonly positions: Readonly<Record<string, readonly FakeClobPosition[]>>;
  readonly trades: Map<string, { id: string; orderId: string; transactionHash: string; owner: string }>;
}

const endCursor = 'LTE=';

export async function route(request: RouteRequest, context: RouteContext): Promise<RouteAnswer> {
  const { method, path, query } = request;
  const publicAnswer = publicRoute(method, path, query, context);
  if (publicAnswer) return publicAnswer;

  if (path === '/auth/api-key' && method === 'POST') {
    const l1 = await context.creds.checkL1(request.headers);
    if (!l1.ok) return error(l1.status, l1.error);
    const created = context.creds.create(l1.value.address, l1.value.nonce);
    return created.ok ? ok(credsBody(created.value)) : error(created.status, created.error);
  }
  if (path === '/auth/derive-api-key' && method === 'GET') {
    const l1 = await context.creds.checkL1(request.headers);
    if (!l1.ok) return error(l1.status, l1.error);
    return ok(credsBody(context.creds.derive(l1.value.address, l1.value.nonce)));
  }

  const l2 = context.creds.checkL2(request.headers, method, path, request.body);
  if (!l2.ok) return error(l2.status, l2.error);
  return privateRoute(request, l2.value, context);
}

function credsBody(creds: ApiCreds): Record<string, string> {
  return { apiKey: creds.apiKey, secret: creds.secret, passphrase: creds.passphrase };
}

async function privateRoute(request: RouteRequest, creds: ApiCreds, context: RouteContext): Promise<RouteAnswer> {
  const { method, path, query } = request;
  const { ledger } = context;
  const mine = (order: FakeClobOrder): boolean => order.signer === creds.address;
  if (path === '/auth/api-keys' && method === 'GET') return ok({ apiKeys: context.creds.keysOf(creds.address) });
  if (path === '/auth/api-key' && method === 'DELETE') {
    context.creds.remove(creds.apiKey);
    return ok('OK');
  }
  if (path === '/auth/ban-status/closed-only' && method === 'GET') return ok({ closed_only: false });
  if (path === '/balance-allowance' && method === 'GET') return balanceAllowance(query, creds, context);
  if (path === '/balance-allowance/update' && method === 'GET') return ok('');
  if (path === '/order' && method === 'POST') {
    const body = parseJson(request.body);
    return placeOrder(body, creds, context);
  }
  if (path === '/orders' && method === 'POST') {
    const body = parseJson(request.body);
    if (!Array.isArray(body)) return error(400, 'Invalid order payload');
    if (body.length > 15) return error(400, `Too many orders in payload: ${body.length}, max allowed: 15`);
    const answers = [];
    for (const entry of body) {
      const answer = await placeOrder(entry, creds, context);
      // In a batch, refusals come back per order inside a 200 answer.
      answers.push(answer.status === 200 ? answer.body : { success: false, errorMsg: answer.body.error, orderID: '', status: '', makingAmount: '', takingAmount: '' });
    }
    return ok(answers);
  }
  if ((path === '/order' || path === '/orders' || path === '/cancel-all') && method === 'DELETE') {
    const body = parseJson(request.body);
    let ids: unknown[];
    if (path === '/cancel-all') ids = [...ledger.orders.values()].filter((order) => mine(order) && order.status === 'LIVE').map((order) => order.id);
    else if (path === '/orders') ids = Array.isArray(body) ? body : [];
    else ids = typeof body === 'object' && body !== null && typeof (body as { orderID?: unknown }).orderID === 'string' ? [(body as { orderID: string }).orderID] : [];
    if (path !== '/cancel-all' && ids.length === 0) return error(400, 'Invalid order payload');
    const canceled: string[] = [];
    const notCanceled: Record<string, string> = {};
    for (const id of ids.map(String)) {
      const order = ledger.orders.get(id);
      if (order && mine(order) && order.status === 'LIVE') {
        order.status = 'CANCELED';
        canceled.push(id);
      } else {
        notCanceled[id] = order && mine(order) && order.status === 'MATCHED' ? 'order already matched' : 'Order not found or already canceled';
      }
    }
    return ok({ canceled, not_canceled: notCanceled });
  }
  if (path === '/data/orders' && method === 'GET') {
    const matches = [...ledger.orders.values()].filter(
      (order) =>
        mine(order) &&
        order.status === 'LIVE' &&
        (!query.get('id') || order.id === query.get('id')) &&
        (!query.get('market') || order.conditionId === query.get('market')) &&
        (!query.get('asset_id') || order.tokenId === query.get('asset_id')),
    );
    const cursor = query.get('next_cursor') ?? 'MA==';
    const offset = Number(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) return error(400, 'invalid order params payload');
    const page = matches.slice(offset, offset + context.pageSize);
    const next = offset + context.pageSize < matches.length ? Buffer.from(String(offset + context.pageSize)).toString('base64') : endCursor;
    return ok({ limit: context.pageSize, count: page.length, next_cursor: next, data: page.map(openOrder) });
  }
  if (path.startsWith('/data/order/') && method === 'GET') {
    const order = ledger.orders.get(path.slice('/data/order/'.length));
    return order && mine(order) ? ok(openOrder(order)) : error(404, 'order not found');
  }
  if (path === '/data/trades' && method === 'GET') {
    const trades = [...context.trades.values()].filter((trade) => trade.owner === creds.apiKey && (!query.get('id') || trade.id === query.get('id')));
    return ok({ limit: 100, count: trades.length, next_cursor: endCursor, data: trades.map((trade) => tradeBody(trade, ledger)) });
  }
  return error(404, 'not found');
}

function balanceAllowance(query: URLSearchParams, creds: ApiCreds, context: RouteContext): RouteAnswer {
  const asset = query.get('asset_type');
  if (asset !== 'COLLATERAL' && asset !== 'CONDITIONAL') return error(400, 'Invalid asset type');
  const typeText = query.get('signature_type') ?? '0';
  if (!/^[0-3]$/.test(typeText)) return error(400, 'Invalid signature_type');
  const account = context.accounts.find((candidate) => getAddress(candidate.address) === creds.address);
  // The server derives the funder from the signer and the signature type: the wrong type is another, empty wallet.
  const funder = Number(typeText) === (account?.signatureType ?? 0) ? (account?.funder ?? creds.address) : undefined;
  const spenders = allSpenders(context.contracts);
  if (funder === undefined) return ok({ balance: '0', allowances: Object.fromEntries(spenders.map((spender) => [getAddress(spender), '0'])) });
  if (asset === 'CONDITIONAL') {
    const tokenId = query.get('token_id') ?? '';
    if (!context.ledger.token(tokenId)) return error(400, 'Invalid token id');
    return ok({ balance: context.ledger.sharesOf(funder, tokenId).toString(), allowances: context.ledger.allowancesOf(funder, 'CONDITIONAL', spenders) });
  }
  return ok({ balance: context.ledger.pusdOf(funder).toString(), allowances: context.ledger.allowancesOf(funder, 'COLLATERAL', spenders) });
}

function openOrder(order: FakeClobOrder): Record<string, unknown> {
  return {
    id: order.id,
    status: order.status,
    owner: order.owner,
    maker_address: order.maker,
    market: order.conditionId,
    asset_id: order.tokenId,
    side: order.side,
    original_size: fromUnits(order.originalShares),
    size_matched: fromUnits(order.matchedShares),
    price: order.price,
    associate_trades: [],
    outcome: order.outcome,
    created_at: order.createdAt,
    expiration: order.expiration,
    order_type: order.orderType,
  };
}

function tradeBody(trade: { id: string; orderId: string; transactionHash: string; owner: string }, ledger: Ledger): Record<string, unknown> {
  const order = ledger.orders.get(trade.orderId);
  return {
    id: trade.id,
    taker_order_id: trade.orderId,
    market: order?.conditionId ?? '',
    asset_id: order?.tokenId ?? '',
    side: order?.side ?? 'BUY',
    size: order ? fromUnits(order.matchedShares) : '0',
    fee_rate_bps: '0',
    price: order?.price ?? '0',
    status: 'CONFIRMED',
    match_time: String(order?.createdAt ?? 0),
    last_update: String(order?.createdAt ?? 0),
    outcome: order?.outcome ?? '',
    bucket_index: 0,
    owner: trade.owner,
    maker_address: order?.maker ?? '',
    maker_orders: [],
    transaction_hash: trade.transactionHash,
    trader_side: 'TAKER',
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
