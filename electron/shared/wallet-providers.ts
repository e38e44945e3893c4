/**
 * The wallet-like credentials Keywarden keeps (issue 18): a bot's EVM wallet, a bot's Solana wallet,
 * and a Polymarket account (its signing wallet and CLOB API credentials). One list of their fields
 * for the core's kinds (core/credentials/kinds/wallet-kind.ts, polymarket-kind.ts), the CLI's prompts
 * and the window's forms.
 *
 * The ids double as keys of KEYWARDEN_SERVICE_URLS (a test's fake RPC or CLOB server).
 *
 * This file is the shared pure tier: it imports nothing outside electron/shared.
 */
import type { CredentialFieldName } from './credential-field-labels';

export const walletProviderIds = ['evm-wallet', 'solana-wallet', 'polymarket'] as const;
export type WalletProviderId = (typeof walletProviderIds)[number];

export interface WalletProviderField {
  readonly name: CredentialFieldName;
  /** Required unless the provider names it in `oneOf` (then exactly one of those is) or it is optional. */
  readonly required: boolean;
  /** Secret fields are sealed and concealed; the others (an address, a chain id) may be shown. */
  readonly secret: boolean;
  /** What to type, in a line. */
  readonly hint: string;
}

export interface WalletProvider {
  readonly id: WalletProviderId;
  readonly name: string;
  readonly kind: 'wallet' | 'polymarket';
  readonly fields: readonly WalletProviderField[];
  /** Exactly one of these fields must be given (an EVM wallet: a private key or a recovery phrase). */
  readonly oneOf: readonly CredentialFieldName[];
  /** A sentence under the form's title. */
  readonly summary: string;
}

const walletAddress: WalletProviderField = { name: 'walletAddress', required: false, secret: false, hint: 'Optional: the address you expect. Keywarden derives it from the key and refuses the key if they differ.' };
const rpcUrl: WalletProviderField = { name: 'rpcUrl', required: false, secret: true, hint: 'Optional: a JSON-RPC endpoint to read balances from (kept sealed: such URLs often carry an API key).' };

export const walletProviders: Readonly<Record<WalletProviderId, WalletProvider>> = {
  'evm-wallet': {
    id: 'evm-wallet',
    name: 'EVM wallet',
    kind: 'wallet',
    oneOf: ['privateKey', 'mnemonic'],
    summary: 'A bot wallet on Ethereum, Polygon, Base, Arbitrum or another EVM chain: a private key, or a recovery phrase and derivation path.',
    fields: [
      { name: 'privateKey', required: false, secret: true, hint: '64 hex digits, with or without 0x.' },
      { name: 'mnemonic', required: false, secret: true, hint: 'Instead of a private key: the 12 to 24 words of a BIP-39 recovery phrase.' },
      { name: 'derivationPath', required: false, secret: false, hint: "With a recovery phrase: the account's path, m/44'/60'/0'/0/0 unless you chose another." },
      walletAddress,
      { name: 'chainId', required: false, secret: false, hint: 'Optional: the chain the wallet is used on, such as 1 (Ethereum), 137 (Polygon) or 8453 (Base).' },
      rpcUrl,
      { name: 'tokenContracts', required: false, secret: false, hint: 'Optional: token contracts whose balances to show, such as USDC, separated by commas.' },
    ],
  },
  'solana-wallet': {
    id: 'solana-wallet',
    name: 'Solana wallet',
    kind: 'wallet',
    oneOf: [],
    summary: "A bot wallet on Solana: the secret key in base58 (as Phantom exports it) or the byte array solana-keygen writes.",
    fields: [
      { name: 'privateKey', required: true, secret: true, hint: 'Base58 secret key, or the JSON byte array from a solana-keygen file.' },
      walletAddress,
      { name: 'cluster', required: false, secret: false, hint: 'Optional: mainnet-beta, devnet or testnet.' },
      rpcUrl,
      { name: 'tokenMints', required: false, secret: false, hint: 'Optional: SPL token mints whose balances to show, such as USDC, separated by commas.' },
    ],
  },
  polymarket: {
    id: 'polymarket',
    name: 'Polymarket',
    kind: 'polymarket',
    oneOf: [],
    summary: 'A Polymarket account: the private key that signs its orders, and the CLOB API credentials (Keywarden derives them from the key when you leave them empty).',
    fields: [
      { name: 'privateKey', required: true, secret: true, hint: "The signing wallet's private key (64 hex digits)." },
      walletAddress,
      { name: 'funderAddress', required: false, secret: false, hint: 'Optional: the address that holds your funds, shown on your Polymarket profile, if it is not the signing wallet.' },
      { name: 'signatureType', required: false, secret: false, hint: 'Optional: 0 plain wallet, 1 Polymarket proxy (email login), 2 Gnosis Safe (browser wallet), 3 deposit wallet. Worked out from the funder when empty.' },
      { name: 'apiKey', required: false, secret: false, hint: 'Optional: the CLOB API key. Leave the three API fields empty to derive them from the wallet.' },
      { name: 'secret', required: false, secret: true, hint: 'Optional: the CLOB API secret.' },
      { name: 'password', required: false, secret: true, hint: 'Optional: the CLOB API passphrase.' },
    ],
  },
};

/**
 * The settings of a wallet or a Polymarket account: what it is set up with besides its key. They
 * change without a new key (credentials.changeSettings) and stay what they were across a rotation.
 */
export const walletSettingFields = ['chainId', 'rpcUrl', 'tokenContracts', 'cluster', 'tokenMints', 'funderAddress', 'signatureType'] as const satisfies readonly CredentialFieldName[];

/**
 * A Polymarket account's CLOB API credentials: made for its wallet, so new ones for the same wallet
 * are a change of the account, not a new key (all three, or none to derive them from the key).
 * They are never carried over to another wallet by a rotation.
 */
export const polymarketCredentialFields = ['apiKey', 'secret', 'password'] as const satisfies readonly CredentialFieldName[];

export function isWalletProviderId(value: string): value is WalletProviderId {
  return (walletProviderIds as readonly string[]).includes(value);
}
