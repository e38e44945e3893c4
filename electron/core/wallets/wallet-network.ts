/**
 * Readers for a wallet's optional network settings. They are stored as credential fields, so each
 * takes the typed text and returns the stored text. An RPC URL often carries a provider's API key
 * in its path or query, so no message repeats it: only its host is named.
 */
import { KeywardenError } from '../errors';
import { readEvmAddress } from './evm-address';
import { solanaClusterNames, type SolanaCluster } from './known-networks';
import { cleanPasted, malformed } from './pasted-text';
import { readSolanaAddress } from './solana-wallet-key';

const MAX_CHAIN_ID = 2n ** 53n;
const MAX_RPC_URL_LENGTH = 2048;
export const MAX_TOKENS_PER_WALLET = 20;

/** An EVM chain id, typed in decimal or 0x-hex, stored in decimal. */
export function readChainId(text: string): string {
  const cleaned = cleanPasted(text, 'chainId', 'chain id');
  if (cleaned === undefined) throw malformed('chainId', 'The chain id is empty.');
  if (!/^(\d{1,20}|0x[0-9a-fA-F]{1,16})$/.test(cleaned)) {
    throw malformed('chainId', 'The chain id must be a whole number, such as 1 for Ethereum or 137 for Polygon.');
  }
  const value = BigInt(cleaned);
  if (value <= 0n || value > MAX_CHAIN_ID) throw malformed('chainId', 'The chain id must be a whole number from 1 to 2^53.');
  return value.toString();
}

/** An http(s) RPC URL without user:password@, at most 2048 characters. Messages name only its host. */
export function readRpcUrl(text: string): string {
  const cleaned = cleanPasted(text, 'rpcUrl', 'RPC URL');
  if (cleaned === undefined) throw malformed('rpcUrl', 'The RPC URL is empty.');
  if (cleaned.length > MAX_RPC_URL_LENGTH) throw malformed('rpcUrl', `The RPC URL is longer than ${MAX_RPC_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    throw malformed('rpcUrl', 'The RPC URL is not a web address; it looks like https://host/… as your RPC provider shows it.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw malformed('rpcUrl', `The RPC URL for ${url.hostname || 'this host'} must start with https:// (or http://); websocket and other addresses are not used for balance checks.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw malformed('rpcUrl', `The RPC URL for ${url.hostname} carries a user name or password before the host, which Keywarden does not send. Use the form your RPC provider gives with the key in the path.`);
  }
  if (url.hostname === '') throw malformed('rpcUrl', 'The RPC URL has no host.');
  return url.href;
}

/** The host of an RPC URL, the one part of it a message may name. */
export function rpcHostOf(rpcUrl: string): string {
  try {
    return new URL(rpcUrl).host || 'the RPC node';
  } catch {
    return 'the RPC node';
  }
}

/** ERC-20 contracts, separated by commas, spaces or lines; stored EIP-55, deduplicated, comma-joined. */
export function readTokenContracts(text: string): string {
  return readList(text, 'tokenContracts', 'token contract', (entry, position) => {
    const reading = readEvmAddress(entry);
    if (!reading.ok) throw malformed('tokenContracts', `Token contract ${position} ${reading.problem}.`);
    return reading.address;
  });
}

/** SPL token mints (base58, 32 bytes), separated by commas, spaces or lines; stored deduplicated, comma-joined. */
export function readTokenMints(text: string): string {
  return readList(text, 'tokenMints', 'token mint', (entry, position) => readSolanaAddress(entry, 'tokenMints', `token mint ${position}`));
}

/** A Solana cluster: mainnet-beta (also typed "mainnet"), devnet or testnet. */
export function readSolanaCluster(text: string): SolanaCluster {
  const cleaned = cleanPasted(text, 'cluster', 'cluster')?.toLowerCase();
  const cluster = cleaned === 'mainnet' ? 'mainnet-beta' : cleaned;
  if (cluster === undefined || !(solanaClusterNames as readonly string[]).includes(cluster)) {
    throw malformed('cluster', `The Solana cluster must be one of ${solanaClusterNames.join(', ')}.`);
  }
  return cluster as SolanaCluster;
}

/** The stored list split back into its entries. */
export function splitStoredList(stored: string | undefined): string[] {
  return (stored ?? '').split(',').filter((entry) => entry !== '');
}

function readList(text: string, field: string, noun: string, read: (entry: string, position: number) => string): string {
  const cleaned = cleanPasted(text, field, `${noun} list`) ?? '';
  const entries = cleaned.split(/[\s,;]+/).filter((entry) => entry !== '');
  const seen = new Set<string>();
  const kept: string[] = [];
  entries.forEach((entry, index) => {
    const value = read(entry, index + 1);
    // Readers return one form per address (EIP-55, canonical base58), and base58 is case-sensitive.
    if (!seen.has(value)) kept.push(value);
    seen.add(value);
  });
  if (kept.length > MAX_TOKENS_PER_WALLET) {
    throw new KeywardenError('MALFORMED_FIELD', `A wallet checks at most ${MAX_TOKENS_PER_WALLET} tokens; ${kept.length} were given.`, { field });
  }
  return kept.join(',');
}
