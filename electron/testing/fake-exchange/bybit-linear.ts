/**
 * Bybit v5 `category=linear` (USDT perpetuals) on a Unified Trading Account, as ccxt 4.5.84 calls it
 * (bybit.js: fetchMarkets 'linear' → GET /v5/market/instruments-info, fetchTicker → /v5/market/tickers,
 * createOrder → POST /v5/order/create with positionIdx when `hedged` (1 buy side, 2 sell side; a
 * hedged reduce-only flips the side and drops reduceOnly), fetchPositions → GET /v5/position/list,
 * setLeverage → POST /v5/position/set-leverage, setPositionMode → POST /v5/position/switch-mode).
 * Bybit has no "read the position mode" call: the mode shows in position/list's positionIdx (0 one-way;
 * 1 and 2 hedge, both listed even when flat). The signed gate is the spot dialect's (bybit.ts); the
 * book is the exchange-neutral FuturesLedger. Codes (ccxt bybit.js `exceptions`): 10001 "position idx
 * not match position mode" (BadRequest), 110017 reduce-only not satisfied (InvalidOrder), 110025
 * position mode not modified (NoChange), 110043 leverage not modified (BadRequest: Keywarden treats it
 * as success), 110007 insufficient balance, 110072 duplicate orderLinkId.
 */
import type { FuturesLedger, FuturesOrder, FuturesRejection, PositionSide } from './futures-ledger';
import { roughLiquidationPrice } from './futures-ledger';
import type { MarketBook } from './market-data';
import { marketId, plainDecimal } from './market-data';
import type { FakeMarketSpec } from './types';

type Params = Readonly<Record<string, string>>;
export type LinearAnswer = { status: number; retCode: number; retMsg: string; result: unknown };

const fail = (retCode: number, retMsg: string): LinearAnswer => ({ status: 200, retCode, retMsg, result: {} });
const ok = (result: unknown): LinearAnswer => ({ status: 200, retCode: 0, retMsg: 'OK', result });

const rejections: Record<FuturesRejection, LinearAnswer> = {
  'unknown-symbol': fail(10001, 'Not supported symbols'),
  'position-side-mismatch': fail(10001, 'position idx not match position mode'),
  'reduce-only-rejected': fail(110017, 'Reduce-only rule not satisfied'),
  'quantity-too-small': fail(10001, 'The number of contracts below min limit allowed'),
  'quantity-too-large': fail(10001, 'The number of contracts exceeds maximum limit allowed'),
  'quantity-step': fail(10001, 'Qty invalid'),
  'price-step': fail(10001, 'Price invalid'),
  'min-notional': fail(110094, 'Order does not meet minimum order value 5USDT'),
  'insufficient-margin': fail(110007, 'ab not enough for new order'),
  'duplicate-client-order-id': fail(110072, 'OrderLinkedID is duplicate'),
};

/** The linear handlers by path; the spot dialect calls them when `category=linear`. Undefined = no such linear path. */
export function bybitLinearHandlers(context: { readonly ledger: FuturesLedger; readonly markets: MarketBook; readonly now: () => number }) {
  const { ledger, markets, now } = context;
  const perpetuals = () => markets.symbols().map((s) => markets.get(s)).filter((m): m is FakeMarketSpec => m !== undefined && m.quote === 'USDT');
  const symbolOf = (params: Params): string | LinearAnswer => {
    const id = params['symbol'];
    if (id === undefined || id === '') return fail(10001, 'params error: symbol is required');
    return markets.symbolOf(id) ?? rejections['unknown-symbol'];
  };

  function instruments(params: Params): LinearAnswer {
    // ccxt also asks for status=PreLaunch: none here.
    const list = params['status'] === 'PreLaunch' ? [] : perpetuals().filter((m) => params['symbol'] === undefined || marketId(m) === params['symbol']).map((m) => ({
      symbol: marketId(m), contractType: 'LinearPerpetual', status: 'Trading', baseCoin: m.base, quoteCoin: m.quote, settleCoin: 'USDT',
      launchTime: '1585526400000', deliveryTime: '0', deliveryFeeRate: '', priceScale: '2', unifiedMarginTrade: true, fundingInterval: 480, copyTrading: 'both',
      leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
      priceFilter: { minPrice: plainDecimal(m.tickSize), maxPrice: '1999999.80', tickSize: plainDecimal(m.tickSize) },
      lotSizeFilter: { maxOrderQty: plainDecimal(m.maxQty), minOrderQty: plainDecimal(m.minQty), qtyStep: plainDecimal(m.stepSize), postOnlyMaxOrderQty: plainDecimal(m.maxQty), maxMktOrderQty: plainDecimal(m.maxQty), minNotionalValue: plainDecimal(m.minNotional) },
    }));
    return ok({ category: 'linear', list, nextPageCursor: '' });
  }

  function tickers(params: Params): LinearAnswer {
    const chosen = perpetuals().filter((m) => params['symbol'] === undefined || marketId(m) === params['symbol']);
    if (params['symbol'] !== undefined && chosen.length === 0) return rejections['unknown-symbol'];
    return ok({ category: 'linear', list: chosen.map((m) => ({
      symbol: marketId(m), lastPrice: plainDecimal(m.lastPrice), markPrice: plainDecimal(m.lastPrice), indexPrice: plainDecimal(m.lastPrice),
      bid1Price: plainDecimal(m.lastPrice - m.tickSize), bid1Size: '1', ask1Price: plainDecimal(m.lastPrice + m.tickSize), ask1Size: '1',
      prevPrice24h: plainDecimal(m.lastPrice), price24hPcnt: '0', highPrice24h: plainDecimal(m.lastPrice), lowPrice24h: plainDecimal(m.lastPrice),
      turnover24h: plainDecimal(m.lastPrice * 1000), volume24h: '1000', fundingRate: '0.0001', nextFundingTime: String(now() + 3_600_000), openInterest: '1000',
    })) });
  }

  function createOrder(params: Params, apiKey: string): LinearAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    const side = params['side'];
    if (side !== 'Buy' && side !== 'Sell') return fail(10001, 'params error: side invalid');
    const type = params['orderType'];
    if (type !== 'Market' && type !== 'Limit') return fail(10001, 'params error: orderType invalid');
    if (!/^\d{1,20}(\.\d{1,20})?$/.test(params['qty'] ?? '')) return fail(10001, 'params error: qty invalid');
    const price = params['price'] === undefined ? undefined : Number(params['price']);
    if (type === 'Limit' && !(price !== undefined && price > 0)) return fail(10001, 'params error: price invalid');
    const index = params['positionIdx'] ?? '0';
    const positionSide: PositionSide | undefined = ({ '0': 'both', '1': 'long', '2': 'short' } as const)[index as '0' | '1' | '2'];
    if (positionSide === undefined) return fail(10001, 'params error: positionIdx invalid');
    // In hedge mode the index must be the order side's own (1 Buy / 2 Sell) unless it closes (reduceOnly).
    const reduceOnly = params['reduceOnly'] === 'true';
    const result = ledger.placeOrder({ apiKey, symbol, side: side === 'Buy' ? 'buy' : 'sell', type: type === 'Limit' ? 'limit' : 'market', amount: Number(params['qty']), price, reduceOnly, positionSide, clientOrderId: params['orderLinkId'] ?? `bybit-${now()}` });
    if (!result.ok) return rejections[result.rejection];
    return ok({ orderId: result.order.id, orderLinkId: result.order.clientOrderId });
  }

  function findOrders(params: Params, apiKey: string, openOnly: boolean): LinearAnswer {
    const symbol = params['symbol'] === undefined ? undefined : symbolOf(params);
    if (symbol !== undefined && typeof symbol !== 'string') return symbol;
    const list = ledger.orders.filter((o) => o.apiKey === apiKey && (symbol === undefined || o.symbol === symbol)
      && (params['orderId'] === undefined || o.id === params['orderId']) && (params['orderLinkId'] === undefined || o.clientOrderId === params['orderLinkId'])
      && (!openOnly || o.status === 'open' || params['orderId'] !== undefined || params['orderLinkId'] !== undefined));
    return ok({ category: 'linear', list: list.reverse().map(renderOrder), nextPageCursor: '' });
  }

  function cancelOrder(params: Params, apiKey: string): LinearAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    const order = ledger.cancelOrder(apiKey, symbol, { id: params['orderId'], clientOrderId: params['orderLinkId'] });
    return order ? ok({ orderId: order.id, orderLinkId: order.clientOrderId }) : fail(110001, 'Order does not exist');
  }

  function positionList(params: Params, apiKey: string): LinearAnswer {
    let symbol: string | undefined;
    if (params['symbol'] !== undefined) {
      const found = symbolOf(params);
      if (typeof found !== 'string') return found;
      symbol = found;
    } else if (params['settleCoin'] === undefined) return fail(10001, 'symbol or settleCoin is required');
    const list = ledger.positionsOf(apiKey, symbol).filter((p) => symbol !== undefined || p.amount !== 0).map((p) => {
      const market = markets.get(p.symbol) as FakeMarketSpec;
      const size = Math.abs(p.amount);
      const long = p.side === 'long' || (p.side === 'both' && p.amount > 0);
      const leverage = ledger.leverageOf(apiKey, p.symbol);
      return {
        positionIdx: p.side === 'both' ? 0 : p.side === 'long' ? 1 : 2, symbol: marketId(market), side: size === 0 ? '' : long ? 'Buy' : 'Sell', size: plainDecimal(size),
        avgPrice: plainDecimal(p.entryPrice), positionValue: plainDecimal(size * p.entryPrice), tradeMode: ledger.marginModeOf(apiKey, p.symbol) === 'isolated' ? 1 : 0,
        leverage: String(leverage), markPrice: plainDecimal(market.lastPrice), liqPrice: size === 0 ? '' : plainDecimal(roughLiquidationPrice(p, leverage)),
        unrealisedPnl: plainDecimal((market.lastPrice - p.entryPrice) * (long ? size : -size)), cumRealisedPnl: '0', positionIM: plainDecimal(size * p.entryPrice / leverage), positionMM: '0',
        positionStatus: 'Normal', autoAddMargin: 0, riskId: 1, riskLimitValue: '2000000', takeProfit: '', stopLoss: '', trailingStop: '0', createdTime: '1676538056258', updatedTime: String(now()), seq: 1, isReduceOnly: false,
      };
    });
    return ok({ category: 'linear', list, nextPageCursor: '' });
  }

  function setLeverage(params: Params, apiKey: string): LinearAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    if (params['buyLeverage'] !== params['sellLeverage']) return fail(10001, 'buy leverage must equal sell leverage in one-way mode');
    const outcome = ledger.setLeverage(apiKey, symbol, Number(params['buyLeverage']));
    if (outcome === 'invalid') return fail(10001, 'leverage invalid');
    return outcome === 'unchanged' ? fail(110043, 'Set leverage not modified') : ok({});
  }

  function switchMode(params: Params, apiKey: string): LinearAnswer {
    const mode = params['mode'];
    if (mode !== '0' && mode !== '3') return fail(10001, 'params error: mode invalid');
    const outcome = ledger.setHedged(apiKey, mode === '3');
    if (outcome === 'unchanged') return fail(110025, 'Position mode is not modified');
    return outcome === 'has-positions' ? fail(110024, 'You have an existing position, so position mode cannot be switched') : ok({});
  }

  function switchIsolated(params: Params, apiKey: string): LinearAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    const outcome = ledger.setMarginMode(apiKey, symbol, params['tradeMode'] === '1' ? 'isolated' : 'cross');
    if (outcome === 'unchanged') return fail(110026, 'Cross/isolated margin mode is not modified');
    return outcome === 'has-positions' ? fail(110027, 'Margin mode cannot be switched with open position') : ok({});
  }

  function renderOrder(order: FuturesOrder): unknown {
    const market = markets.get(order.symbol) as FakeMarketSpec;
    return {
      orderId: order.id, orderLinkId: order.clientOrderId, symbol: marketId(market), side: order.side === 'buy' ? 'Buy' : 'Sell', orderType: order.type === 'limit' ? 'Limit' : 'Market',
      price: plainDecimal(order.price ?? 0), qty: plainDecimal(order.amount), cumExecQty: plainDecimal(order.filled), cumExecValue: plainDecimal(order.filled * order.averagePrice), avgPrice: plainDecimal(order.averagePrice),
      leavesQty: plainDecimal(order.status === 'open' ? order.amount - order.filled : 0), orderStatus: order.status === 'open' ? 'New' : order.status === 'filled' ? 'Filled' : 'Cancelled',
      timeInForce: order.type === 'market' ? 'IOC' : 'GTC', reduceOnly: order.reduceOnly, positionIdx: order.positionSide === 'both' ? 0 : order.positionSide === 'long' ? 1 : 2,
      createdTime: String(order.createdAt), updatedTime: String(order.updatedAt), cumExecFee: '0', category: 'linear',
    };
  }

  return {
    /** Public paths. */
    public(path: string, params: Params): LinearAnswer | undefined {
      if (path === '/v5/market/instruments-info') return instruments(params);
      if (path === '/v5/market/tickers') return tickers(params);
      return undefined;
    },
    /** Signed paths, after the spot dialect's gate. */
    private(path: string, params: Params, apiKey: string): LinearAnswer | undefined {
      switch (path) {
        case '/v5/order/create': return createOrder(params, apiKey);
        case '/v5/order/cancel': return cancelOrder(params, apiKey);
        case '/v5/order/realtime': return findOrders(params, apiKey, true);
        case '/v5/order/history': return findOrders(params, apiKey, false);
        case '/v5/position/list': return positionList(params, apiKey);
        case '/v5/position/set-leverage': return setLeverage(params, apiKey);
        case '/v5/position/switch-mode': return switchMode(params, apiKey);
        case '/v5/position/switch-isolated': return switchIsolated(params, apiKey);
        default: return undefined;
      }
    },
  };
}
