/**
 * Binance spot, as ccxt 4.5.84 talks to it (binance.js): /api/v3 for market data, account and orders, and
 * /sapi/v1/account/apiRestrictions for key permissions. SIGNED endpoints are checked the way Binance does
 * (EXCHANGE-FACTS.md): X-MBX-APIKEY, HMAC-SHA256 hex (or Ed25519 / RSA base64) of query + body without the
 * signature, timestamp inside recvWindow, then IP and permission — with Binance's own codes and messages.
 */
import { randomInt } from 'node:crypto';
import { headerValue } from './dialect';
import type { DialectContext, DialectRequest, DialectResponse, ExchangeDialect, RequestFacts } from './dialect';
import { accountIdOf, ipAllowed, normalizeIp, permissionsOf } from './keys';
import type { StoredKey } from './keys';
import type { ClientIdUniqueness, OrderRejection, OrderRequest } from './ledger';
import { fixed8, marketId } from './market-data';
import type { FakeMarketSpec, FakeOrder } from './types';
import { binanceSignaturePayload, verifyBinanceSignature } from './signing';
import { binanceFuturesRoutes } from './binance-futures';

/** newClientOrderId is unique among open orders only; order ids are integers. */
export const binanceLedgerRules: { clientIdUniqueness: ClientIdUniqueness; formatOrderId: (sequence: number) => string } = {
  clientIdUniqueness: 'among-open-orders',
  formatOrderId: (sequence) => String(28_457_000 + sequence),
};

type Permission = 'read' | 'trade';

interface Route {
  readonly method: string;
  readonly path: string;
  /** undefined = public; otherwise a SIGNED endpoint needing this permission. */
  readonly permission: Permission | undefined;
  readonly handler: (params: Readonly<Record<string, string>>, key: StoredKey | undefined) => Answer;
}

type Answer = { status: number; body: unknown; errorCode?: number };

const messages = {
  badApiKeyFormat: 'API-key format invalid.',
  rejectedKey: 'Invalid API-key, IP, or permissions for action.',
  badSignature: 'Signature for this request is not valid.',
  staleTimestamp: 'Timestamp for this request is outside of the recvWindow.',
  futureTimestamp: "Timestamp for this request was 1000ms ahead of the server's time.",
  insufficientBalance: 'Account has insufficient balance for requested action.',
  duplicateOrder: 'Duplicate order sent.',
  orderDoesNotExist: 'Order does not exist.',
  unknownOrder: 'Unknown order sent.',
  invalidSymbol: 'Invalid symbol.',
} as const;

function error(status: number, code: number, msg: string): Answer {
  return { status, body: { code, msg }, errorCode: code };
}

function mandatory(name: string): Answer {
  return error(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
}

const rejections: Record<OrderRejection, Answer> = {
  'unknown-symbol': error(400, -1121, messages.invalidSymbol),
  'quantity-too-small': error(400, -1013, 'Filter failure: LOT_SIZE'),
  'quantity-too-large': error(400, -1013, 'Filter failure: LOT_SIZE'),
  'quantity-step': error(400, -1013, 'Filter failure: LOT_SIZE'),
  'price-step': error(400, -1013, 'Filter failure: PRICE_FILTER'),
  'min-notional': error(400, -1013, 'Filter failure: NOTIONAL'),
  'insufficient-balance': error(400, -2010, messages.insufficientBalance),
  'duplicate-client-order-id': error(400, -2010, messages.duplicateOrder),
};

const decimalPattern = /^\d{1,20}(\.\d{1,20})?$/;
const clientOrderIdPattern = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export function createBinanceDialect(context: DialectContext): ExchangeDialect {
  const { keys, ledger, markets, now } = context;

  const routes: readonly Route[] = [
    { method: 'GET', path: '/api/v3/ping', permission: undefined, handler: () => ok({}) },
    { method: 'GET', path: '/api/v3/time', permission: undefined, handler: () => ok({ serverTime: now() }) },
    { method: 'GET', path: '/api/v3/exchangeInfo', permission: undefined, handler: exchangeInfo },
    { method: 'GET', path: '/api/v3/ticker/24hr', permission: undefined, handler: (params) => tickers(params, ticker24hr) },
    { method: 'GET', path: '/api/v3/ticker/price', permission: undefined, handler: (params) => tickers(params, tickerPrice) },
    { method: 'GET', path: '/api/v3/account', permission: 'read', handler: (params, key) => account(params, requireKey(key)) },
    { method: 'POST', path: '/api/v3/order', permission: 'trade', handler: (params, key) => newOrder(params, requireKey(key), false) },
    { method: 'POST', path: '/api/v3/order/test', permission: 'trade', handler: (params, key) => newOrder(params, requireKey(key), true) },
    { method: 'GET', path: '/api/v3/order', permission: 'read', handler: (params, key) => queryOrder(params, requireKey(key)) },
    { method: 'DELETE', path: '/api/v3/order', permission: 'trade', handler: (params, key) => cancelOrder(params, requireKey(key)) },
    { method: 'GET', path: '/api/v3/openOrders', permission: 'read', handler: (params, key) => openOrders(params, requireKey(key)) },
    { method: 'GET', path: '/sapi/v1/account/apiRestrictions', permission: 'read', handler: (_params, key) => apiRestrictions(requireKey(key)) },
    // USDⓈ-M futures (/fapi): same keys, signatures and gate; their own book.
    ...(context.futures ? binanceFuturesRoutes({ ...context.futures, markets, now }) : []),
  ];

  function ok(body: unknown): Answer {
    return { status: 200, body };
  }

  function findRoute(method: string, path: string): Route | undefined {
    return routes.find((route) => route.method === method && route.path === path);
  }

  function paramsOf(request: DialectRequest): Record<string, string> {
    // Form semantics ('+' is a space). A parameter sent in both places is taken from the query string.
    const params: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(request.rawBody)) params[key] = value;
    for (const [key, value] of new URLSearchParams(request.rawQuery)) params[key] = value;
    delete params['signature'];
    return params;
  }

  /**
   * The SIGNED-endpoint gate: API-key header, mandatory parameters, key, signature, timestamp, IP, permission
   * (Binance does not document its order). Returns the key, or the refusal.
   */
  function authenticate(request: DialectRequest, params: Readonly<Record<string, string>>, permission: Permission): StoredKey | Answer {
    const apiKey = headerValue(request.headers, 'x-mbx-apikey');
    if (apiKey === undefined || !/^[A-Za-z0-9]{64}$/.test(apiKey)) return error(401, -2014, messages.badApiKeyFormat);
    const signature = rawSignature(request);
    if (signature === undefined) return mandatory('signature');
    const timestampText = params['timestamp'];
    if (timestampText === undefined || !/^\d{1,15}$/.test(timestampText)) return mandatory('timestamp');
    const recvWindowText = params['recvWindow'] ?? '5000';
    const recvWindow = Number(recvWindowText);
    if (!decimalPattern.test(recvWindowText) || !(recvWindow > 0)) return error(400, -1100, "Illegal characters found in parameter 'recvWindow'; legal range is '^[0-9]{1,20}(\\.[0-9]{1,3})?$'.");
    if (recvWindow > 60_000) return error(400, -1131, 'recvWindow must be less than 60000');

    const key = keys.get(apiKey);
    if (key === undefined) return error(401, -2015, messages.rejectedKey);
    if (!verifyBinanceSignature(binanceSignaturePayload(request.rawQuery, request.rawBody), signature, key.secret)) {
      return error(400, -1022, messages.badSignature);
    }
    const serverTime = now();
    const timestamp = Number(timestampText);
    if (timestamp >= serverTime + 1000) return error(400, -1021, messages.futureTimestamp);
    if (serverTime - timestamp > recvWindow) return error(400, -1021, messages.staleTimestamp);
    // Binance does not say which of "unknown key, wrong IP, missing permission" it was: all are -2015.
    // Binance's answer to a refused IP names the address it saw (issue 20), still under the shared -2015.
    if (!ipAllowed(key, request.remoteAddress)) return error(401, -2015, `${messages.rejectedKey.replace(/\.$/, '')}, request ip: ${normalizeIp(request.remoteAddress)}`);
    if (!permissionsOf(key).read) return error(401, -2015, messages.rejectedKey);
    if (permission === 'trade' && !canTrade(key)) return error(401, -2015, messages.rejectedKey);
    return key;
  }

  function canTrade(key: StoredKey): boolean {
    // expiresAt models Binance's tradingAuthorityExpirationTime: the spot trading permission lapses.
    return permissionsOf(key).spotTrade && (key.expiresAt === undefined || key.expiresAt > now());
  }

  // ---- public market data -------------------------------------------------------------------------------

  function exchangeInfo(params: Readonly<Record<string, string>>): Answer {
    const selected = selectSymbols(params);
    if (isAnswer(selected)) return selected;
    return ok({
      timezone: 'UTC',
      serverTime: now(),
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
        { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
        { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
      ],
      exchangeFilters: [],
      symbols: selected.markets.map(symbolInfo),
    });
  }

  function tickers(params: Readonly<Record<string, string>>, render: (market: FakeMarketSpec) => unknown): Answer {
    const selected = selectSymbols(params);
    if (isAnswer(selected)) return selected;
    // One object for ?symbol=, an array otherwise (Binance's shape; ccxt handles both).
    const single = params['symbol'] !== undefined;
    const first = selected.markets[0];
    return ok(single && first !== undefined ? render(first) : selected.markets.map(render));
  }

  function selectSymbols(params: Readonly<Record<string, string>>): { markets: FakeMarketSpec[] } | Answer {
    let ids: string[] | undefined;
    const symbolParam = params['symbol'];
    const symbolsParam = params['symbols'];
    if (symbolParam !== undefined) ids = [symbolParam];
    else if (symbolsParam !== undefined) {
      try {
        const parsed: unknown = JSON.parse(symbolsParam);
        if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === 'string')) throw new Error('not a list');
        ids = parsed as string[];
      } catch {
        return error(400, -1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
      }
    }
    const all = markets.symbols().map((symbol) => markets.get(symbol)).filter((market) => market !== undefined);
    if (ids === undefined) return { markets: all };
    const chosen: FakeMarketSpec[] = [];
    for (const id of ids) {
      const symbol = markets.symbolOf(id);
      const market = symbol === undefined ? undefined : markets.get(symbol);
      if (market === undefined) return error(400, -1121, messages.invalidSymbol);
      chosen.push(market);
    }
    return { markets: chosen };
  }

  function symbolInfo(market: FakeMarketSpec): unknown {
    return {
      symbol: marketId(market),
      status: 'TRADING',
      baseAsset: market.base,
      baseAssetPrecision: 8,
      quoteAsset: market.quote,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      // Only what the fake implements, so ccxt refuses other order types before sending them.
      orderTypes: ['LIMIT', 'MARKET'],
      icebergAllowed: false,
      ocoAllowed: false,
      otoAllowed: false,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: false,
      cancelReplaceAllowed: false,
      amendAllowed: false,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: fixed8(market.tickSize), maxPrice: '1000000.00000000', tickSize: fixed8(market.tickSize) },
        { filterType: 'LOT_SIZE', minQty: fixed8(market.minQty), maxQty: fixed8(market.maxQty), stepSize: fixed8(market.stepSize) },
        { filterType: 'NOTIONAL', minNotional: fixed8(market.minNotional), applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
        { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: fixed8(market.maxQty), stepSize: '0.00000000' },
      ],
      permissions: [],
      permissionSets: [['SPOT']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
    };
  }

  function ticker24hr(market: FakeMarketSpec): unknown {
    const time = now();
    const last = market.lastPrice;
    return {
      symbol: marketId(market),
      priceChange: '0.00000000',
      priceChangePercent: '0.000',
      weightedAvgPrice: fixed8(last),
      prevClosePrice: fixed8(last),
      lastPrice: fixed8(last),
      lastQty: fixed8(market.minQty * 10),
      bidPrice: fixed8(last - market.tickSize),
      bidQty: '1.00000000',
      askPrice: fixed8(last + market.tickSize),
      askQty: '1.00000000',
      openPrice: fixed8(last),
      highPrice: fixed8(last),
      lowPrice: fixed8(last),
      volume: '1000.00000000',
      quoteVolume: fixed8(last * 1000),
      openTime: time - 86_400_000,
      closeTime: time,
      firstId: 1,
      lastId: 1000,
      count: 1000,
    };
  }

  function tickerPrice(market: FakeMarketSpec): unknown {
    return { symbol: marketId(market), price: fixed8(market.lastPrice) };
  }

  // ---- account --------------------------------------------------------------------------------------------

  function account(params: Readonly<Record<string, string>>, key: StoredKey): Answer {
    const permissions = permissionsOf(key);
    let balances = Object.entries(ledger.balancesOf(key.apiKey)).map(([asset, holding]) => ({
      asset,
      free: fixed8(holding.free),
      locked: fixed8(holding.locked),
    }));
    if (params['omitZeroBalances'] === 'true') balances = balances.filter((entry) => Number(entry.free) + Number(entry.locked) > 0);
    return ok({
      makerCommission: 10,
      takerCommission: 10,
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
      canTrade: canTrade(key),
      canWithdraw: permissions.withdraw,
      canDeposit: true,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: now(),
      accountType: 'SPOT',
      balances,
      permissions: ['SPOT'],
      uid: accountIdOf(key.apiKey),
    });
  }

  function apiRestrictions(key: StoredKey): Answer {
    const permissions = permissionsOf(key);
    return ok({
      ipRestrict: key.allowedIps !== undefined,
      createTime: key.createdAt,
      enableReading: permissions.read,
      enableSpotAndMarginTrading: permissions.spotTrade,
      enableWithdrawals: permissions.withdraw,
      enableInternalTransfer: permissions.internalTransfer,
      permitsUniversalTransfer: permissions.universalTransfer,
      enableMargin: false,
      enableFutures: permissions.futures,
      enableVanillaOptions: false,
      enablePortfolioMarginTrading: false,
      enableFixApiTrade: false,
      enableFixReadOnly: false,
      ...(key.expiresAt !== undefined ? { tradingAuthorityExpirationTime: key.expiresAt } : {}),
    });
  }

  // ---- orders ---------------------------------------------------------------------------------------------

  function newOrder(params: Readonly<Record<string, string>>, key: StoredKey, testOnly: boolean): Answer {
    const parsed = parseNewOrder(params);
    if (isAnswer(parsed)) return parsed;
    if (testOnly) {
      // order/test validates the parameters only (Binance: "no order is sent to the matching engine").
      return markets.get(parsed.request.symbol) === undefined ? rejections['unknown-symbol'] : ok({});
    }
    const result = ledger.placeOrder({ ...parsed.request, apiKey: key.apiKey });
    if (!result.ok) return rejections[result.rejection];
    return ok(renderNewOrder(result.order, parsed.responseType));
  }

  function parseNewOrder(params: Readonly<Record<string, string>>): { request: Omit<OrderRequest, 'apiKey'>; responseType: string } | Answer {
    const id = params['symbol'];
    if (id === undefined || id === '') return mandatory('symbol');
    const sideText = params['side'];
    if (sideText === undefined) return mandatory('side');
    if (sideText !== 'BUY' && sideText !== 'SELL') return error(400, -1117, 'Invalid side.');
    const typeText = params['type'];
    if (typeText === undefined) return mandatory('type');
    if (typeText !== 'MARKET' && typeText !== 'LIMIT') return error(400, -1116, 'Invalid orderType.');
    const symbol = markets.symbolOf(id);
    if (symbol === undefined) return rejections['unknown-symbol'];

    const amount = decimalParam(params, 'quantity');
    if (isAnswer(amount)) return amount;
    const quoteAmount = decimalParam(params, 'quoteOrderQty');
    if (isAnswer(quoteAmount)) return quoteAmount;
    const price = decimalParam(params, 'price');
    if (isAnswer(price)) return price;

    if (typeText === 'LIMIT') {
      const timeInForce = params['timeInForce'];
      if (timeInForce === undefined) return mandatory('timeInForce');
      // The fake has no book to fill IOC/FOK against; only resting GTC orders are modelled.
      if (timeInForce !== 'GTC') return error(400, -1115, 'Invalid timeInForce.');
      if (amount === undefined) return mandatory('quantity');
      if (price === undefined) return mandatory('price');
      if (quoteAmount !== undefined) return error(400, -1106, "Parameter 'quoteOrderQty' sent when not required.");
    } else {
      if (amount === undefined && quoteAmount === undefined) {
        return error(400, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
      }
      if (amount !== undefined && quoteAmount !== undefined) return error(400, -1106, "Parameter 'quoteOrderQty' sent when not required.");
      if (price !== undefined) return error(400, -1106, "Parameter 'price' sent when not required.");
    }

    const clientOrderId = params['newClientOrderId'] ?? generatedClientOrderId();
    if (!clientOrderIdPattern.test(clientOrderId)) {
      return error(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
    }
    const responseType = params['newOrderRespType'] ?? 'FULL';
    if (!['ACK', 'RESULT', 'FULL'].includes(responseType)) return error(400, -1100, "Illegal characters found in parameter 'newOrderRespType'.");
    return {
      request: {
        symbol,
        side: sideText === 'BUY' ? 'buy' : 'sell',
        type: typeText === 'LIMIT' ? 'limit' : 'market',
        amount,
        quoteAmount,
        price,
        clientOrderId,
      },
      responseType,
    };
  }

  function queryOrder(params: Readonly<Record<string, string>>, key: StoredKey): Answer {
    const lookup = orderLookup(params);
    if (isAnswer(lookup)) return lookup;
    const order = ledger.findOrder(key.apiKey, lookup.symbol, lookup);
    if (order === undefined) return error(400, -2013, messages.orderDoesNotExist);
    return ok(renderOrder(order));
  }

  function cancelOrder(params: Readonly<Record<string, string>>, key: StoredKey): Answer {
    const lookup = orderLookup(params);
    if (isAnswer(lookup)) return lookup;
    const order = ledger.cancelOrder(key.apiKey, lookup.symbol, lookup);
    if (order === undefined) return error(400, -2011, messages.unknownOrder);
    return ok({
      ...orderCore(order),
      origClientOrderId: order.clientOrderId,
      // Binance gives the cancel request its own client id.
      clientOrderId: params['newClientOrderId'] ?? generatedClientOrderId(),
      transactTime: now(),
    });
  }

  function openOrders(params: Readonly<Record<string, string>>, key: StoredKey): Answer {
    const id = params['symbol'];
    let symbol: string | undefined;
    if (id !== undefined) {
      symbol = markets.symbolOf(id);
      if (symbol === undefined) return rejections['unknown-symbol'];
    }
    return ok(ledger.openOrders(key.apiKey, symbol).map(renderOrder));
  }

  function orderLookup(params: Readonly<Record<string, string>>): { symbol: string; id: string | undefined; clientOrderId: string | undefined } | Answer {
    const id = params['symbol'];
    if (id === undefined || id === '') return mandatory('symbol');
    const symbol = markets.symbolOf(id);
    if (symbol === undefined) return rejections['unknown-symbol'];
    const orderId = params['orderId'];
    const clientOrderId = params['origClientOrderId'];
    if ((orderId === undefined || orderId === '') && (clientOrderId === undefined || clientOrderId === '')) {
      return error(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    if (orderId !== undefined && !/^\d{1,20}$/.test(orderId)) return error(400, -1100, "Illegal characters found in parameter 'orderId'; legal range is '^[0-9]{1,20}$'.");
    return { symbol, id: orderId, clientOrderId };
  }

  function renderNewOrder(order: FakeOrder, responseType: string): unknown {
    const ack = { symbol: idOf(order), orderId: Number(order.id), orderListId: -1, clientOrderId: order.clientOrderId, transactTime: order.createdAt };
    if (responseType === 'ACK') return ack;
    const result = { ...ack, ...orderCore(order), workingTime: order.createdAt, origQuoteOrderQty: fixed8(order.quoteAmount ?? 0) };
    if (responseType === 'RESULT') return result;
    const market = markets.get(order.symbol);
    const fills =
      order.filled > 0 && market !== undefined
        ? [
            {
              price: fixed8(order.cost / order.filled),
              qty: fixed8(order.filled),
              commission: '0.00000000',
              commissionAsset: order.side === 'buy' ? market.base : market.quote,
              tradeId: Number(order.id),
            },
          ]
        : [];
    return { ...result, fills };
  }

  /** GET /api/v3/order and /api/v3/openOrders entries. */
  function renderOrder(order: FakeOrder): unknown {
    return {
      ...orderCore(order),
      stopPrice: '0.00000000',
      icebergQty: '0.00000000',
      time: order.createdAt,
      updateTime: order.updatedAt,
      isWorking: true,
      workingTime: order.createdAt,
      origQuoteOrderQty: fixed8(order.quoteAmount ?? 0),
    };
  }

  /** The fields every Binance order answer shares. */
  function orderCore(order: FakeOrder) {
    return {
      symbol: idOf(order),
      orderId: Number(order.id),
      orderListId: -1,
      clientOrderId: order.clientOrderId,
      price: fixed8(order.price ?? 0),
      origQty: fixed8(order.amount),
      executedQty: fixed8(order.filled),
      cummulativeQuoteQty: fixed8(order.cost),
      status: order.status === 'open' ? 'NEW' : order.status === 'filled' ? 'FILLED' : 'CANCELED',
      timeInForce: 'GTC',
      type: order.type === 'limit' ? 'LIMIT' : 'MARKET',
      side: order.side === 'buy' ? 'BUY' : 'SELL',
      selfTradePreventionMode: 'EXPIRE_MAKER',
    };
  }

  function idOf(order: FakeOrder): string {
    const market = markets.get(order.symbol);
    return market === undefined ? order.symbol : marketId(market);
  }

  return {
    inspect(request): RequestFacts {
      const route = findRoute(request.method, request.path);
      return { private: route?.permission !== undefined, apiKey: headerValue(request.headers, 'x-mbx-apikey'), params: paramsOf(request) };
    },

    handle(request): DialectResponse {
      const route = findRoute(request.method, request.path);
      if (route === undefined) {
        // Binance's front end answers unknown paths with a bare 404 (ccxt: ExchangeNotAvailable).
        return { status: 404, body: 'Not Found', authenticated: false, errorCode: undefined };
      }
      const params = paramsOf(request);
      let key: StoredKey | undefined;
      if (route.permission !== undefined) {
        const gate = authenticate(request, params, route.permission);
        if (isAnswer(gate)) return toResponse(gate, false);
        key = gate;
      }
      return toResponse(route.handler(params, key), route.permission !== undefined);
    },

    rateLimited(_request, limitPerSecond): DialectResponse {
      const answer = error(429, -1003, `Too much request weight used; current limit is ${limitPerSecond} request weight per 1 SECOND. Please use WebSocket Streams for live updates to avoid polling the API.`);
      return { ...toResponse(answer, false), headers: { 'Retry-After': '1' } };
    },

    unavailable(): DialectResponse {
      return { status: 503, body: 'Service Unavailable', authenticated: false, errorCode: undefined };
    },
  };
}

function toResponse(answer: Answer, authenticated: boolean): DialectResponse {
  return { status: answer.status, body: answer.body, authenticated, errorCode: answer.errorCode };
}

function isAnswer(value: unknown): value is Answer {
  return typeof value === 'object' && value !== null && 'status' in value;
}

function requireKey(key: StoredKey | undefined): StoredKey {
  if (key === undefined) throw new Error('a SIGNED route ran without an authenticated key');
  return key;
}

/** undefined when absent, a number when well-formed, or Binance's -1100 answer. */
function decimalParam(params: Readonly<Record<string, string>>, name: string): number | undefined | Answer {
  const text = params[name];
  if (text === undefined || text === '') return undefined;
  if (!decimalPattern.test(text)) {
    return error(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`);
  }
  return Number(text);
}

function generatedClientOrderId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 22; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}


/** The Binance signature parameter exactly as sent, percent-decoded (ccxt URL-encodes base64 signatures). */
function rawSignature(request: DialectRequest): string | undefined {
  for (const raw of [request.rawQuery, request.rawBody]) {
    for (const pair of raw.split('&')) {
      if (!pair.startsWith('signature=')) continue;
      const value = pair.slice('signature='.length);
      if (value === '') return undefined;
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}
