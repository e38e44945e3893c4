/**
 * Reading Solana wallet keys: the vector published in @solana/web3.js's keypair tests and solana-py's,
 * the three pasted forms, every way a paste goes wrong, and no key ever in an error message.
 */
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { base58, base64 } from '@scure/base';
import { KeywardenError } from '../errors';
import { readSolanaWallet, solanaKeypairOf, type SolanaWalletInput } from './solana-wallet-key';

// solana-web3.js test/keypair.test.ts "create keypair from secret key" (and solana-py's test_keypair.py).
const KEYPAIR = base64.decode('mdqVWeFekT7pqy5T49+tV12jO0m+ESW7ki4zSU9JiCgbL0kJbj5dvQ/PqcDAzZLZqzshVEs01d1KZdmLh4uZIg==');
const ADDRESS = '2q7pyhPwAwZ3QMfZrnAbDhnh9mDUqycszcpf86VgQxhF';
// The same file's "generate keypair from random seed" (and solana-py's test_create_from_seed): 32 bytes of 8.
const SEED_8_ADDRESS = '2KW2XRd9kwqet15Aha2oK3tYvd3nWbTFH1MBiRAv1BE1';
const KEYPAIR_BASE58 = base58.encode(KEYPAIR);
const SEED_BASE58 = base58.encode(KEYPAIR.slice(0, 32));
const KEY_FILE = JSON.stringify([...KEYPAIR]);
const EVM_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

const messages: string[] = [];

function refusal(input: SolanaWalletInput): KeywardenError {
  try {
    readSolanaWallet(input);
  } catch (error) {
    expect(error).toBeInstanceOf(KeywardenError);
    messages.push((error as KeywardenError).message, JSON.stringify((error as KeywardenError).details));
    return error as KeywardenError;
  }
  throw new Error('expected a refusal');
}

describe('readSolanaWallet', () => {
  it('reads the published keypair in base58, as a seed, and as a solana-keygen file', () => {
    for (const pasted of [KEYPAIR_BASE58, ` '${KEYPAIR_BASE58}'\n`, SEED_BASE58, KEY_FILE, JSON.stringify([...KEYPAIR.slice(0, 32)]), KEY_FILE.replace(/,/g, ', ')]) {
      const wallet = readSolanaWallet({ privateKey: pasted });
      expect(wallet.address).toBe(ADDRESS);
      expect(wallet.values).toEqual({ privateKey: KEYPAIR_BASE58, walletAddress: ADDRESS });
    }
    expect(readSolanaWallet({ privateKey: base58.encode(new Uint8Array(32).fill(8)) }).address).toBe(SEED_8_ADDRESS);
  });

  it('stores what web3.js Keypair.fromSecretKey takes: seed then public key', () => {
    const { secretKey, publicKey } = solanaKeypairOf(readSolanaWallet({ privateKey: SEED_BASE58 }).values);
    expect(secretKey).toEqual(KEYPAIR);
    expect(base58.encode(publicKey)).toBe(ADDRESS);
    const signature = ed25519.sign(new TextEncoder().encode('hi'), secretKey.slice(0, 32));
    expect(ed25519.verify(signature, new TextEncoder().encode('hi'), publicKey)).toBe(true);
  });

  it('refuses a keypair whose halves do not belong together', () => {
    const damaged = KEYPAIR.slice();
    damaged[63] = damaged[63]! ^ 1;
    for (const pasted of [base58.encode(damaged), JSON.stringify([...damaged])]) {
      const error = refusal({ privateKey: pasted });
      expect(error.code).toBe('MALFORMED_FIELD');
      expect(error.message).toContain("two halves do not belong together (damaged copy?)");
    }
  });

  it('says what is wrong with a paste, never repeating it', () => {
    expect(refusal({ privateKey: base58.encode(KEYPAIR.slice(0, 48)) }).message).toContain('decodes to 48 bytes; a Solana private key is 64 bytes');
    const badCharacter = refusal({ privateKey: `${KEYPAIR_BASE58.slice(0, 9)}0${KEYPAIR_BASE58.slice(10)}` });
    expect(badCharacter.message).toContain('character 10 cannot be part of it');
    expect(refusal({ privateKey: EVM_KEY }).message).toContain('EVM');
    expect(refusal({ privateKey: EVM_KEY.slice(2) }).message).toContain('EVM');
    expect(refusal({ privateKey: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' }).message).toContain('EVM wallet address');
    expect(refusal({ privateKey: 'test test test test test test test test test test test junk' }).message).toContain('recovery phrase');
    expect(refusal({ privateKey: 'hello-world-not-a-key' }).message).toContain('not base58: character 3');
    expect(refusal({ privateKey: '[1, 2, 300]' }).message).toContain('number 3 is not a whole number from 0 to 255');
    expect(refusal({ privateKey: '[1, 2, -1]' }).message).toContain('number 3');
    expect(refusal({ privateKey: '[1.5]' }).message).toContain('number 1');
    expect(refusal({ privateKey: `[${[...KEYPAIR.slice(0, 63)].join(',')}]` }).message).toContain('list of 63 numbers; a Solana key file has 64');
    expect(refusal({ privateKey: `[${[...KEYPAIR].join(',')}` }).message).toContain('copied whole');
    expect(refusal({ privateKey: '"  "' }).code).toBe('MISSING_FIELD');
    expect(refusal({ privateKey: ADDRESS, walletAddress: ADDRESS }).message).toContain('same as the wallet address');
  });

  it('checks the typed address: base58 of 32 bytes, and the wallet\'s own', () => {
    expect(readSolanaWallet({ privateKey: KEYPAIR_BASE58, walletAddress: ` ${ADDRESS} ` }).address).toBe(ADDRESS);
    const short = refusal({ privateKey: KEYPAIR_BASE58, walletAddress: ADDRESS.slice(0, 20) });
    expect(short.code).toBe('MALFORMED_FIELD');
    expect(short.details).toEqual({ field: 'walletAddress' });
    expect(refusal({ privateKey: KEYPAIR_BASE58, walletAddress: 'not-an-address' }).details).toEqual({ field: 'walletAddress' });
    const other = refusal({ privateKey: KEYPAIR_BASE58, walletAddress: SEED_8_ADDRESS });
    expect(other.code).toBe('ADDRESS_MISMATCH');
    expect(other.message).toContain(SEED_8_ADDRESS);
    expect(other.message).toContain(ADDRESS);
    expect(other.details).toEqual({ typed: SEED_8_ADDRESS, derived: ADDRESS });
  });

  it('no message or detail of any refusal holds a key', () => {
    const secrets = [KEYPAIR_BASE58, SEED_BASE58, KEYPAIR_BASE58.slice(0, 16), SEED_BASE58.slice(0, 16), KEY_FILE.slice(0, 20), EVM_KEY.slice(2, 20)];
    expect(messages.length).toBeGreaterThan(15);
    for (const text of messages) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
