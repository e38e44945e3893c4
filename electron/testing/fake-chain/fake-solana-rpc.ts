/**
 * A fake Solana node: getGenesisHash (the cluster's real hash), getBalance ({context, value}
 * lamports as a JSON number) and getTokenAccountsByOwner with a mint filter in jsonParsed encoding
 * (tokenAmount.amount as a string, as the node sends it), "Invalid param: could not find mint"
 * (-32602) for an unknown mint, and -32601 for any other method.
 */
import { base58 } from '@scure/base';
import { formatUnits } from 'viem';
import { solanaGenesisHashes, type SolanaCluster } from '../../core/wallets/known-networks';
import { startFakeJsonRpcServer, type FakeRpcFault, type FakeRpcServer } from './fake-json-rpc-server';

export interface FakeSolanaTokenAccount {
  readonly owner: string;
  readonly mint: string;
  readonly amount: bigint;
  readonly decimals: number;
}

export interface FakeSolanaRpcOptions {
  /** The cluster to impersonate, or a genesis hash of one Keywarden does not know (a local validator). */
  readonly cluster: SolanaCluster | { readonly genesisHash: string };
  readonly lamports: Readonly<Record<string, bigint>>;
  readonly tokenAccounts: readonly FakeSolanaTokenAccount[];
  /** Mints that exist with no account of the owner; mints of tokenAccounts exist anyway. */
  readonly mints?: readonly string[];
  readonly fault?: FakeRpcFault;
  readonly maxLifetimeMs?: number;
}

const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
const context = { apiVersion: '2.2.14', slot: 341_197_053 };

export function startFakeSolanaRpc(options: FakeSolanaRpcOptions): Promise<FakeRpcServer> {
  const genesisHash = typeof options.cluster === 'string' ? solanaGenesisHashes[options.cluster] : options.cluster.genesisHash;
  const mints = new Set([...(options.mints ?? []), ...options.tokenAccounts.map((account) => account.mint)]);

  return startFakeJsonRpcServer(
    {
      getGenesisHash: () => ({ result: genesisHash }),
      getBalance: ([address]) => {
        if (!isPublicKey(address)) return { error: { code: -32602, message: 'Invalid param: Invalid' } };
        return { result: { context, value: options.lamports[address] ?? 0n } };
      },
      getTokenAccountsByOwner: ([owner, filter, config]) => {
        if (!isPublicKey(owner)) return { error: { code: -32602, message: 'Invalid param: Invalid' } };
        const mint = (filter as { mint?: unknown } | undefined)?.mint;
        if (!isPublicKey(mint)) return { error: { code: -32602, message: 'Invalid params: missing field `mint`' } };
        if (!mints.has(mint)) return { error: { code: -32602, message: 'Error getting token program id and mint: Invalid param: could not find mint' } };
        if ((config as { encoding?: unknown } | undefined)?.encoding !== 'jsonParsed') return { error: { code: -32602, message: 'this fake answers jsonParsed only' } };
        const value = options.tokenAccounts
          .filter((account) => account.owner === owner && account.mint === mint)
          .map((account, index) => parsedAccount(account, index));
        return { result: { context, value } };
      },
    },
    { fault: options.fault, maxLifetimeMs: options.maxLifetimeMs },
  );
}

function parsedAccount(account: FakeSolanaTokenAccount, index: number): unknown {
  const amount = account.amount.toString();
  const uiAmountString = formatUnits(account.amount, account.decimals);
  return {
    pubkey: base58.encode(new Uint8Array(32).fill(index + 7)),
    account: {
      data: {
        parsed: {
          info: {
            isNative: false,
            mint: account.mint,
            owner: account.owner,
            state: 'initialized',
            tokenAmount: { amount, decimals: account.decimals, uiAmount: Number(uiAmountString), uiAmountString },
          },
          type: 'account',
        },
        program: 'spl-token',
        space: 165,
      },
      executable: false,
      lamports: 2_039_280,
      owner: TOKEN_PROGRAM,
      rentEpoch: 18_446_744_073_709_551_615n,
      space: 165,
    },
  };
}

function isPublicKey(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return base58.decode(value).length === 32;
  } catch {
    return false;
  }
}
