/**
 * Binance USDⓈ-M futures (`/fapi`), as ccxt 4.5.84 talks to it (binance.js: fetchMarkets 'linear' →
 * fapiPublicGetExchangeInfo, fetchTicker → fapiPublicGetTicker24hr, createOrder → fapiPrivatePostOrder,
 * fetchPositionMode → fapiPrivateGetPositionSideDual, setLeverage → fapiPrivatePostLeverage,
 * setMarginMode → fapiPrivatePostMarginType, fetchBalance → fapiPrivateV3GetAccount) and as
 * Keywarden calls it directly (fapiPrivateV2GetPositionRisk, which still carries leverage and margin
 * type). Signed requests pass the spot dialect's gate (same keys, signatures and codes); the futures
 * codes are Binance's own: -4061 position side vs mode, -2022 reduce-only, -1106 reduceOnly in hedge
 * mode, -4164 min notional, -4046 / -4059 nothing to change, -4028 leverage out of range.
 */
import type { StoredKey } from './keys';
import type { FuturesLedger, FuturesOrder, FuturesRejection, PositionSide } from './futures-ledger';
import { roughLiquidationPrice } from './futures-ledger';
import type { MarketBook } from './market-data';
import { fixed8, marketId } from './market-data';
import type { FakeMarketSpec } from './types';

export type FuturesAnswer = { status: number; body: unknown; errorCode?: number };
type Params = Readonly<Record<string, string>>;

function error(status: number, code: number, msg: string): FuturesAnswer {
  return { status, body: { code, msg }, errorCode: code };
}

const ok = (body: unknown): FuturesAnswer => ({ status: 200, body });
const mandatory = (name: string) => error(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

const rejections: Record<FuturesRejection, FuturesAnswer> = {
  'unknown-symbol': error(400, -1121, 'Invalid symbol.'),
  'position-side-mismatch': error(400, -4061, "Order's position side does not match user's setting."),
  'reduce-only-rejected': error(400, -2022, 'ReduceOnly Order is rejected.'),
  'quantity-too-small': error(400, -4003, 'Quantity less than or equal to zero.'),
  'quantity-too-large': error(400, -4005, 'Quantity greater than max quantity.'),
  'quantity-step': error(400, -1111, 'Precision is over the maximum defined for this asset.'),
  'price-step': error(400, -1111, 'Precision is over the maximum defined for this asset.'),
  'min-notional': error(400, -4164, "Order's notional must be no smaller than 5 (unless you choose reduce only)."),
  'insufficient-margin': error(400, -2019, 'Margin is insufficient.'),
  'duplicate-client-order-id': error(400, -4116, 'ClientOrderId is duplicated.'),
};

export interface FuturesRoute {
  readonly method: string;
  readonly path: string;
  readonly permission: 'read' | 'trade' | undefined;
  readonly handler: (params: Params, key: StoredKey | undefined) => FuturesAnswer;
}

export function binanceFuturesRoutes(context: { readonly ledger: FuturesLedger; readonly markets: MarketBook; readonly now: () => number; readonly walletOf: (apiKey: string) => number }): readonly FuturesRoute[] {
  const { ledger, markets, now } = context;
  const need = (key: StoredKey | undefined): StoredKey => {
    if (!key) throw new Error('a SIGNED futures route ran without a key');
    return key;
  };
  const symbolOf = (params: Params): string | FuturesAnswer => {
    const id = params['symbol'];
    if (id === undefined || id === '') return mandatory('symbol');
    return markets.symbolOf(id) ?? rejections['unknown-symbol'];
  };

  function exchangeInfo(): FuturesAnswer {
    return ok({
      timezone: 'UTC', serverTime: now(), futuresType: 'U_MARGINED', rateLimits: [], exchangeFilters: [],
      assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
      symbols: markets.symbols().map((s) => markets.get(s)).filter((m): m is FakeMarketSpec => m !== undefined && m.quote === 'USDT').map((market) => ({
        symbol: marketId(market), pair: marketId(market), contractType: 'PERPETUAL', deliveryDate: 4133404800000, onboardDate: 1569398400000, status: 'TRADING',
        maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000', baseAsset: market.base, quoteAsset: market.quote, marginAsset: market.quote,
        pricePrecision: decimalsOf(market.tickSize), quantityPrecision: decimalsOf(market.stepSize), baseAssetPrecision: 8, quotePrecision: 8, underlyingType: 'COIN',
        triggerProtect: '0.0500', liquidationFee: '0.012500', marketTakeBound: '0.05',
        filters: [
          { filterType: 'PRICE_FILTER', minPrice: fixed8(market.tickSize), maxPrice: '4529764', tickSize: fixed8(market.tickSize) },
          { filterType: 'LOT_SIZE', minQty: fixed8(market.minQty), maxQty: fixed8(market.maxQty), stepSize: fixed8(market.stepSize) },
          { filterType: 'MARKET_LOT_SIZE', minQty: fixed8(market.minQty), maxQty: fixed8(market.maxQty), stepSize: fixed8(market.stepSize) },
          { filterType: 'MAX_NUM_ORDERS', limit: 200 },
          { filterType: 'MIN_NOTIONAL', notional: String(market.minNotional) },
        ],
        orderTypes: ['LIMIT', 'MARKET'], timeInForce: ['GTC'],
      })),
    });
  }

  function ticker(params: Params): FuturesAnswer {
    const render = (market: FakeMarketSpec) => ({
      symbol: marketId(market), priceChange: '0', priceChangePercent: '0', weightedAvgPrice: fixed8(market.lastPrice), lastPrice: fixed8(market.lastPrice), lastQty: '1',
      openPrice: fixed8(market.lastPrice), highPrice: fixed8(market.lastPrice), lowPrice: fixed8(market.lastPrice), volume: '1000', quoteVolume: fixed8(market.lastPrice * 1000),
      openTime: now() - 86_400_000, closeTime: now(), firstId: 1, lastId: 1000, count: 1000,
    });
    if (params['symbol'] !== undefined) {
      const symbol = symbolOf(params);
      if (typeof symbol !== 'string') return symbol;
      return ok(render(markets.get(symbol) as FakeMarketSpec));
    }
    return ok(markets.symbols().map((s) => markets.get(s) as FakeMarketSpec).map(render));
  }

  function premiumIndex(params: Params): FuturesAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    const market = markets.get(symbol) as FakeMarketSpec;
    return ok({ symbol: marketId(market), markPrice: fixed8(market.lastPrice), indexPrice: fixed8(market.lastPrice), lastFundingRate: '0.00010000', nextFundingTime: now() + 3_600_000, interestRate: '0.00010000', time: now() });
  }

  function newOrder(params: Params, key: StoredKey): FuturesAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    const side = params['side'];
    if (side !== 'BUY' && side !== 'SELL') return side === undefined ? mandatory('side') : error(400, -1117, 'Invalid side.');
    const type = params['type'];
    if (type !== 'MARKET' && type !== 'LIMIT') return type === undefined ? mandatory('type') : error(400, -1116, 'Invalid orderType.');
    const quantity = Number(params['quantity']);
    if (params['quantity'] === undefined || !/^\d{1,20}(\.\d{1,20})?$/.test(params['quantity'])) return mandatory('quantity');
    const price = params['price'] === undefined ? undefined : Number(params['price']);
    if (type === 'LIMIT' && (price === undefined || !(price > 0))) return mandatory('price');
    if (type === 'LIMIT' && params['timeInForce'] === undefined) return mandatory('timeInForce');
    const sideText = params['positionSide'] ?? 'BOTH';
    if (!['BOTH', 'LONG', 'SHORT'].includes(sideText)) return error(400, -4006, 'Invalid position side.');
    const reduceOnly = params['reduceOnly'] === 'true';
    // Binance refuses reduceOnly in hedge mode outright; a hedge close is the opposite side on the same positionSide.
    if (params['reduceOnly'] !== undefined && ledger.isHedged(key.apiKey)) return error(400, -1106, "Parameter 'reduceonly' sent when not required.");
    const result = ledger.placeOrder({
      apiKey: key.apiKey, symbol, side: side === 'BUY' ? 'buy' : 'sell', type: type === 'LIMIT' ? 'limit' : 'market', amount: quantity, price,
      reduceOnly, positionSide: sideText.toLowerCase() as PositionSide, clientOrderId: params['newClientOrderId'] ?? `x-${now()}`,
    });
    return result.ok ? ok(renderOrder(result.order)) : rejections[result.rejection];
  }

  function lookup(params: Params, key: StoredKey, cancel: boolean): FuturesAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    const target = { id: params['orderId'], clientOrderId: params['origClientOrderId'] };
    if (!target.id && !target.clientOrderId) return error(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    const order = cancel ? ledger.cancelOrder(key.apiKey, symbol, target) : ledger.findOrder(key.apiKey, symbol, target);
    if (!order) return cancel ? error(400, -2011, 'Unknown order sent.') : error(400, -2013, 'Order does not exist.');
    return ok(renderOrder(order));
  }

  function positionRisk(params: Params, key: StoredKey, version: 2 | 3): FuturesAnswer {
    let symbol: string | undefined;
    if (params['symbol'] !== undefined) {
      const found = symbolOf(params);
      if (typeof found !== 'string') return found;
      symbol = found;
    }
    const rows = ledger.positionsOf(key.apiKey, symbol).filter((p) => version === 2 || p.amount !== 0).map((p) => {
      const market = markets.get(p.symbol) as FakeMarketSpec;
      const leverage = ledger.leverageOf(key.apiKey, p.symbol);
      const signed = p.side === 'short' ? -p.amount : p.amount;
      const pnl = (market.lastPrice - p.entryPrice) * signed;
      const common = {
        symbol: marketId(market), positionSide: p.side.toUpperCase(), positionAmt: String(signed), entryPrice: String(p.entryPrice), breakEvenPrice: String(p.entryPrice),
        markPrice: fixed8(market.lastPrice), unRealizedProfit: fixed8(p.amount === 0 ? 0 : pnl), liquidationPrice: String(roughLiquidationPrice(p, leverage)),
        notional: fixed8(signed * market.lastPrice), isolatedWallet: '0', updateTime: p.amount === 0 ? 0 : now(),
      };
      return version === 2
        ? { ...common, isolatedMargin: '0.00000000', marginType: ledger.marginModeOf(key.apiKey, p.symbol), isAutoAddMargin: 'false', leverage: String(leverage), maxNotionalValue: '20000000' }
        : { ...common, isolatedMargin: '0', initialMargin: fixed8(Math.abs(signed) * market.lastPrice / leverage), maintMargin: '0', marginAsset: 'USDT', adl: 0, bidNotional: '0', askNotional: '0' };
    });
    return ok(rows);
  }

  function setDual(params: Params, key: StoredKey): FuturesAnswer {
    const text = params['dualSidePosition'];
    if (text !== 'true' && text !== 'false') return mandatory('dualSidePosition');
    const outcome = ledger.setHedged(key.apiKey, text === 'true');
    if (outcome === 'unchanged') return error(400, -4059, 'No need to change position side.');
    if (outcome === 'has-positions') return error(400, -4068, 'Position side cannot be changed if there exists position.');
    return ok({ code: 200, msg: 'success' });
  }

  function setLeverage(params: Params, key: StoredKey): FuturesAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    const leverage = Number(params['leverage']);
    if (!/^\d{1,3}$/.test(params['leverage'] ?? '') || ledger.setLeverage(key.apiKey, symbol, leverage) === 'invalid') return error(400, -4028, `Leverage ${String(params['leverage']).slice(0, 10)} is not valid`);
    return ok({ leverage, maxNotionalValue: '20000000', symbol: params['symbol'] });
  }

  function setMarginType(params: Params, key: StoredKey): FuturesAnswer {
    const symbol = symbolOf(params);
    if (typeof symbol !== 'string') return symbol;
    const type = params['marginType'];
    if (type !== 'ISOLATED' && type !== 'CROSSED') return error(400, -4047, 'Margin type invalid.');
    const outcome = ledger.setMarginMode(key.apiKey, symbol, type === 'ISOLATED' ? 'isolated' : 'cross');
    if (outcome === 'unchanged') return error(400, -4046, 'No need to change margin type.');
    if (outcome === 'has-positions') return error(400, -4048, 'Margin type cannot be changed if there exists position.');
    return ok({ code: 200, msg: 'success' });
  }

  function account(key: StoredKey): FuturesAnswer {
    const wallet = context.walletOf(key.apiKey);
    const used = ledger.usedMargin(key.apiKey);
    const asset = { asset: 'USDT', walletBalance: fixed8(wallet), unrealizedProfit: '0', marginBalance: fixed8(wallet), maintMargin: '0', initialMargin: fixed8(used), positionInitialMargin: fixed8(used), openOrderInitialMargin: '0', crossWalletBalance: fixed8(wallet), crossUnPnl: '0', availableBalance: fixed8(wallet - used), maxWithdrawAmount: fixed8(wallet - used), updateTime: now() };
    return ok({ totalInitialMargin: fixed8(used), totalWalletBalance: fixed8(wallet), availableBalance: fixed8(wallet - used), assets: [asset], positions: [] });
  }

  function renderOrder(order: FuturesOrder): unknown {
    const market = markets.get(order.symbol) as FakeMarketSpec;
    return {
      orderId: Number(order.id), symbol: marketId(market), status: order.status === 'open' ? 'NEW' : order.status === 'filled' ? 'FILLED' : 'CANCELED', clientOrderId: order.clientOrderId,
      price: fixed8(order.price ?? 0), avgPrice: fixed8(order.averagePrice), origQty: String(order.amount), executedQty: String(order.filled), cumQuote: fixed8(order.filled * order.averagePrice),
      timeInForce: 'GTC', type: order.type.toUpperCase(), reduceOnly: order.reduceOnly, closePosition: false, side: order.side.toUpperCase(), positionSide: order.positionSide.toUpperCase(),
      stopPrice: '0', workingType: 'CONTRACT_PRICE', priceProtect: false, origType: order.type.toUpperCase(), priceMatch: 'NONE', selfTradePreventionMode: 'EXPIRE_MAKER', goodTillDate: 0,
      time: order.createdAt, updateTime: order.updatedAt,
    };
  }

  return [
    { method: 'GET', path: '/fapi/v1/ping', permission: undefined, handler: () => ok({}) },
    { method: 'GET', path: '/fapi/v1/time', permission: undefined, handler: () => ok({ serverTime: now() }) },
    { method: 'GET', path: '/fapi/v1/exchangeInfo', permission: undefined, handler: exchangeInfo },
    { method: 'GET', path: '/fapi/v1/ticker/24hr', permission: undefined, handler: ticker },
    { method: 'GET', path: '/fapi/v1/premiumIndex', permission: undefined, handler: premiumIndex },
    { method: 'POST', path: '/fapi/v1/order', permission: 'trade', handler: (p, k) => newOrder(p, need(k)) },
    { method: 'GET', path: '/fapi/v1/order', permission: 'read', handler: (p, k) => lookup(p, need(k), false) },
    { method: 'DELETE', path: '/fapi/v1/order', permission: 'trade', handler: (p, k) => lookup(p, need(k), true) },
    { method: 'GET', path: '/fapi/v1/openOrders', permission: 'read', handler: (p, k) => ok(ledger.openOrders(need(k).apiKey, p['symbol'] ? markets.symbolOf(p['symbol']) : undefined).map(renderOrder)) },
    { method: 'GET', path: '/fapi/v2/positionRisk', permission: 'read', handler: (p, k) => positionRisk(p, need(k), 2) },
    { method: 'GET', path: '/fapi/v3/positionRisk', permission: 'read', handler: (p, k) => positionRisk(p, need(k), 3) },
    { method: 'GET', path: '/fapi/v1/positionSide/dual', permission: 'read', handler: (_p, k) => ok({ dualSidePosition: ledger.isHedged(need(k).apiKey) }) },
    { method: 'POST', path: '/fapi/v1/positionSide/dual', permission: 'trade', handler: (p, k) => setDual(p, need(k)) },
    { method: 'POST', path: '/fapi/v1/leverage', permission: 'trade', handler: (p, k) => setLeverage(p, need(k)) },
    { method: 'POST', path: '/fapi/v1/marginType', permission: 'trade', handler: (p, k) => setMarginType(p, need(k)) },
    { method: 'GET', path: '/fapi/v3/account', permission: 'read', handler: (_p, k) => account(need(k)) },
    { method: 'GET', path: '/fapi/v2/account', permission: 'read', handler: (_p, k) => account(need(k)) },
  ];
}

function decimalsOf(step: number): number {
  return Math.max(0, Math.round(-Math.log10(step)));
}
