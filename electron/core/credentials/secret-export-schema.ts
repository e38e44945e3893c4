/** What exporting a wallet's secret gives back (secret-export.ts). Pure zod: the contract imports it. */
import { z } from 'zod';

export const ExportedSecret = z.object({
  credentialId: z.string(),
  label: z.string(),
  provider: z.string(),
  /** The wallet's address, so the person can check the import shows the same one. */
  address: z.string().nullable(),
  /** The exported secrets: a private key, or a recovery phrase (the only fields any kind lets out). */
  fields: z.object({ privateKey: z.string().optional(), mnemonic: z.string().optional() }),
  warning: z.string(),
});
export type ExportedSecret = z.infer<typeof ExportedSecret>;
