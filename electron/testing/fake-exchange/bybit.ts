/**
 * Bybit v5 spot on a Unified Trading Account, as ccxt 4.5.84 talks to it (bybit.js): /v5/market/* public,
 * /v5/account/*, /v5/user/query-api and /v5/order/* private. Private requests are checked the way Bybit does
 * (EXCHANGE-FACTS.md): X-BAPI-* headers, HMAC-SHA256 hex (or RSA base64) of timestamp + apiKey + recvWindow +
 * (raw query | raw JSON body), the timestamp window, expiry, IP and permission — answered in Bybit's envelope
 * {retCode, retMsg, result, retExtInfo, time} with Bybit's codes.
 */
import { createPublicKey } from 'node:crypto';
import { headerValue, parseRawParams } from './dialect';
import type { DialectContext, DialectRequest, DialectResponse, ExchangeDialect, RequestFacts } from './dialect';
import { accountIdOf, ipAllowed, permissionsOf } from './keys';
import type { StoredKey } from './keys';
import type { ClientIdUniqueness, OrderRejection } from './ledger';
import { marketId, plainDecimal } from './market-data';
import type { FakeMarketSpec, FakeOrder, FakeOrderStatus } from './types';
import { bybitLinearHandlers } from './bybit-linear';
import { bybitSignaturePayload, isPemPrivateKey, verifyBybitSignature } from './signing';

/** orderLinkId must be unique among all of the account's orders; order ids are long digit strings. */
export const bybitLedgerRules: { clientIdUniqueness: ClientIdUniqueness; formatOrderId: (sequence: number) => string } = {
  clientIdUniqueness: 'among-all-orders',
  formatOrderId: (sequence) => String(1_860_000_000_000_000_000n + BigInt(sequence)),
};

type Params = Readonly<Record<string, string>>;
type Access = 'public' | 'any-key' | 'read' | 'trade';

interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly access: Access;
  readonly handler: (params: Params, key: StoredKey | undefined) => Answer;
}

type Answer = { status: number; retCode: number; retMsg: string; result: unknown };

const messages = {
  invalidKey: 'API key is invalid.',
  permissionDenied: 'Permission denied, please check your API key permissions.',
  unmatchedIp: "Unmatched IP, please check your API key's bound IP addresses.",
  expired: 'Your api key has expired.',
  orderDoesNotExist: 'Order does not exist',
} as const;

function fail(retCode: number, retMsg: string, status = 200): Answer {
  return { status, retCode, retMsg, result: {} };
}

const rejections: Record<OrderRejection, Answer> = {
  // ccxt's broad map turns 'Not supported symbols' into BadSymbol.
  'unknown-symbol': fail(10001, 'Not supported symbols'),
  'quantity-too-small': fail(170136, 'Order quantity lower than the minimum.'),
  'quantity-too-large': fail(170135, 'Order quantity too large.'),
  'quantity-step': fail(170137, 'Order volume decimal too long.'),
  'price-step': fail(170134, 'Order price decimal too long.'),
  'min-notional': fail(170140, 'Order value exceeded lower limit.'),
  'insufficient-balance': fail(110007, 'ab not enough for new order'),
  'duplicate-client-order-id': fail(110072, 'OrderLinkedID is duplicate'),
};

export function createBybitDialect(context: DialectContext): ExchangeDialect {
  const { keys, ledger, markets, now } = context;
  // category=linear (USDT perpetuals): its own book and handlers, behind the same gate.
  const linear = context.futures ? bybitLinearHandlers({ ledger: context.futures.ledger, markets, now }) : undefined;
  const linearOnly = (): Answer => fail(10001, 'Illegal category');

  const routes: readonly Route[] = [
    { method: 'GET', path: '/v5/market/time', access: 'public', handler: serverTime },
    { method: 'GET', path: '/v5/market/instruments-info', access: 'public', handler: instrumentsInfo },
    { method: 'GET', path: '/v5/market/tickers', access: 'public', handler: tickers },
    { method: 'GET', path: '/v5/account/wallet-balance', access: 'read', handler: (params, key) => walletBalance(params, requireKey(key)) },
    { method: 'GET', path: '/v5/account/info', access: 'any-key', handler: () => accountInfo() },
    { method: 'GET', path: '/v5/user/query-api', access: 'any-key', handler: (_params, key) => queryApi(requireKey(key)) },
    { method: 'POST', path: '/v5/order/create', access: 'trade', handler: (params, key) => createOrder(params, requireKey(key)) },
    { method: 'POST', path: '/v5/order/cancel', access: 'trade', handler: (params, key) => cancelOrder(params, requireKey(key)) },
    { method: 'GET', path: '/v5/order/realtime', access: 'read', handler: (params, key) => realtimeOrders(params, requireKey(key)) },
    { method: 'GET', path: '/v5/order/history', access: 'read', handler: (params, key) => orderHistory(params, requireKey(key)) },
    // Linear only (answered by bybit-linear.ts when category=linear).
    { method: 'GET', path: '/v5/position/list', access: 'read', handler: linearOnly },
    { method: 'POST', path: '/v5/position/set-leverage', access: 'trade', handler: linearOnly },
    { method: 'POST', path: '/v5/position/switch-mode', access: 'trade', handler: linearOnly },
    { method: 'POST', path: '/v5/position/switch-isolated', access: 'trade', handler: linearOnly },
  ];

  function ok(result: unknown): Answer {
    return { status: 200, retCode: 0, retMsg: 'OK', result };
  }

  function findRoute(method: string, path: string): Route | undefined {
    return routes.find((route) => route.method === method && route.path === path);
  }

  function envelope(answer: Answer): unknown {
    return { retCode: answer.retCode, retMsg: answer.retMsg, result: answer.result, retExtInfo: {}, time: now() };
  }

  /**
   * The private-endpoint gate: headers, key, signature, timestamp window, expiry, IP, permission (Bybit does not
   * document its order). Returns the key, or the refusal.
   */
  function authenticate(request: DialectRequest, access: Access): StoredKey | Answer {
    const apiKey = headerValue(request.headers, 'x-bapi-api-key');
    // Bybit: HTTP 401 when the authentication headers are missing altogether.
    if (apiKey === undefined || apiKey === '') return fail(10003, messages.invalidKey, 401);
    const timestamp = headerValue(request.headers, 'x-bapi-timestamp') ?? '';
    const signature = headerValue(request.headers, 'x-bapi-sign') ?? '';
    const recvWindow = headerValue(request.headers, 'x-bapi-recv-window') ?? '5000';
    const key = keys.get(apiKey);
    if (key === undefined) return fail(10003, messages.invalidKey);
    if (!/^\d{1,15}$/.test(timestamp) || !/^\d{1,6}$/.test(recvWindow)) {
      return fail(10002, 'invalid request, please check your server timestamp or recv_window param');
    }
    // GET signs the query string exactly as received (ccxt does not percent-encode it); POST signs the raw body.
    const payload = bybitSignaturePayload({ timestamp, apiKey, recvWindow, payload: request.method === 'GET' ? request.rawQuery : request.rawBody });
    if (signature === '' || !verifyBybitSignature(payload, signature, key.secret)) {
      // Bybit echoes what it signed (never the secret), which helps users spot a wrong recvWindow or body.
      return fail(10004, `error sign! origin_string[${payload}]`);
    }
    const serverTime = now();
    const sentAt = Number(timestamp);
    if (sentAt < serverTime - Number(recvWindow) || sentAt >= serverTime + 1000) {
      return fail(
        10002,
        `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${serverTime}],recv_window[${recvWindow}]`,
      );
    }
    if (key.expiresAt !== undefined && key.expiresAt <= serverTime) return fail(33004, messages.expired);
    if (!ipAllowed(key, request.remoteAddress)) return fail(10010, messages.unmatchedIp);
    const permissions = permissionsOf(key);
    if (access === 'read' && !permissions.read) return fail(10005, messages.permissionDenied);
    if (access === 'trade' && (key.readOnly === true || !permissions.spotTrade || !permissions.read)) return fail(10005, messages.permissionDenied);
    return key;
  }

  // ---- public market data -------------------------------------------------------------------------------

  function serverTime(): Answer {
    const time = now();
    return ok({ timeSecond: String(Math.floor(time / 1000)), timeNano: `${time}000000` });
  }

  function instrumentsInfo(params: Params): Answer {
    const category = requireSpot(params);
    if (category !== undefined) return category;
    const symbol = params['symbol'];
    const list = allMarkets()
      .filter((market) => symbol === undefined || marketId(market) === symbol)
      .map((market) => ({
        symbol: marketId(market),
        baseCoin: market.base,
        quoteCoin: market.quote,
        innovation: '0',
        status: 'Trading',
        marginTrading: 'none',
        stTag: '0',
        lotSizeFilter: {
          basePrecision: plainDecimal(market.stepSize),
          quotePrecision: '0.00000001',
          minOrderQty: plainDecimal(market.minQty),
          maxOrderQty: plainDecimal(market.maxQty),
          minOrderAmt: plainDecimal(market.minNotional),
          maxOrderAmt: '2000000',
        },
        priceFilter: { tickSize: plainDecimal(market.tickSize) },
        riskParameters: { priceLimitRatioX: '0.05', priceLimitRatioY: '0.05' },
      }));
    return ok({ category: 'spot', list, nextPageCursor: '' });
  }

  function tickers(params: Params): Answer {
    const category = requireSpot(params);
    if (category !== undefined) return category;
    const symbol = params['symbol'];
    const chosen = allMarkets().filter((market) => symbol === undefined || marketId(market) === symbol);
    if (symbol !== undefined && chosen.length === 0) return rejections['unknown-symbol'];
    const list = chosen.map((market) => {
      const last = market.lastPrice;
      return {
        symbol: marketId(market),
        bid1Price: plainDecimal(last - market.tickSize),
        bid1Size: '1',
        ask1Price: plainDecimal(last + market.tickSize),
        ask1Size: '1',
        lastPrice: plainDecimal(last),
        prevPrice24h: plainDecimal(last),
        price24hPcnt: '0',
        highPrice24h: plainDecimal(last),
        lowPrice24h: plainDecimal(last),
        turnover24h: plainDecimal(last * 1000),
        volume24h: '1000',
        usdIndexPrice: market.quote === 'USDT' ? plainDecimal(last) : '',
      };
    });
    return ok({ category: 'spot', list });
  }

  // ---- account --------------------------------------------------------------------------------------------

  function walletBalance(params: Params, key: StoredKey): Answer {
    const accountType = params['accountType'];
    if (accountType === undefined || accountType === '') return fail(10001, 'accountType can not be empty');
    // The fake models a Unified Trading Account: Bybit refuses the classic account types for it.
    if (accountType !== 'UNIFIED') return fail(10001, 'accountType only support UNIFIED.');
    const wanted = params['coin']?.split(',');
    const coins = Object.entries(ledger.balancesOf(key.apiKey))
      .filter(([asset]) => wanted === undefined || wanted.includes(asset))
      .map(([asset, holding]) => {
        const total = holding.free + holding.locked;
        return {
          coin: asset,
          equity: plainDecimal(total),
          usdValue: plainDecimal(total * usdPriceOf(asset)),
          walletBalance: plainDecimal(total),
          locked: plainDecimal(holding.locked),
          // Deprecated for UTA accounts, so Bybit sends it empty (ccxt then derives free = total - used).
          availableToWithdraw: '',
          availableToBorrow: '',
          borrowAmount: '0',
          accruedInterest: '0',
          totalOrderIM: '0',
          totalPositionIM: '0',
          totalPositionMM: '0',
          unrealisedPnl: '0',
          cumRealisedPnl: '0',
          bonus: '0',
          marginCollateral: true,
          collateralSwitch: true,
          spotBorrow: '0',
        };
      });
    const totalUsd = plainDecimal(coins.reduce((sum, coin) => sum + Number(coin.usdValue), 0));
    return ok({
      list: [
        {
          accountType: 'UNIFIED',
          totalEquity: totalUsd,
          totalWalletBalance: totalUsd,
          totalMarginBalance: totalUsd,
          totalAvailableBalance: totalUsd,
          totalPerpUPL: '0',
          totalInitialMargin: '0',
          totalMaintenanceMargin: '0',
          accountIMRate: '0',
          accountMMRate: '0',
          accountLTV: '0',
          coin: coins,
        },
      ],
    });
  }

  function usdPriceOf(asset: string): number {
    if (asset === 'USDT' || asset === 'USDC') return 1;
    const market = markets.get(`${asset}/USDT`);
    return market?.lastPrice ?? 0;
  }

  function accountInfo(): Answer {
    // unifiedMarginStatus 5 = UTA 2.0: ccxt then reads balances from accountType=UNIFIED.
    return ok({
      unifiedMarginStatus: 5,
      marginMode: 'REGULAR_MARGIN',
      isMasterTrader: false,
      spotHedgingStatus: 'OFF',
      updatedTime: String(now()),
      dcpStatus: 'OFF',
      timeWindow: 10,
      smpGroup: 0,
    });
  }

  function queryApi(key: StoredKey): Answer {
    const permissions = permissionsOf(key);
    const wallet = [
      ...(permissions.internalTransfer ? ['AccountTransfer'] : []),
      ...(permissions.universalTransfer ? ['SubMemberTransfer'] : []),
      ...(permissions.withdraw ? ['Withdraw'] : []),
    ];
    const deadlineDay = key.expiresAt === undefined ? -1 : Math.max(0, Math.ceil((key.expiresAt - now()) / 86_400_000));
    return ok({
      id: String(accountIdOf(key.apiKey) % 1_000_000),
      note: 'keywarden fake',
      apiKey: key.apiKey,
      readOnly: key.readOnly === true ? 1 : 0,
      secret: '',
      permissions: {
        ContractTrade: permissions.futures ? ['Order', 'Position'] : [],
        Spot: permissions.spotTrade && key.readOnly !== true ? ['SpotTrade'] : [],
        Wallet: wallet,
        Options: [],
        Derivatives: [],
        CopyTrading: [],
        BlockTrade: [],
        Exchange: [],
        NFT: [],
        Affiliate: [],
        Earn: [],
      },
      ips: key.allowedIps === undefined ? ['*'] : [...key.allowedIps],
      type: 1,
      deadlineDay,
      expiredAt: key.expiresAt === undefined ? '1970-01-01T00:00:00Z' : new Date(key.expiresAt).toISOString(),
      createdAt: new Date(key.createdAt).toISOString(),
      unified: 0,
      uta: 1,
      userID: accountIdOf(key.apiKey),
      inviterID: 0,
      vipLevel: 'No VIP',
      mktMakerLevel: '0',
      affiliateID: 0,
      rsaPublicKey: isPemPrivateKey(key.secret) ? createPublicKey(key.secret).export({ type: 'spki', format: 'pem' }).toString() : '',
      isMaster: true,
      parentUid: '0',
      kycLevel: 'LEVEL_DEFAULT',
      kycRegion: '',
    });
  }

  // ---- orders ---------------------------------------------------------------------------------------------

  function createOrder(params: Params, key: StoredKey): Answer {
    const category = requireSpot(params);
    if (category !== undefined) return category;
    const id = params['symbol'];
    if (id === undefined || id === '') return fail(10001, 'params error: symbol is required');
    const symbol = markets.symbolOf(id);
    if (symbol === undefined) return rejections['unknown-symbol'];
    const side = params['side'];
    if (side !== 'Buy' && side !== 'Sell') return fail(10001, 'params error: side invalid');
    const orderType = params['orderType'];
    if (orderType !== 'Market' && orderType !== 'Limit') return fail(10001, 'params error: orderType invalid');
    const qty = decimal(params['qty']);
    if (qty === undefined) return fail(10001, 'params error: qty invalid');
    const price = decimal(params['price']);
    if (orderType === 'Limit' && price === undefined) return fail(10001, 'params error: price invalid');
    const timeInForce = params['timeInForce'];
    // The fake has no book to fill IOC/FOK against; only resting GTC orders are modelled.
    if (orderType === 'Limit' && timeInForce !== undefined && timeInForce !== 'GTC') return fail(10001, 'params error: timeInForce invalid');
    // Bybit's default for spot market orders: Buy is sized in the quote coin, Sell in the base coin.
    const marketUnit = params['marketUnit'] ?? (side === 'Buy' ? 'quoteCoin' : 'baseCoin');
    if (marketUnit !== 'baseCoin' && marketUnit !== 'quoteCoin') return fail(10001, 'params error: marketUnit invalid');
    const orderLinkId = params['orderLinkId'] ?? '';
    if (orderLinkId.length > 36) return fail(10001, 'params error: orderLinkId too long');
    const sizedInQuote = orderType === 'Market' && marketUnit === 'quoteCoin';

    const result = ledger.placeOrder({
      apiKey: key.apiKey,
      symbol,
      side: side === 'Buy' ? 'buy' : 'sell',
      type: orderType === 'Limit' ? 'limit' : 'market',
      amount: sizedInQuote ? undefined : qty,
      quoteAmount: sizedInQuote ? qty : undefined,
      price: orderType === 'Limit' ? price : undefined,
      clientOrderId: orderLinkId,
    });
    if (!result.ok) return rejections[result.rejection];
    return ok({ orderId: result.order.id, orderLinkId: result.order.clientOrderId });
  }

  function cancelOrder(params: Params, key: StoredKey): Answer {
    const category = requireSpot(params);
    if (category !== undefined) return category;
    const symbol = symbolParam(params);
    if (typeof symbol !== 'string') return symbol;
    const lookup = { id: params['orderId'], clientOrderId: params['orderLinkId'] };
    if (!lookup.id && !lookup.clientOrderId) return fail(10001, 'params error: orderId or orderLinkId is required');
    const order = ledger.cancelOrder(key.apiKey, symbol, lookup);
    if (order === undefined) return fail(110001, messages.orderDoesNotExist);
    return ok({ orderId: order.id, orderLinkId: order.clientOrderId });
  }

  function realtimeOrders(params: Params, key: StoredKey): Answer {
    const category = requireSpot(params);
    if (category !== undefined) return category;
    const symbol = params['symbol'] === undefined ? undefined : symbolParam(params);
    if (symbol !== undefined && typeof symbol !== 'string') return symbol;
    const id = params['orderId'];
    const clientOrderId = params['orderLinkId'];
    let list: FakeOrder[];
    if (id || clientOrderId) {
      // With an order id Bybit returns the order whatever its status (recent orders; the fake keeps all).
      const order = ledger.findOrder(key.apiKey, symbol, { id, clientOrderId });
      list = order === undefined ? [] : [order];
    } else {
      const statuses: readonly FakeOrderStatus[] = params['openOnly'] === '1' ? ['filled', 'canceled'] : ['open'];
      list = ledger.ordersOf(key.apiKey, symbol, statuses);
    }
    return ok({ category: 'spot', list: newestFirst(list, params).map(renderOrder), nextPageCursor: '' });
  }

  function orderHistory(params: Params, key: StoredKey): Answer {
    const category = requireSpot(params);
    if (category !== undefined) return category;
    const symbol = params['symbol'] === undefined ? undefined : symbolParam(params);
    if (symbol !== undefined && typeof symbol !== 'string') return symbol;
    const id = params['orderId'];
    const clientOrderId = params['orderLinkId'];
    let list = ledger.ordersOf(key.apiKey, symbol, ['open', 'filled', 'canceled']);
    if (id) list = list.filter((order) => order.id === id);
    else if (clientOrderId) list = list.filter((order) => order.clientOrderId === clientOrderId);
    return ok({ category: 'spot', list: newestFirst(list, params).map(renderOrder), nextPageCursor: '' });
  }

  function renderOrder(order: FakeOrder): unknown {
    const market = markets.get(order.symbol);
    const sizedInQuote = order.type === 'market' && order.quoteAmount !== undefined;
    const leaves = order.status === 'open' ? order.amount - order.filled : 0;
    return {
      orderId: order.id,
      orderLinkId: order.clientOrderId,
      blockTradeId: '',
      symbol: market === undefined ? order.symbol : marketId(market),
      price: order.price === undefined ? '0' : plainDecimal(order.price),
      qty: plainDecimal(sizedInQuote ? (order.quoteAmount ?? 0) : order.amount),
      side: order.side === 'buy' ? 'Buy' : 'Sell',
      isLeverage: '0',
      positionIdx: 0,
      orderStatus: order.status === 'open' ? 'New' : order.status === 'filled' ? 'Filled' : 'Cancelled',
      createType: 'CreateByUser',
      cancelType: order.status === 'canceled' ? 'CancelByUser' : 'UNKNOWN',
      rejectReason: 'EC_NoError',
      avgPrice: order.filled > 0 ? plainDecimal(order.cost / order.filled) : '',
      leavesQty: plainDecimal(leaves),
      leavesValue: plainDecimal(leaves * (order.price ?? 0)),
      cumExecQty: plainDecimal(order.filled),
      cumExecValue: plainDecimal(order.cost),
      cumExecFee: '0',
      cumFeeDetail: {},
      timeInForce: order.type === 'market' ? 'IOC' : 'GTC',
      orderType: order.type === 'market' ? 'Market' : 'Limit',
      stopOrderType: '',
      orderIv: '',
      // Spot orders carry no tpslMode: ccxt takes its presence as "this is a contract order".
      marketUnit: order.type === 'market' ? (sizedInQuote ? 'quoteCoin' : 'baseCoin') : '',
      triggerPrice: '0',
      takeProfit: '0',
      stopLoss: '0',
      tpTriggerBy: '',
      slTriggerBy: '',
      tpLimitPrice: '0',
      slLimitPrice: '0',
      triggerDirection: 0,
      triggerBy: '',
      lastPriceOnCreated: market === undefined ? '' : plainDecimal(market.lastPrice),
      reduceOnly: false,
      closeOnTrigger: false,
      placeType: '',
      smpType: 'None',
      smpGroup: 0,
      smpOrderId: '',
      createdTime: String(order.createdAt),
      updatedTime: String(order.updatedAt),
    };
  }

  function requireSpot(params: Params): Answer | undefined {
    const category = params['category'];
    if (category === undefined || category === '') return fail(10001, 'params error: category is required');
    // The fake lists spot markets only, as Keywarden trades spot only.
    if (category !== 'spot') return fail(10001, 'Illegal category');
    return undefined;
  }

  function symbolParam(params: Params): string | Answer {
    const id = params['symbol'];
    if (id === undefined || id === '') return fail(10001, 'params error: symbol is required');
    return markets.symbolOf(id) ?? rejections['unknown-symbol'];
  }

  function allMarkets(): FakeMarketSpec[] {
    return markets.symbols().flatMap((symbol) => {
      const market = markets.get(symbol);
      return market === undefined ? [] : [market];
    });
  }

  function paramsOf(request: DialectRequest): Record<string, string> {
    if (request.method === 'GET') return parseRawParams(request.rawQuery);
    return jsonParams(request.rawBody) ?? {};
  }

  return {
    inspect(request): RequestFacts {
      const route = findRoute(request.method, request.path);
      return {
        private: route !== undefined && route.access !== 'public',
        apiKey: headerValue(request.headers, 'x-bapi-api-key'),
        params: paramsOf(request),
      };
    },

    handle(request): DialectResponse {
      const route = findRoute(request.method, request.path);
      // Bybit answers unknown paths with a bare HTTP 404 (ccxt: ExchangeNotAvailable).
      if (route === undefined) return { status: 404, body: 'Not Found', authenticated: false, errorCode: undefined };
      if (request.method === 'POST' && jsonParams(request.rawBody) === undefined) {
        return toResponse(fail(10001, 'Request parameter error.'), false);
      }
      let key: StoredKey | undefined;
      if (route.access !== 'public') {
        const gate = authenticate(request, route.access);
        if (isAnswer(gate)) return toResponse(gate, false);
        key = gate;
      }
      const params = paramsOf(request);
      if (linear && params['category'] === 'linear') {
        const answer = key ? linear.private(request.path, params, key.apiKey) : linear.public(request.path, params);
        if (answer) return toResponse(answer, route.access !== 'public');
      }
      return toResponse(route.handler(params, key), route.access !== 'public');
    },

    rateLimited(): DialectResponse {
      const answer = fail(10006, 'Too many visits. Exceeded the API Rate Limit.');
      return {
        ...toResponse(answer, false),
        headers: { 'X-Bapi-Limit-Status': '0', 'X-Bapi-Limit-Reset-Timestamp': String(now() + 1000) },
      };
    },

    unavailable(): DialectResponse {
      return { status: 502, body: 'Bad Gateway', authenticated: false, errorCode: undefined };
    },
  };

  function toResponse(answer: Answer, authenticated: boolean): DialectResponse {
    return {
      status: answer.status,
      body: envelope(answer),
      authenticated,
      errorCode: answer.retCode === 0 ? undefined : answer.retCode,
    };
  }
}

function isAnswer(value: unknown): value is Answer {
  return typeof value === 'object' && value !== null && 'retCode' in value;
}

function requireKey(key: StoredKey | undefined): StoredKey {
  if (key === undefined) throw new Error('a private route ran without an authenticated key');
  return key;
}

function decimal(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,20}(\.\d{1,20})?$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 ? value : undefined;
}

/** POST bodies are JSON objects; values are flattened to strings like Bybit's own parameter parsing. */
function jsonParams(rawBody: string): Record<string, string> | undefined {
  if (rawBody === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    params[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return params;
}

/** Bybit lists orders newest first, 20 by default and at most 50 per page. */
function newestFirst(orders: FakeOrder[], params: Params): FakeOrder[] {
  const limit = Math.min(Math.max(Number(params['limit'] ?? 20) || 20, 1), 50);
  // The ledger keeps orders in creation order, so reversing is newest first even within one millisecond.
  return [...orders].reverse().slice(0, limit);
}

