/**
 * What to tell the user when the exchange refused or did not confirm an order. Like verification, it
 * works from the exchange's error code and never shows ccxt's text (it can carry the signed request).
 * A network failure means the order's fate is UNKNOWN: it is reconciled by its client order id,
 * never sent again blindly. Only a connection that never opened (refused, address not found) proves
 * nothing was sent; a timeout, a dropped connection or a 5xx may come after the exchange took the
 * order (Binance: a 503 means "execution status unknown").
 */
import { ccxtErrorFamily, exchangeErrorCode } from '../exchanges/ccxt-error';
import { IP_REFUSED_ORDER_CODE, ipRefusalMessage } from './order-ip-refusal';
import { unreachability, unreachableConsequence, unreachableMessage } from '../exchanges/exchange-unreachable';

export interface OrderFailure {
  readonly status: 'failed' | 'unknown';
  readonly errorCode: string;
  readonly message: string;
}

/** `provider` (binance, bybit) names where the key's IP allow-list is, when the exchange refused the IP. */
export function classifyOrderFailure(error: unknown, exchangeName: string, symbol: string, provider = exchangeName.toLowerCase()): OrderFailure {
  const code = exchangeErrorCode(error);
  const ipRefused = ipRefusalMessage(error, provider, exchangeName);
  if (ipRefused !== null) return { status: 'failed', errorCode: IP_REFUSED_ORDER_CODE, message: `${ipRefused} The order was not placed.` };
  const family = ccxtErrorFamily(error);
  const text = error instanceof Error ? error.message : '';
  if (family.includes('InsufficientFunds') || code === '110007' || /insufficient balance/i.test(text)) {
    return { status: 'failed', errorCode: 'INSUFFICIENT_BALANCE', message: `Not enough balance on ${exchangeName} for this ${symbol} order.` };
  }
  if (code === '-1013' || /NOTIONAL|MIN_NOTIONAL/.test(text)) {
    return { status: 'failed', errorCode: 'MIN_NOTIONAL', message: `${exchangeName} rejected the order: its value is below the minimum for ${symbol}.` };
  }
  if (code === '-1121' || family.includes('BadSymbol')) {
    return { status: 'failed', errorCode: 'INVALID_SYMBOL', message: `${exchangeName} does not accept orders for ${symbol}.` };
  }
  if (['-2015', '-2014', '-1022', '10003', '10004', '10005', '10010', '33004'].includes(code ?? '') || family.includes('AuthenticationError') || family.includes('PermissionDenied')) {
    return { status: 'failed', errorCode: 'EXCHANGE_AUTH', message: `${exchangeName} refused the key for this order. Verify the key (Verify on its page, or keywarden verify) and check it may trade spot.` };
  }
  if (code === '-1021' || code === '10002' || family.includes('InvalidNonce')) {
    return { status: 'failed', errorCode: 'CLOCK_SKEW', message: `${exchangeName} rejected the order's timestamp: this computer's clock is off. Turn on automatic time sync.` };
  }
  if (family.includes('InvalidOrder') || family.includes('BadRequest') || family.includes('OrderNotFillable')) {
    return { status: 'failed', errorCode: 'ORDER_REJECTED', message: `${exchangeName} rejected the order${code ? ` (code ${code})` : ''}.` };
  }
  const unreachable = unreachability(error);
  if (unreachable?.neverSent) {
    return { status: 'failed', errorCode: 'EXCHANGE_UNREACHABLE', message: unreachableMessage(exchangeName, unreachable.reason, unreachableConsequence.nothingSent) };
  }
  if (unreachable) {
    return { status: 'unknown', errorCode: 'ORDER_STATUS_UNKNOWN', message: unreachableMessage(exchangeName, unreachable.reason, 'it is not known whether the order arrived. Keywarden will look it up by its client order id and will not send it again.') };
  }
  // Rate limits (DDoSProtection, RateLimitExceeded) and anything else ccxt calls a network error.
  if (family.includes('NetworkError') || family.includes('ExchangeNotAvailable') || family.includes('RequestTimeout')) {
    return { status: 'unknown', errorCode: 'ORDER_STATUS_UNKNOWN', message: `${exchangeName} did not confirm the order. Keywarden will look it up by its client order id and will not send it again.` };
  }
  return { status: 'failed', errorCode: 'ORDER_REJECTED', message: `${exchangeName} rejected the order${code ? ` (code ${code})` : ''}.` };
}
