/**
 * The networks a wallet is set to, as the core names them in messages and the window offers them:
 * well-known EVM chains with their native coin, the Solana clusters, and the default EVM derivation
 * path. One list for both (issue 18).
 *
 * This file is the shared pure tier: it imports nothing.
 */

export interface EvmChain {
  readonly chainId: number;
  readonly name: string;
  readonly nativeSymbol: string;
  readonly testnet?: true;
}

export const wellKnownEvmChains: readonly EvmChain[] = [
  { chainId: 1, name: 'Ethereum', nativeSymbol: 'ETH' },
  { chainId: 137, name: 'Polygon', nativeSymbol: 'POL' },
  { chainId: 8453, name: 'Base', nativeSymbol: 'ETH' },
  { chainId: 42161, name: 'Arbitrum', nativeSymbol: 'ETH' },
  { chainId: 10, name: 'Optimism', nativeSymbol: 'ETH' },
  { chainId: 56, name: 'BNB Chain', nativeSymbol: 'BNB' },
  { chainId: 43114, name: 'Avalanche', nativeSymbol: 'AVAX' },
  { chainId: 11155111, name: 'Sepolia', nativeSymbol: 'ETH', testnet: true },
];

export function evmChainOf(chainId: number): EvmChain | undefined {
  return wellKnownEvmChains.find((chain) => chain.chainId === chainId);
}

/** "Polygon (137)", or "chain 12345" for one Keywarden does not know. */
export function evmChainLabel(chainId: number): string {
  const chain = evmChainOf(chainId);
  return chain === undefined ? `chain ${chainId}` : `${chain.name} (${chainId})`;
}

export const solanaClusterNames = ['mainnet-beta', 'devnet', 'testnet'] as const;
export type SolanaCluster = (typeof solanaClusterNames)[number];

/** BIP-44's first Ethereum account, what wallets derive unless told otherwise. */
export const DEFAULT_EVM_DERIVATION_PATH = "m/44'/60'/0'/0/0";
