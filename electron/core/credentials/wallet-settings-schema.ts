/** A wallet's or Polymarket account's settings as the window shows them (wallet-settings.ts). Pure zod: the contract imports it. */
import { z } from 'zod';

export const WalletSettingsView = z.object({
  credentialId: z.string(),
  /** The address derived from the key. */
  address: z.string(),
  derivationPath: z.string().nullable(),
  chainId: z.string().nullable(),
  cluster: z.string().nullable(),
  /** Token contracts (EVM) or mints (Solana) whose balances are shown. */
  tokens: z.array(z.string()),
  /** Whether an RPC URL is set; the URL itself is never shown (it often carries an API key). */
  rpcUrlSet: z.boolean(),
  funderAddress: z.string().nullable(),
  signatureType: z.string().nullable(),
  /** Polymarket: CLOB credentials were typed in (else they are derived from the key). */
  typedCredentials: z.boolean(),
});
export type WalletSettingsView = z.infer<typeof WalletSettingsView>;
