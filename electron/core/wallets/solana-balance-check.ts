/**
 * A Solana wallet's verification (issue 18): getGenesisHash says which cluster the RPC node serves,
 * getBalance the lamports, and getTokenAccountsByOwner (jsonParsed) each mint's token accounts,
 * summed exactly from their `tokenAmount.amount` strings. Only the address is sent, never a key.
 */
import { base58 } from '@scure/base';
import { formatUnits } from 'viem';
import { KeywardenError } from '../errors';
import { callJsonRpc, type JsonRpcTarget } from './json-rpc';
import { solanaClusterLabels, solanaClusterOfGenesis, wellKnownSolanaMints, type SolanaCluster } from './known-networks';
import { walletBalancesSummary } from './wallet-balances-summary';
import type { TokenBalance, WalletCheckResult, SolanaNetwork } from './wallet-check-schema';
import { failedCheck, unreadableCheck, wrongChainCheck } from './wallet-check-outcomes';
import { rpcHostOf } from './wallet-network';

export interface SolanaWalletCheckOptions extends JsonRpcTarget {
  readonly address: string;
  /** The cluster the wallet is set to; when absent, whatever the node serves is accepted. */
  readonly cluster?: SolanaCluster;
  /** SPL token mints to report, as stored. */
  readonly tokenMints: readonly string[];
}

const LAMPORT_DECIMALS = 9;

export async function checkSolanaWallet(options: SolanaWalletCheckOptions): Promise<WalletCheckResult> {
  for (const key of [options.address, ...options.tokenMints]) assertPublicKey(key);
  const host = rpcHostOf(options.rpcUrl);

  const genesis = await callJsonRpc(options, 'getGenesisHash', []);
  if (genesis.kind !== 'result') return failedCheck(host, genesis);
  if (typeof genesis.result !== 'string') return unreadableCheck(host, 'its genesis hash');
  const actual = solanaNetwork(solanaClusterOfGenesis(genesis.result));
  if (options.cluster !== undefined && options.cluster !== actual.cluster) return wrongChainCheck(solanaNetwork(options.cluster), actual);

  const balance = await callJsonRpc(options, 'getBalance', [options.address]);
  if (balance.kind !== 'result') return failedCheck(host, balance);
  const lamports = (balance.result as { value?: unknown } | null)?.value;
  // JSON numbers beyond 2^53 are rounded by every parser: refuse rather than report a wrong balance.
  if (typeof lamports !== 'number' || !Number.isSafeInteger(lamports) || lamports < 0) return unreadableCheck(host, 'the balance');

  const tokens: TokenBalance[] = [];
  for (const mint of options.tokenMints) {
    const answer = await callJsonRpc(options, 'getTokenAccountsByOwner', [options.address, { mint }, { encoding: 'jsonParsed' }]);
    // A mint that does not exist, or an account that is not a mint: -32602 "Invalid param: could not find mint" / "not a Token mint".
    if (answer.kind === 'rpc-error' && answer.code === -32602) {
      tokens.push({ token: mint, symbol: null, amount: null, baseUnits: null, problem: 'not-a-token' });
      continue;
    }
    if (answer.kind !== 'result') return failedCheck(host, answer);
    const entry = mintBalance(mint, answer.result);
    if (entry === undefined) return unreadableCheck(host, 'the token accounts');
    tokens.push(entry);
  }

  const result: WalletCheckResult = {
    outcome: 'ok',
    network: actual,
    native: { symbol: 'SOL', amount: formatUnits(BigInt(lamports), LAMPORT_DECIMALS), baseUnits: String(lamports) },
    tokens,
    message: '',
  };
  const notTokens = tokens.filter((entry) => entry.problem === 'not-a-token').length;
  const warning = notTokens === 0 ? '' : ` ${notTokens === 1 ? 'One token mint is' : `${notTokens} token mints are`} not a token mint on ${actual.name}: check the address.`;
  const short = `${options.address.slice(0, 4)}…${options.address.slice(-4)}`;
  return { ...result, message: `The wallet ${short} on ${actual.name} holds ${walletBalancesSummary(result)}.${warning}` };
}

/** One mint's total over the owner's token accounts; undefined when the answer cannot be read exactly. */
function mintBalance(mint: string, result: unknown): TokenBalance | undefined {
  const accounts = (result as { value?: unknown } | null)?.value;
  if (!Array.isArray(accounts)) return undefined;
  let total = 0n;
  let decimals: number | undefined;
  for (const account of accounts) {
    const tokenAmount = (account as { account?: { data?: { parsed?: { info?: { tokenAmount?: { amount?: unknown; decimals?: unknown } } } } } } | null)?.account?.data?.parsed?.info?.tokenAmount;
    const amount = tokenAmount?.amount;
    const places = tokenAmount?.decimals;
    if (typeof amount !== 'string' || !/^\d{1,40}$/.test(amount) || typeof places !== 'number' || !Number.isInteger(places) || places < 0 || places > 255) return undefined;
    if (decimals !== undefined && decimals !== places) return undefined;
    decimals = places;
    total += BigInt(amount);
  }
  const symbol = wellKnownSolanaMints[mint] ?? null;
  // No token account: nothing is held, whatever the mint's decimals.
  return { token: mint, symbol, amount: decimals === undefined ? '0' : formatUnits(total, decimals), baseUnits: total.toString(), problem: null };
}

function solanaNetwork(cluster: SolanaCluster | 'other'): SolanaNetwork {
  return { cluster, name: solanaClusterLabels[cluster] };
}

function assertPublicKey(text: string): void {
  let length = -1;
  try {
    length = base58.decode(text).length;
  } catch {
    // Reported below.
  }
  if (length !== 32) throw new KeywardenError('INVALID_INPUT', 'An address to check is not a Solana address (base58 of 32 bytes).');
}
