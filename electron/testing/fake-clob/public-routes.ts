/**
 * The paths anyone may read: the CLOB's market data (book, tick size, neg-risk, market info, time, version),
 * gamma's market by slug (`/markets?slug=`, `/markets/slug/<slug>`) and the data-api's `/positions?user=`.
 */
import { getAddress, isAddress } from 'viem';
import { fromUnits } from './amounts';
import type { RouteAnswer, RouteContext } from './routes';
import type { FakeClobMarketSpec } from './types';

export const error = (status: number, message: string): RouteAnswer => ({ status, body: { error: message } });
export const ok = (body: unknown): RouteAnswer => ({ status: 200, body });

export function publicRoute(method: string, path: string, query: URLSearchParams, context: RouteContext): RouteAnswer | undefined {
  if (method !== 'GET') return undefined;
  const { ledger } = context;
  if (path === '/' || path === '/ok') return ok('OK');
  if (path === '/time') return ok(Math.floor(context.now() / 1000));
  if (path === '/version') return ok({ version: context.apiVersion });
  if (path === '/book') {
    const tokenId = query.get('token_id') ?? '';
    const info = ledger.token(tokenId);
    const book = ledger.bookOf(tokenId);
    if (!info || !book) return error(404, 'No orderbook exists for the requested token id');
    // The real book lists bids ascending and asks descending: the best price of each side comes last.
    return ok({
      market: info.market.conditionId,
      asset_id: tokenId,
      timestamp: String(context.now()),
      hash: '',
      bids: book.bids,
      asks: [...book.asks].reverse(),
      min_order_size: info.market.minOrderSize ?? '5',
      tick_size: info.market.tickSize ?? '0.01',
      neg_risk: info.market.negRisk ?? false,
      last_trade_price: '0.5',
    });
  }
  if (path === '/tick-size' || path === '/neg-risk' || path === '/fee-rate') {
    const info = ledger.token(query.get('token_id') ?? '');
    if (!info) return error(404, 'market not found');
    if (path === '/tick-size') return ok({ minimum_tick_size: Number(info.market.tickSize ?? '0.01') });
    if (path === '/neg-risk') return ok({ neg_risk: info.market.negRisk ?? false });
    return ok({ base_fee: 0 });
  }
  if (path.startsWith('/markets-by-token/')) {
    const info = ledger.token(path.slice('/markets-by-token/'.length));
    return info ? ok({ condition_id: info.market.conditionId }) : error(404, 'market not found');
  }
  if (path.startsWith('/clob-markets/')) {
    const market = ledger.market(path.slice('/clob-markets/'.length));
    if (!market) return error(404, 'market not found');
    return ok({
      c: market.conditionId,
      t: market.tokens.map((token) => ({ t: token.tokenId, o: token.outcome })),
      mts: Number(market.tickSize ?? '0.01'),
      nr: market.negRisk ?? false,
      fd: { r: 0, e: 0 },
      r: null,
      mos: Number(market.minOrderSize ?? '5'),
    });
  }
  // Gamma answers a slug query with a list; the CLOB's own /markets is a cursor page.
  if (path === '/markets' && query.has('slug')) {
    const market = ledger.marketBySlug(query.get('slug') ?? '');
    return ok(market ? [gammaMarket(market)] : []);
  }
  if (path.startsWith('/markets/slug/')) {
    const market = ledger.marketBySlug(decodeURIComponent(path.slice('/markets/slug/'.length)));
    return market ? ok(gammaMarket(market)) : error(404, 'market not found');
  }
  if (path.startsWith('/markets/')) {
    const market = ledger.market(path.slice('/markets/'.length));
    return market ? ok(clobMarket(market)) : error(404, 'market not found');
  }
  if (path === '/positions') return positions(query.get('user') ?? '', context);
  return undefined;
}

/** Gamma's market: outcomes and clobTokenIds are JSON-encoded strings, as the real API sends them. */
function gammaMarket(market: FakeClobMarketSpec): Record<string, unknown> {
  return {
    id: market.conditionId.slice(2, 10),
    question: market.question ?? market.slug,
    conditionId: market.conditionId,
    slug: market.slug,
    outcomes: JSON.stringify(market.tokens.map((token) => token.outcome)),
    clobTokenIds: JSON.stringify(market.tokens.map((token) => token.tokenId)),
    orderPriceMinTickSize: Number(market.tickSize ?? '0.01'),
    orderMinSize: Number(market.minOrderSize ?? '5'),
    negRisk: market.negRisk ?? false,
    active: true,
    closed: false,
    acceptingOrders: market.acceptingOrders ?? true,
    enableOrderBook: true,
  };
}

function clobMarket(market: FakeClobMarketSpec): Record<string, unknown> {
  return {
    condition_id: market.conditionId,
    question: market.question ?? market.slug,
    market_slug: market.slug,
    tokens: market.tokens.map((token) => ({ token_id: token.tokenId, outcome: token.outcome })),
    minimum_order_size: Number(market.minOrderSize ?? '5'),
    minimum_tick_size: Number(market.tickSize ?? '0.01'),
    neg_risk: market.negRisk ?? false,
    accepting_orders: market.acceptingOrders ?? true,
    active: true,
    closed: false,
  };
}

function positions(user: string, context: RouteContext): RouteAnswer {
  if (!isAddress(user, { strict: false })) return error(400, 'invalid user address');
  const configured = Object.entries(context.positions).find(([address]) => address.toLowerCase() === user.toLowerCase());
  if (configured) return ok(configured[1].map((position) => ({ proxyWallet: getAddress(user), ...position, size: Number(position.size), avgPrice: Number(position.avgPrice) })));
  // Without configured positions the fake reports the shares the funder holds (data-api sends numbers).
  return ok(
    context.ledger.heldTokens(user).flatMap(([tokenId, size]) => {
      const info = context.ledger.token(tokenId);
      if (!info) return [];
      return [{ proxyWallet: getAddress(user), asset: tokenId, conditionId: info.market.conditionId, size: Number(fromUnits(size)), avgPrice: 0, outcome: info.token.outcome, slug: info.market.slug, title: info.market.question ?? info.market.slug }];
    }),
  );
}
