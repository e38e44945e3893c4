/**
 * Reading EVM wallet keys: the published Hardhat vectors, every way a paste goes wrong, and no key
 * or phrase ever in an error message.
 */
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { KeywardenError } from '../errors';
import { evmAccountOf, isEvmAddress, normaliseEvmAddress, readEvmWallet, type EvmWalletInput } from './evm-wallet-key';

// Hardhat's default account #0 and #1 (the "test … junk" phrase), as published in Hardhat's docs and viem's tests.
const KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const ADDRESS_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const ADDRESS_1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const PHRASE = 'test test test test test test test test test test test junk';
const N = secp256k1.Point.CURVE().n;

const secretsSeen = new Set<string>([KEY_0, KEY_0.slice(2), KEY_0.slice(2).toUpperCase(), PHRASE]);
const messages: string[] = [];

function refusal(input: EvmWalletInput): KeywardenError {
  try {
    readEvmWallet(input);
  } catch (error) {
    expect(error).toBeInstanceOf(KeywardenError);
    messages.push((error as KeywardenError).message, JSON.stringify((error as KeywardenError).details));
    return error as KeywardenError;
  }
  throw new Error('expected a refusal');
}

describe('readEvmWallet: private keys', () => {
  it('derives Hardhat account #0 and stores the key normalised', () => {
    for (const pasted of [KEY_0, KEY_0.slice(2), ` "${KEY_0.toUpperCase().replace('0X', '0x')}"\n`, `'${KEY_0}'`, `0X${KEY_0.slice(2)}`]) {
      const wallet = readEvmWallet({ privateKey: pasted });
      expect(wallet.address).toBe(ADDRESS_0);
      expect(wallet.values).toEqual({ privateKey: KEY_0, walletAddress: ADDRESS_0 });
    }
  });

  it('says how many hex digits a short or long key has, never the key', () => {
    const short = refusal({ privateKey: KEY_0.slice(0, -1) });
    expect(short.code).toBe('MALFORMED_FIELD');
    expect(short.details).toEqual({ field: 'privateKey' });
    expect(short.message).toContain('has 63 hex digits; a private key has 64');
    expect(refusal({ privateKey: `${KEY_0}a` }).message).toContain('has 65 hex digits');
  });

  it('refuses zero, the curve order n and n+1, and accepts n-1', () => {
    expect(refusal({ privateKey: '0'.repeat(64) }).message).toContain('all zeros');
    expect(refusal({ privateKey: N.toString(16) }).message).toContain('outside the range');
    expect(refusal({ privateKey: (N + 1n).toString(16) }).message).toContain('outside the range');
    expect(refusal({ privateKey: 'f'.repeat(64) }).message).toContain('outside the range');
    expect(readEvmWallet({ privateKey: (N - 1n).toString(16) }).address).toMatch(/^0x[0-9a-fA-F]{40}$/);
  });

  it('recognises what was pasted instead of a key', () => {
    expect(refusal({ privateKey: ADDRESS_0 }).message).toContain('looks like a wallet address');
    expect(refusal({ privateKey: PHRASE }).message).toContain('looks like a recovery phrase');
    expect(refusal({ privateKey: PHRASE }).message).toContain('paste it as the recovery phrase (mnemonic)');
    expect(refusal({ privateKey: '4ywec7dSTQ9DuRoAiUVgZXkhdn6X4L9oiPxkLMnVReHtko7VEmhP58oCCRmXU8zJTPSeNrJFiKSGW4YAzzaSsqe7' }).message).toContain('Solana');
    expect(refusal({ privateKey: '[1,2,3]' }).message).toContain('Solana key file');
    const junk = refusal({ privateKey: 'hello-world-not-a-key' });
    expect(junk.code).toBe('MALFORMED_FIELD');
    expect(junk.message).toContain('64 hex digits');
    expect(junk.message).not.toContain('hello');
    expect(refusal({ privateKey: `${KEY_0.slice(0, 20)} ${KEY_0.slice(20)}` }).message).not.toContain(KEY_0.slice(2, 20));
    expect(refusal({ privateKey: `${KEY_0}\u200b` }).message).toContain('invisible character');
  });

  it('wants exactly one of the key and the phrase, and no path with a key', () => {
    expect(refusal({}).code).toBe('MISSING_FIELD');
    expect(refusal({ privateKey: '  ', mnemonic: '""' }).code).toBe('MISSING_FIELD');
    expect(refusal({ privateKey: KEY_0, mnemonic: PHRASE }).code).toBe('INVALID_INPUT');
    expect(refusal({ privateKey: KEY_0, derivationPath: "m/44'/60'/0'/0/1" }).code).toBe('UNEXPECTED_FIELD');
  });
});

describe('readEvmWallet: recovery phrases', () => {
  it('derives m/44\'/60\'/0\'/0/0 by default and /0/1 when asked', () => {
    const first = readEvmWallet({ mnemonic: PHRASE });
    expect(first.address).toBe(ADDRESS_0);
    expect(first.values).toEqual({ mnemonic: PHRASE, derivationPath: "m/44'/60'/0'/0/0", walletAddress: ADDRESS_0 });
    expect(readEvmWallet({ mnemonic: PHRASE, derivationPath: "m/44'/60'/0'/0/1" }).address).toBe(ADDRESS_1);
    expect(readEvmWallet({ mnemonic: PHRASE, derivationPath: 'm/44h/60h/0h/0/1' }).values.derivationPath).toBe("m/44'/60'/0'/0/1");
  });

  it('normalises case, spacing and Unicode form', () => {
    const wallet = readEvmWallet({ mnemonic: `  TEST test\ttest  test\ntest test test test test test test JUNK ` });
    expect(wallet.values.mnemonic).toBe(PHRASE);
    expect(wallet.address).toBe(ADDRESS_0);
  });

  it('names unknown words by position only, and refuses a bad checksum and a wrong word count', () => {
    const misspelt = refusal({ mnemonic: 'test test test test test test tesst test test test test junk' });
    expect(misspelt.code).toBe('MALFORMED_FIELD');
    expect(misspelt.details).toEqual({ field: 'mnemonic' });
    expect(misspelt.message).toContain('Word 7 is not a BIP-39 word');
    expect(misspelt.message).not.toContain('tesst');
    expect(refusal({ mnemonic: 'zzz test test test test test test test test test test qqq' }).message).toContain('Words 1 and 12 are');
    expect(refusal({ mnemonic: 'test test test test test test test test test test test test' }).message).toContain('checksum does not match');
    expect(refusal({ mnemonic: 'test test test test test test test test test test junk' }).message).toContain('has 11 words');
    expect(refusal({ mnemonic: KEY_0 }).message).toContain('looks like a private key');
  });

  it('refuses a junk derivation path', () => {
    for (const path of ['44/60/0/0/0', "m/44'/60'/x/0", 'm/', "m/2147483648'/0", "m/1/2/3/4/5/6/7/8/9/10/11"]) {
      const error = refusal({ mnemonic: PHRASE, derivationPath: path });
      expect(error.code).toBe('MALFORMED_FIELD');
      expect(error.details).toEqual({ field: 'derivationPath' });
    }
  });
});

describe('readEvmWallet: the typed address', () => {
  it('accepts the derived address in lower case, upper case or EIP-55', () => {
    for (const typed of [ADDRESS_0, ADDRESS_0.toLowerCase(), `0x${ADDRESS_0.slice(2).toUpperCase()}`, ` ${ADDRESS_0} `]) {
      expect(readEvmWallet({ privateKey: KEY_0, walletAddress: typed }).values.walletAddress).toBe(ADDRESS_0);
    }
  });

  it('refuses a mistyped checksum as malformed', () => {
    const flipped = ADDRESS_0.replace('F', 'f');
    const error = refusal({ privateKey: KEY_0, walletAddress: flipped });
    expect(error.code).toBe('MALFORMED_FIELD');
    expect(error.details).toEqual({ field: 'walletAddress' });
    expect(error.message).toContain('checksum');
    expect(error.message).toContain('mistyped');
  });

  it('shows both addresses when the key belongs to another wallet', () => {
    const error = refusal({ privateKey: KEY_0, walletAddress: ADDRESS_1 });
    expect(error.code).toBe('ADDRESS_MISMATCH');
    expect(error.message).toContain(ADDRESS_1);
    expect(error.message).toContain(ADDRESS_0);
    expect(error.details).toEqual({ typed: ADDRESS_1, derived: ADDRESS_0 });
    expect(refusal({ mnemonic: PHRASE, derivationPath: "m/44'/60'/0'/0/1", walletAddress: ADDRESS_0 }).code).toBe('ADDRESS_MISMATCH');
  });

  it('never echoes a key pasted in the address field', () => {
    expect(refusal({ privateKey: KEY_0, walletAddress: KEY_0 }).message).toContain('looks like a private key');
  });
});

describe('address helpers and signing', () => {
  it('normaliseEvmAddress and isEvmAddress follow EIP-55', () => {
    expect(normaliseEvmAddress(ADDRESS_0.toLowerCase(), 'funderAddress', 'funder address')).toBe(ADDRESS_0);
    expect(isEvmAddress(ADDRESS_0)).toBe(true);
    expect(isEvmAddress(ADDRESS_0.toLowerCase())).toBe(true);
    expect(isEvmAddress(ADDRESS_0.replace('F', 'f'))).toBe(false);
    expect(isEvmAddress(ADDRESS_0.slice(2))).toBe(false);
    expect(isEvmAddress('0x1234')).toBe(false);
    expect(() => normaliseEvmAddress('0x1234', 'funderAddress', 'funder address')).toThrow(/funder address has 4 hex digits; an address has 40/);
    expect(() => normaliseEvmAddress(' ', 'funderAddress')).toThrow(KeywardenError);
  });

  it('evmAccountOf signs as the stored wallet', async () => {
    const fromKey = evmAccountOf(readEvmWallet({ privateKey: KEY_0 }).values);
    const fromPhrase = evmAccountOf(readEvmWallet({ mnemonic: PHRASE, derivationPath: "m/44'/60'/0'/0/1" }).values);
    expect(fromKey.address).toBe(ADDRESS_0);
    expect(fromPhrase.address).toBe(ADDRESS_1);
    const signature = await fromKey.signMessage!({ message: 'hello' });
    expect(signature).toMatch(/^0x[0-9a-f]{130}$/);
    expect(() => evmAccountOf({})).toThrow(KeywardenError);
  });

  it('no message or detail of any refusal holds a key or a phrase', () => {
    expect(messages.length).toBeGreaterThan(20);
    for (const text of messages) for (const secret of secretsSeen) expect(text).not.toContain(secret);
  });
});
