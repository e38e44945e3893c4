/**
 * A Solana wallet key (issue 18): the base58 keypair Phantom and Solflare export, a base58 32-byte
 * seed, or the JSON list of numbers solana-keygen writes. Stored as base58 of the 64-byte keypair
 * (seed ‖ public key, the form web3.js's Keypair.fromSecretKey takes); the address is base58 of the
 * public key. The public key comes from @noble/curves' ed25519, never from our own arithmetic.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { base58 } from '@scure/base';
import { KeywardenError } from '../errors';
import { cleanPasted, countOf, malformed } from './pasted-text';

export interface SolanaWalletInput {
  readonly privateKey?: string;
  readonly walletAddress?: string;
}

export interface SolanaWallet {
  readonly values: { privateKey: string; walletAddress: string };
  readonly address: string;
}

const BASE58_CHARACTER = /[1-9A-HJ-NP-Za-km-z]/;

/** Reads what was typed for a Solana wallet, or throws a KeywardenError naming the field at fault. */
export function readSolanaWallet(raw: SolanaWalletInput): SolanaWallet {
  const text = cleanPasted(raw.privateKey, 'privateKey', 'private key');
  if (text === undefined) throw new KeywardenError('MISSING_FIELD', 'The private key of the wallet is missing.', { field: 'privateKey' });
  const typedText = cleanPasted(raw.walletAddress, 'walletAddress', 'wallet address');
  if (typedText !== undefined && typedText === text) {
    throw malformed('privateKey', 'The private key is the same as the wallet address: paste the wallet\'s private key, not its address.');
  }
  const { secretKey, publicKey } = keypairFromBytes(readKeyBytes(text));
  const address = base58.encode(publicKey);
  if (typedText !== undefined) {
    const typed = readSolanaAddress(typedText, 'walletAddress', 'wallet address');
    if (typed !== address) {
      throw new KeywardenError(
        'ADDRESS_MISMATCH',
        `The wallet address typed (${typed}) is not the address of this key (${address}). Check that the key and the address belong to the same wallet.`,
        { typed, derived: address },
      );
    }
  }
  return { values: { privateKey: base58.encode(secretKey), walletAddress: address }, address };
}

/** The keypair of stored wallet values, for signing. */
export function solanaKeypairOf(values: { privateKey: string }): { secretKey: Uint8Array; publicKey: Uint8Array } {
  return keypairFromBytes(readKeyBytes(values.privateKey));
}

/** A Solana address (base58 of 32 bytes), as typed; MALFORMED_FIELD naming `field` otherwise. */
export function readSolanaAddress(text: string, field: string, label: string): string {
  const bytes = decodeBase58(text, field, label);
  if (bytes.length !== 32) throw malformed(field, `The ${label} decodes to ${countOf(bytes.length, 'byte')}; a Solana address is 32 bytes.`);
  return base58.encode(bytes);
}

function keypairFromBytes(bytes: Uint8Array): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const seed = bytes.slice(0, 32);
  const publicKey = ed25519.getPublicKey(seed);
  if (bytes.length === 64 && !equalBytes(bytes.subarray(32), publicKey)) {
    throw malformed('privateKey', "The private key's two halves do not belong together (damaged copy?). Export it again from the wallet.");
  }
  const secretKey = new Uint8Array(64);
  secretKey.set(seed);
  secretKey.set(publicKey, 32);
  return { secretKey, publicKey };
}

/** The key's bytes (32 or 64), from a JSON list of numbers or base58; refusals say what the paste looks like. */
function readKeyBytes(text: string): Uint8Array {
  const refuse = (why: string): never => {
    throw malformed('privateKey', `The private key ${why}`);
  };
  if (text.startsWith('[')) return readKeyFile(text);
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(text)) refuse('looks like an EVM (Ethereum-style) private key, 64 hex digits: add it as an EVM wallet instead.');
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) refuse('looks like an EVM wallet address, not a Solana private key.');
  if (/\s/.test(text) && text.split(/\s+/).every((word) => /^[a-z]+$/i.test(word))) {
    refuse("looks like a recovery phrase. Keywarden reads a Solana wallet's private key: export it from the wallet (Phantom: Settings, Manage accounts, Show private key).");
  }
  const bytes = decodeBase58(text, 'privateKey', 'private key');
  if (bytes.length !== 64 && bytes.length !== 32) {
    refuse(`decodes to ${countOf(bytes.length, 'byte')}; a Solana private key is 64 bytes (or a 32-byte seed). Copy it again, in one piece.`);
  }
  return bytes;
}

/** solana-keygen's key file: a JSON list of 64 (or 32) numbers from 0 to 255. */
function readKeyFile(text: string): Uint8Array {
  const refuse = (why: string): never => {
    throw malformed('privateKey', `The private key ${why}`);
  };
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return refuse('starts like a key file (a list of numbers) but is not one: check that it was copied whole, from [ to ].');
  }
  if (!Array.isArray(list)) return refuse('is not a list of numbers.');
  const bad = list.findIndex((entry) => typeof entry !== 'number' || !Number.isInteger(entry) || entry < 0 || entry > 255);
  if (bad >= 0) return refuse(`is a list whose number ${bad + 1} is not a whole number from 0 to 255.`);
  if (list.length !== 64 && list.length !== 32) return refuse(`is a list of ${list.length} numbers; a Solana key file has 64.`);
  return Uint8Array.from(list as number[]);
}

function decodeBase58(text: string, field: string, label: string): Uint8Array {
  const bad = [...text].findIndex((character) => !BASE58_CHARACTER.test(character));
  if (bad >= 0) {
    throw malformed(field, `The ${label} is not base58: character ${bad + 1} cannot be part of it (base58 has no 0, O, I or l, and no spaces or punctuation).`);
  }
  return base58.decode(text);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
