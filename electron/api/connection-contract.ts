/**
 * Channels of an exchange account's connection (issue 20): its outbound proxy as set (never the URL's
 * credentials) and "Test proxy". Setting or clearing the proxy is `credentials.changeSettings` with
 * `{ proxyUrl }` (wallet-contract.ts), the one path for sealed settings. Spread into `contract`.
 */
import { z } from 'zod';
import { CredentialRef } from '../core/credentials/credential-schema';
import { AccountConnection, ProxyTestResult } from '../core/key-lifecycle/account-connection-schema';
import { channel } from './channel';

export const connectionChannels = {
  'exchanges.connection': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ ref: CredentialRef }),
    output: AccountConnection,
    summary: "An exchange account's outbound proxy as scheme://host:port (never its user name or password) and the IPs its key is bound to.",
  }),
  'exchanges.testProxy': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ ref: CredentialRef }),
    output: ProxyTestResult,
    summary: "Check an exchange account through its proxy: is the proxy up, did the exchange answer, and which IP it saw where it says; records a verification.",
  }),
};
