/**
 * Channels of wallet keys and Polymarket accounts (issue 18). Spread into `contract` (contract.ts).
 *
 * `credentials.exportSecret` is the one channel whose answer holds a secret a person reads: a
 * wallet's private key or recovery phrase, for moving it to a hardware wallet. It needs the vault
 * passphrase typed again (checked, throttled and audited by the core), and only a person may call
 * it: the window (which shows it once, with a warning) or the CLI (which prints it to a terminal
 * only with --reveal). Never the tray or the app itself.
 */
import { z } from 'zod';
import { CredentialFieldValues, CredentialInfo, CredentialRef } from '../core/credentials/credential-schema';
import { ExportedSecret } from '../core/credentials/secret-export-schema';
import { WalletSettingsView } from '../core/credentials/wallet-settings-schema';
import { Passphrase } from '../core/vault/vault-schema';
import { WalletBalances } from '../core/key-lifecycle/wallet-check-schema';
import { channel } from './channel';

export const walletChannels = {
  'wallets.settings': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ ref: CredentialRef }),
    output: WalletSettingsView,
    summary: "A wallet's or Polymarket account's settings now: its address, chain, tokens, funder; whether an RPC URL is set (never the URL or the key).",
  }),
  'credentials.changeSettings': channel({
    access: 'unlocked', activity: 'user',
    input: z.strictObject({ ref: CredentialRef, fields: CredentialFieldValues }),
    output: CredentialInfo,
    summary: "Change a wallet's chain, RPC URL or tokens, a Polymarket account's funder, or an exchange account's outbound proxy (proxyUrl), without a new key (an empty value removes an optional setting); the key is checked again with them.",
  }),
  'wallets.balances': channel({
    access: 'unlocked', activity: 'none',
    input: z.strictObject({ ref: CredentialRef }),
    output: WalletBalances,
    summary: 'What a wallet holds now (native coin and the tokens it lists), read from its RPC node; only the address is sent.',
  }),
  'credentials.exportSecret': channel({
    access: 'unlocked', activity: 'user', callers: ['ui', 'cli'],
    callerRefusal: 'A private key is exported only for a person at the Keywarden window or a terminal.',
    input: z.strictObject({ ref: CredentialRef, vaultPassphrase: Passphrase }),
    output: ExportedSecret,
    summary: 'Export a wallet\'s private key or recovery phrase (to move it to a hardware wallet) after the vault passphrase is typed again; audited.',
  }),
};
