/**
 * Polymarket's contract addresses and service hosts, as the official clients configure them.
 * Exchanges and collateral: @polymarket/clob-client-v2 src/config.ts (MATIC_CONTRACTS, AMOY_CONTRACTS).
 * Only what CLOB V2 uses is kept: V1 exchanges are gone since 28 April 2026.
 */
import type { Address } from 'viem';

export type PolymarketChainId = 137 | 80002;

export interface PolymarketContracts {
  /** CTF exchange V2 (EIP-712 domain version "2"). */
  readonly exchangeV2: Address;
  /** Neg-risk CTF exchange V2 (domain version "2"). */
  readonly negRiskExchangeV2: Address;
  /** The position protocol's exchange (domain version "3"). */
  readonly exchangeV3: Address;
  /** pUSD, the collateral of every V2 market (6 decimals). */
  readonly collateral: Address;
  readonly conditionalTokens: Address;
  readonly negRiskAdapter: Address;
}

const POLYGON: PolymarketContracts = {
  exchangeV2: '0xE111180000d2663C0091e4f400237545B87B996B',
  negRiskExchangeV2: '0xe2222d279d744050d28e00520010520000310F59',
  exchangeV3: '0xe3333700cA9d93003F00f0F71f8515005F6c00Aa',
  collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
  conditionalTokens: '0x4D97DCd97eC945f40cF65F87097ACe5EA0476045',
  negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
};

const AMOY: PolymarketContracts = {
  exchangeV2: '0xE111180000d2663C0091e4f400237545B87B996B',
  negRiskExchangeV2: '0xe2222d279d744050d28e00520010520000310F59',
  exchangeV3: '0x9fE6e61422AdB6F610d8597F9684b16912D50C3D',
  collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
  conditionalTokens: '0x69308FB512518e39F9b16112fA8d994F4e2Bf8bB',
  negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
};

/** Collateral (pUSD) and outcome tokens both count in 6-decimal base units. */
export const POLYMARKET_TOKEN_DECIMALS = 6;

export const POLYMARKET_HOSTS = {
  clob: 'https://clob.polymarket.com',
  gamma: 'https://gamma-api.polymarket.com',
  data: 'https://data-api.polymarket.com',
} as const;

export type PolymarketService = keyof typeof POLYMARKET_HOSTS;
export type PolymarketBaseUrls = Readonly<Record<PolymarketService, string>>;

export function isPolymarketChainId(chainId: number): chainId is PolymarketChainId {
  return chainId === 137 || chainId === 80002;
}

export function polymarketContracts(chainId: PolymarketChainId): PolymarketContracts {
  return chainId === 137 ? POLYGON : AMOY;
}

/** The V2 exchanges a funder must allow to spend its pUSD: one per kind of market it trades. */
export function exchangeSpenders(chainId: PolymarketChainId): readonly { readonly name: string; readonly address: Address }[] {
  const contracts = polymarketContracts(chainId);
  return [
    { name: 'CTF exchange', address: contracts.exchangeV2 },
    { name: 'neg-risk CTF exchange', address: contracts.negRiskExchangeV2 },
  ];
}
