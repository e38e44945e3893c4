/**
 * What checking a wallet finds (its verification, issue 18): the network the RPC node serves, the
 * native balance and each token's, or why they could not be read. One schema; the type is inferred
 * from it so the contract can reuse it. Amounts are exact decimal strings (base units and formatted),
 * never floats.
 */
import { z } from 'zod';
import { solanaClusterNames } from './known-networks';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/);
const baseUnitsString = z.string().regex(/^\d+$/);

export const evmNetworkSchema = z.strictObject({ chainId: z.number().int().positive(), name: z.string() });
/** 'other': a cluster whose genesis hash is none of the public ones (a local validator, a private cluster). */
export const solanaNetworkSchema = z.strictObject({ cluster: z.enum([...solanaClusterNames, 'other']), name: z.string() });
export const walletNetworkSchema = z.union([evmNetworkSchema, solanaNetworkSchema]);

export const tokenBalanceSchema = z.strictObject({
  /** The token contract (EVM) or mint (Solana), as stored. */
  token: z.string(),
  symbol: z.string().nullable(),
  amount: decimalString.nullable(),
  baseUnits: baseUnitsString.nullable(),
  /** 'not-a-token': the address does not answer like a token (no contract there, or not an ERC-20 / SPL mint). */
  problem: z.enum(['not-a-token']).nullable(),
});

export const walletCheckResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('ok'),
    network: walletNetworkSchema,
    native: z.strictObject({ symbol: z.string(), amount: decimalString, baseUnits: baseUnitsString }),
    tokens: z.array(tokenBalanceSchema),
    message: z.string(),
  }),
  /** The RPC node serves another network than the wallet is set to. */
  z.strictObject({ outcome: z.literal('wrong-chain'), expected: walletNetworkSchema, actual: walletNetworkSchema, message: z.string() }),
  /** The node answered a JSON-RPC error; its code is kept, its text is not (it can echo the URL). */
  z.strictObject({ outcome: z.literal('rpc-error'), code: z.number().int(), message: z.string() }),
  /** No usable answer: timed out, refused, address not found, a server error, not JSON-RPC, too large, redirected. */
  z.strictObject({ outcome: z.literal('unavailable'), reason: z.string(), message: z.string() }),
]);

export type EvmNetwork = z.infer<typeof evmNetworkSchema>;
export type SolanaNetwork = z.infer<typeof solanaNetworkSchema>;
export type WalletNetwork = z.infer<typeof walletNetworkSchema>;
export type TokenBalance = z.infer<typeof tokenBalanceSchema>;
export type WalletCheckResult = z.infer<typeof walletCheckResultSchema>;
