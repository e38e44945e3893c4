/** What the wallet page and a rotation show of a stored wallet's funds (wallet-probe.ts). Pure zod: the contract imports it. */
import { z } from 'zod';
import { walletCheckResultSchema } from '../wallets/wallet-check-schema';

export const StoredWalletCheck = z.union([
  walletCheckResultSchema,
  /** The wallet has no RPC URL: the key is valid, its funds are not known. */
  z.strictObject({ outcome: z.literal('no-rpc'), message: z.string() }),
  /** The stored key does not give the stored address (a damaged or edited record). */
  z.strictObject({ outcome: z.literal('key-mismatch'), message: z.string() }),
]);
export type StoredWalletCheck = z.infer<typeof StoredWalletCheck>;

export const WalletBalances = z.object({
  credentialId: z.string(),
  label: z.string(),
  address: z.string(),
  check: StoredWalletCheck,
  /** One line of what it holds ("0.42 ETH, 1,250.5 USDC"), or why that is unknown. */
  summary: z.string(),
});
export type WalletBalances = z.infer<typeof WalletBalances>;
