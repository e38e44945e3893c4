/**
 * Reading the wallet forms (adding, rotating): the fields as typed, with what is missing, and where
 * the core's refusal belongs. Pure: the forms pass their FormData in; nothing is kept.
 */
import type { ContractError, CredentialFieldName } from '../../api/contract-types';
import { fieldOfError } from '../accounts/save-new-key';
import type { WalletProviderIdOfKind } from './wallet-presentation';

export type WalletFieldErrors = Partial<Record<string, string>>;

/** The network select's choice for a chain typed by its id. */
export const CUSTOM_CHAIN = 'custom';

/** The network (or cluster) select's first choice on a wallet's Settings: leave the stored one as it is. */
export const KEEP_SETTING = 'keep';

/** The hidden input a Settings "Remove …" action sets: the form's name for "remove this optional setting". */
export function removalName(field: CredentialFieldName): string {
  return `${field}Remove`;
}

/** The label's field name (as NewKeyForm's LABEL_FIELD). */
const LABEL = 'label';

/** The fields the core may name in an error, in the form's order (the first one wrong gets the focus). */
export const FORM_FIELDS = [LABEL, 'privateKey', 'mnemonic', 'derivationPath', 'walletAddress', 'chainId', 'cluster', 'rpcUrl', 'tokenContracts', 'tokenMints'] as const;

/** Where the core's refusal belongs: the field it names, or the typed address when the key gives another. */
export function walletErrorField(error: ContractError): string | null {
  if (error.code === 'ADDRESS_MISMATCH') return 'walletAddress';
  return fieldOfError(error, FORM_FIELDS);
}

/** The key fields of the form as typed: only those of the chosen form of key, empty ones left out. */
export function readWalletKeyFields(provider: WalletProviderIdOfKind, data: FormData): { fields: Partial<Record<CredentialFieldName, string>>; problems: WalletFieldErrors } {
  const fields: Partial<Record<CredentialFieldName, string>> = {};
  const problems: WalletFieldErrors = {};
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const usesPhrase = provider === 'evm-wallet' && data.get('keyForm') === 'mnemonic';
  if (usesPhrase) {
    if (text('mnemonic') === '') problems['mnemonic'] = 'Enter the recovery phrase: its 12 to 24 words, separated by spaces.';
    else fields.mnemonic = String(data.get('mnemonic'));
    if (text('derivationPath') !== '') fields.derivationPath = text('derivationPath');
  } else if (text('privateKey') === '') {
    problems['privateKey'] = provider === 'solana-wallet' ? 'Enter the secret key: base58, or the byte array of a solana-keygen file.' : 'Enter the private key: 64 hex digits, with or without 0x.';
  } else {
    fields.privateKey = String(data.get('privateKey'));
  }
  if (text('walletAddress') !== '') fields.walletAddress = text('walletAddress');
  return { fields, problems };
}

/** The network fields as typed; empty ones are left out (not set). */
export function readWalletNetworkFields(provider: WalletProviderIdOfKind, data: FormData): { fields: Partial<Record<CredentialFieldName, string>>; problems: WalletFieldErrors } {
  const fields: Partial<Record<CredentialFieldName, string>> = {};
  const problems: WalletFieldErrors = {};
  const text = (name: string) => String(data.get(name) ?? '').trim();
  if (provider === 'evm-wallet') {
    const choice = text('chainChoice');
    if (choice === CUSTOM_CHAIN) {
      if (text('customChainId') === '') problems['chainId'] = 'Enter the chain ID, or choose a network from the list.';
      else fields.chainId = text('customChainId');
    } else if (choice !== '') {
      fields.chainId = choice;
    }
    if (text('tokenContracts') !== '') fields.tokenContracts = text('tokenContracts');
  } else {
    if (text('cluster') !== '') fields.cluster = text('cluster');
    if (text('tokenMints') !== '') fields.tokenMints = text('tokenMints');
  }
  if (text('rpcUrl') !== '') fields.rpcUrl = text('rpcUrl');
  return { fields, problems };
}

/**
 * What the wallet's Settings form changes, for credentials.changeSettings: only what was changed
 * (the network, a new RPC URL, new tokens), with an empty text for a setting removed. `current`:
 * the settings the wallet has now (CredentialInfo.fields; their values never reach the window).
 */
export function readWalletSettingsChanges(provider: WalletProviderIdOfKind, data: FormData, current: readonly CredentialFieldName[]): { fields: Partial<Record<CredentialFieldName, string>>; problems: WalletFieldErrors } {
  const fields: Partial<Record<CredentialFieldName, string>> = {};
  const problems: WalletFieldErrors = {};
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const removing = (field: CredentialFieldName) => current.includes(field) && data.get(removalName(field)) === 'yes';
  const networkField: CredentialFieldName = provider === 'evm-wallet' ? 'chainId' : 'cluster';
  const tokensField: CredentialFieldName = provider === 'evm-wallet' ? 'tokenContracts' : 'tokenMints';
  const choice = text(provider === 'evm-wallet' ? 'chainChoice' : 'cluster');
  if (choice === CUSTOM_CHAIN) {
    if (text('customChainId') === '') problems['chainId'] = 'Enter the chain ID, or choose a network from the list.';
    else fields.chainId = text('customChainId');
  } else if (choice === '') {
    if (current.includes(networkField)) fields[networkField] = '';
  } else if (choice !== KEEP_SETTING) {
    fields[networkField] = choice;
  }
  for (const field of ['rpcUrl', tokensField] as const) {
    if (removing(field)) fields[field] = '';
    else if (text(field) !== '') fields[field] = text(field);
  }
  return { fields, problems };
}
