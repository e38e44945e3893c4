/**
 * Polymarket's contract addresses per chain, as the official client (@polymarket/clob-client-v2 1.1.0,
 * src/config.ts) has them, and the EIP-712 domains the fake checks signatures against.
 */
import type { FakeClobMarketVersion } from './types';

export interface ChainContracts {
  readonly exchangeV2: `0x${string}`;
  readonly negRiskExchangeV2: `0x${string}`;
  readonly exchangeV3: `0x${string}`;
  readonly negRiskAdapter: `0x${string}`;
  readonly collateral: `0x${string}`;
}

export const chainContracts: Readonly<Record<137 | 80002, ChainContracts>> = {
  137: {
    exchangeV2: '0xE111180000d2663C0091e4f400237545B87B996B',
    negRiskExchangeV2: '0xe2222d279d744050d28e00520010520000310F59',
    exchangeV3: '0xe3333700cA9d93003F00f0F71f8515005F6c00Aa',
    negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
    collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
  },
  80002: {
    exchangeV2: '0xE111180000d2663C0091e4f400237545B87B996B',
    negRiskExchangeV2: '0xe2222d279d744050d28e00520010520000310F59',
    exchangeV3: '0x9fE6e61422AdB6F610d8597F9684b16912D50C3D',
    negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
    collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
  },
};

/** The exchange whose EIP-712 domain a market's orders must be signed for. */
export function exchangeFor(contracts: ChainContracts, version: FakeClobMarketVersion, negRisk: boolean): `0x${string}` {
  if (version === 3) return contracts.exchangeV3;
  return negRisk ? contracts.negRiskExchangeV2 : contracts.exchangeV2;
}

/** Every spender a funder approves when it "approves everything" (the fake's default). */
export function allSpenders(contracts: ChainContracts): `0x${string}`[] {
  return [contracts.exchangeV2, contracts.negRiskExchangeV2, contracts.exchangeV3, contracts.negRiskAdapter];
}

export function orderDomain(chainId: number, version: FakeClobMarketVersion, verifyingContract: `0x${string}`) {
  return { name: 'Polymarket CTF Exchange', version: String(version), chainId, verifyingContract } as const;
}

/** The signed part of a V2/V3 order (src/order-utils/model/ctfExchangeV2TypedData.ts). */
export const orderTypes = {
  Order: [
    { name: 'salt', type: 'uint256' },
    { name: 'maker', type: 'address' },
    { name: 'signer', type: 'address' },
    { name: 'tokenId', type: 'uint256' },
    { name: 'makerAmount', type: 'uint256' },
    { name: 'takerAmount', type: 'uint256' },
    { name: 'side', type: 'uint8' },
    { name: 'signatureType', type: 'uint8' },
    { name: 'timestamp', type: 'uint256' },
    { name: 'metadata', type: 'bytes32' },
    { name: 'builder', type: 'bytes32' },
  ],
} as const;

/** L1 auth (src/signing/eip712.ts). */
export const clobAuthTypes = {
  ClobAuth: [
    { name: 'address', type: 'address' },
    { name: 'timestamp', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'message', type: 'string' },
  ],
} as const;

export const clobAuthMessage = 'This message attests that I control the given wallet';
