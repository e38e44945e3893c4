/**
 * Offline fake of the Polymarket CLOB V2 (with the gamma and data-api reads) for tests: loopback only,
 * random port, real L1/L2/order signature checks, real error bodies, faults and a settable clock.
 */
export { startFakeClob, geoblockError } from './server';
export { polyHmac } from './auth';
export { chainContracts, exchangeFor } from './contracts';
export type {
  FakeClob,
  FakeClobAccountSpec,
  FakeClobFault,
  FakeClobLevel,
  FakeClobMarketSpec,
  FakeClobMarketVersion,
  FakeClobOrder,
  FakeClobPosition,
  FakeClobSignatureType,
  FakeClobSpec,
  FakeClobState,
  FakeClobTokenSpec,
  RecordedClobRequest,
} from './types';
