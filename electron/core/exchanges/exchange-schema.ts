/** The shape of an exchange Keywarden can hold keys for. Pure zod: the IPC contract imports this file. */
import { z } from 'zod';
import { CredentialFieldName } from '../credentials/credential-schema';

export const ExchangeInfo = z.object({
  id: z.string(),
  name: z.string(),
  /** The credential fields this exchange signs with, from ccxt's requiredCredentials. */
  fields: z.array(CredentialFieldName),
  hasTestnet: z.boolean(),
});
export type ExchangeInfo = z.infer<typeof ExchangeInfo>;
