/**
 * An EVM wallet key (issue 18): a private key, or a recovery phrase and a derivation path, read
 * exactly, with the address derived by viem. The key never appears in a message: errors say how
 * a paste is wrong (its length, what it looks like) and name the field. Curve checks are
 * @noble/curves', derivation viem's (over @scure/bip32): nothing here does curve math.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hexToBytes, type Address, type Hex, type LocalAccount } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { KeywardenError } from '../errors';
import { DEFAULT_EVM_DERIVATION_PATH, readDerivationPath, readRecoveryPhrase } from './bip39-phrase';
import { readEvmAddress } from './evm-address';
import { cleanPasted, countOf, malformed } from './pasted-text';

export { isEvmAddress, normaliseEvmAddress } from './evm-address';

export interface EvmWalletInput {
  readonly privateKey?: string;
  readonly mnemonic?: string;
  readonly derivationPath?: string;
  readonly walletAddress?: string;
}

/** The fields as they are stored (normalised), and the wallet's address. */
export interface EvmWallet {
  readonly values: { privateKey?: string; mnemonic?: string; derivationPath?: string; walletAddress: string };
  readonly address: Address;
}

/** Reads what was typed for an EVM wallet, or throws a KeywardenError naming the field at fault. */
export function readEvmWallet(raw: EvmWalletInput): EvmWallet {
  const privateKeyText = cleanPasted(raw.privateKey, 'privateKey', 'private key');
  const mnemonicText = cleanPasted(raw.mnemonic, 'mnemonic', 'recovery phrase');
  const pathText = cleanPasted(raw.derivationPath, 'derivationPath', 'derivation path');
  if (privateKeyText !== undefined && mnemonicText !== undefined) {
    throw new KeywardenError('INVALID_INPUT', 'Give either the private key or the recovery phrase of the wallet, not both.');
  }
  if (privateKeyText === undefined && mnemonicText === undefined) {
    throw new KeywardenError('MISSING_FIELD', 'The private key (or the recovery phrase) of the wallet is missing.', { field: 'privateKey' });
  }

  let values: Omit<EvmWallet['values'], 'walletAddress'>;
  let account: LocalAccount;
  if (privateKeyText !== undefined) {
    if (pathText !== undefined) {
      throw new KeywardenError('UNEXPECTED_FIELD', 'A derivation path applies only to a recovery phrase, not to a private key.', { field: 'derivationPath' });
    }
    const privateKey = readEvmPrivateKey(privateKeyText);
    values = { privateKey };
    account = privateKeyToAccount(privateKey);
  } else {
    const mnemonic = readRecoveryPhrase(mnemonicText!);
    const derivationPath = pathText === undefined ? DEFAULT_EVM_DERIVATION_PATH : readDerivationPath(pathText);
    values = { mnemonic, derivationPath };
    account = accountFromPhrase(mnemonic, derivationPath);
  }

  const address = account.address;
  const typedText = cleanPasted(raw.walletAddress, 'walletAddress', 'wallet address');
  if (typedText !== undefined) {
    const typed = readEvmAddress(typedText);
    if (!typed.ok) throw malformed('walletAddress', `The wallet address ${typed.problem}.`);
    if (typed.address !== address) {
      throw new KeywardenError(
        'ADDRESS_MISMATCH',
        `The wallet address typed (${typed.address}) is not the address of this key (${address}). Check that the key and the address belong to the same wallet${privateKeyText === undefined ? ', and the derivation path' : ''}.`,
        { typed: typed.address, derived: address },
      );
    }
  }
  return { values: { ...values, walletAddress: address }, address };
}

/** The signing account of stored wallet values (Polymarket signs orders with it). */
export function evmAccountOf(values: { privateKey?: string; mnemonic?: string; derivationPath?: string }): LocalAccount {
  if (values.privateKey !== undefined) return privateKeyToAccount(readEvmPrivateKey(values.privateKey));
  if (values.mnemonic !== undefined) {
    return accountFromPhrase(readRecoveryPhrase(values.mnemonic), readDerivationPath(values.derivationPath ?? DEFAULT_EVM_DERIVATION_PATH));
  }
  throw new KeywardenError('MISSING_FIELD', 'The wallet has neither a private key nor a recovery phrase.', { field: 'privateKey' });
}

/** A 32-byte secp256k1 private key as 0x + 64 lower-case hex digits, or MALFORMED_FIELD saying what the paste looks like. */
export function readEvmPrivateKey(text: string): Hex {
  const refuse = (why: string): never => {
    throw malformed('privateKey', `The private key ${why}`);
  };
  if (/\s/.test(text) && text.split(/\s+/).every((word) => /^[a-z]+$/i.test(word))) {
    refuse('looks like a recovery phrase (words, not hex digits): paste it as the recovery phrase (mnemonic) instead.');
  }
  if (text.startsWith('[')) refuse('looks like a Solana key file (a list of numbers): add it as a Solana wallet instead.');
  const body = /^0x/i.test(text) ? text.slice(2) : text;
  if (/^[0-9a-fA-F]*$/.test(body)) {
    if (body.length === 40) refuse('looks like a wallet address (40 hex digits), not a private key (64 hex digits).');
    if (body.length !== 64) refuse(`has ${countOf(body.length, 'hex digit')}; a private key has 64. Copy it again, in one piece.`);
  } else if (/^[1-9A-HJ-NP-Za-km-z]{80,90}$/.test(text) || /^[1-9A-HJ-NP-Za-km-z]{43,44}$/.test(text)) {
    refuse('looks like a Solana key (base58), not an EVM key: add it as a Solana wallet instead.');
  } else {
    refuse('is not a private key: an EVM private key is 64 hex digits (0-9, a-f), with or without 0x in front.');
  }
  const key = `0x${body.toLowerCase()}` as Hex;
  if (/^0x0+$/.test(key)) refuse('is all zeros, which is not a usable key.');
  // Zero and anything at or above the curve order n are not keys; noble's check, not our own arithmetic.
  if (!secp256k1.utils.isValidSecretKey(hexToBytes(key))) refuse('is outside the range of secp256k1 keys, so it cannot be a wallet key.');
  return key;
}

function accountFromPhrase(mnemonic: string, derivationPath: string): LocalAccount {
  // viem types the path as m/44'/60'/…; any valid BIP-32 path derives the same way.
  return mnemonicToAccount(mnemonic, { path: derivationPath as `m/44'/60'/${string}` });
}
