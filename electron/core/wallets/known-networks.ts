/**
 * The networks Keywarden can name in messages: well-known EVM chains with their native coin, and the
 * Solana clusters with the genesis hash each one's nodes answer to getGenesisHash (the same values as
 * gill's GENESIS_HASH, packages/gill/src/core/const.ts).
 */
import { solanaClusterNames, type SolanaCluster } from '../../shared/wallet-networks';

// The chains and clusters themselves are the shared tier's: the window offers the same ones.
export { evmChainLabel, evmChainOf, wellKnownEvmChains, solanaClusterNames, type EvmChain, type SolanaCluster } from '../../shared/wallet-networks';

/** What an unknown chain's native coin is called in messages. */
export const UNKNOWN_NATIVE_SYMBOL = 'native coin';

export const solanaGenesisHashes: Readonly<Record<SolanaCluster, string>> = {
  'mainnet-beta': '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d',
  devnet: 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG',
  testnet: '4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY',
};

export const solanaClusterLabels: Readonly<Record<SolanaCluster | 'other', string>> = {
  'mainnet-beta': 'Solana mainnet',
  devnet: 'Solana devnet',
  testnet: 'Solana testnet',
  other: 'a Solana cluster Keywarden does not know (a local or private one)',
};

export function solanaClusterOfGenesis(hash: string): SolanaCluster | 'other' {
  return solanaClusterNames.find((cluster) => solanaGenesisHashes[cluster] === hash) ?? 'other';
}

/** Symbols of the best-known SPL mints on mainnet, for summaries; other mints are shown by address. */
export const wellKnownSolanaMints: Readonly<Record<string, string>> = {
  EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v: 'USDC',
  Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB: 'USDT',
};
