/**
 * Offline fake exchanges (Binance spot, Bybit v5) for tests and manual runs: loopback only, random port,
 * real signature checks, real error codes, injectable latency and faults. See DESIGN.md "Testing".
 */
export { startFakeExchange } from './server';
export { makeBinanceEd25519Key, makeBinanceHmacKey, makeBinanceRsaKey, makeBybitKey, makeBybitRsaKey, defaultPermissions } from './keys';
export type { TestKey } from './keys';
export { sendBinanceRequest, sendBybitRequest } from './signed-request';
export type { BinanceRequestOptions, BybitRequestOptions, RawResponse, SigningKey } from './signed-request';
export { defaultBalances, defaultMarkets } from './market-data';
export {
  binanceSignaturePayload,
  bybitSignaturePayload,
  hmacSha256Hex,
  signBinancePayload,
  signBybitPayload,
  verifyBinanceSignature,
  verifyBybitSignature,
} from './signing';
export type {
  FakeExchange,
  FakeExchangeId,
  FakeExchangeOptions,
  FakeFaultOptions,
  FakeKeyPermissions,
  FakeKeySpec,
  FakeLatency,
  FakeMarketSpec,
  FakeOrder,
  FakeOrderSide,
  FakeOrderStatus,
  FakeOrderType,
  FaultKind,
  RecordedRequest,
} from './types';
