/**
 * The rules a pasted key field is read by, in the core when a key is saved and in the window while
 * it is typed: what is cleaned, what is refused and in which words, never echoing the value.
 */
import { describe, expect, it } from 'vitest';
import { fieldTitle } from './credential-field-labels';
import { apiKeyHint, keyFieldFormatProblem, keyFileRule, readKeyField } from './key-formats';

const letters = (length: number) => 'aB3'.repeat(Math.ceil(length / 3)).slice(0, length);

describe('readKeyField', () => {
  it('keeps a clean paste as it is, and cleans what .env files and copying add around it', () => {
    const key = letters(64);
    expect(readKeyField('apiKey', key)).toEqual({ ok: true, value: key });
    expect(readKeyField('apiKey', `  ${key}\n`)).toEqual({ ok: true, value: key });
    expect(readKeyField('apiKey', `"${key}"`)).toEqual({ ok: true, value: key });
    expect(readKeyField('apiKey', `'${key}'`)).toEqual({ ok: true, value: key });
    expect(readKeyField('secret', '-----BEGIN PRIVATE KEY-----\\nMC4CAQ\\n-----END PRIVATE KEY-----')).toEqual({ ok: true, value: '-----BEGIN PRIVATE KEY-----\nMC4CAQ\n-----END PRIVATE KEY-----' });
  });

  it('calls an empty field (or empty quotes) missing', () => {
    expect(readKeyField('secret', '   ')).toEqual({ ok: false, problem: 'missing', message: 'The API secret is missing.' });
    expect(readKeyField('secret', '""')).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('refuses what cannot be part of a key, naming the field and never repeating the value', () => {
    const cases: [Parameters<typeof readKeyField>, string][] = [
      [['apiKey', 'abcd efgh'], 'The API key contains a space or line break in the middle'],
      [['apiKey', 'abcd\nefgh'], 'space or line break in the middle'],
      [['apiKey', 'abcd\u200befgh'], 'The API key contains an invisible character'],
      [['secret', 'abcdéfgh'], 'The API secret contains characters that cannot be part of a key'],
      [['password', 'my pass\tphrase'], 'The API passphrase contains a space or line break in the middle'],
      [['apiKey', 'x'.repeat(9000)], 'far too long to be a key'],
      [['secret', '-----BEGIN PRIVATE KEY-----\nMC4\u200bCAQ\n-----END PRIVATE KEY-----'], 'cannot be in a key file'],
    ];
    for (const [[field, value], says] of cases) {
      const read = readKeyField(field, value);
      expect(read, JSON.stringify(value.slice(0, 20))).toMatchObject({ ok: false, problem: 'malformed', message: expect.stringContaining(says) });
      if (!read.ok) expect(read.message).not.toContain(value.trim().slice(0, 6));
    }
  });

  it('lets an API passphrase, which a person chose, contain spaces', () => {
    expect(readKeyField('password', 'my api passphrase!')).toEqual({ ok: true, value: 'my api passphrase!' });
  });
});

describe('keyFieldFormatProblem', () => {
  it('knows Binance keys: 64 letters and digits, or a key file as the secret', () => {
    expect(keyFieldFormatProblem('binance', 'apiKey', letters(64))).toBeNull();
    expect(keyFieldFormatProblem('binance', 'apiKey', letters(40))).toBe('A Binance API key is 64 letters and digits; this one has 40 characters. Copy it again from API Management.');
    expect(keyFieldFormatProblem('binance', 'apiKey', `${letters(63)}!`)).toContain('this one has 64 characters and other symbols');
    expect(keyFieldFormatProblem('binance', 'secret', letters(63))).toContain('A Binance HMAC secret is 64 letters and digits; this one has 63 characters.');
    expect(keyFieldFormatProblem('binance', 'secret', '-----BEGIN PRIVATE KEY-----\nanything')).toBeNull();
    expect(keyFieldFormatProblem('binanceus', 'apiKey', letters(40))).toContain('A Binance API key is 64 letters and digits');
  });

  it('knows Bybit keys: letters and digits, 10–32 for the key and 16–64 for the secret', () => {
    expect(keyFieldFormatProblem('bybit', 'apiKey', letters(18))).toBeNull();
    expect(keyFieldFormatProblem('bybit', 'secret', letters(36))).toBeNull();
    expect(keyFieldFormatProblem('bybit', 'apiKey', 'abc-def-ghi-jkl')).toContain('A Bybit API key is letters and digits only');
    expect(keyFieldFormatProblem('bybit', 'secret', letters(15))).toContain('A Bybit API secret is letters and digits only (36 characters for keys Bybit generates); this one has 15 characters.');
  });

  it('checks wallet keys and EVM addresses on any exchange, and nothing else there', () => {
    expect(keyFieldFormatProblem('hyperliquid', 'privateKey', `0x${'ab'.repeat(32)}`)).toBeNull();
    expect(keyFieldFormatProblem('hyperliquid', 'privateKey', `0x${'ab'.repeat(31)}`)).toBe('A wallet private key is 64 hex digits; this one has 62.');
    expect(keyFieldFormatProblem('hyperliquid', 'walletAddress', `0x${'a'.repeat(40)}`)).toBeNull();
    expect(keyFieldFormatProblem('hyperliquid', 'walletAddress', '0x1234')).toContain('An EVM wallet address is 0x followed by 40 hex digits');
    expect(keyFieldFormatProblem('kucoin', 'apiKey', 'any-shape-at-all')).toBeNull();
    expect(keyFieldFormatProblem('constructor', 'apiKey', 'x')).toBeNull();
  });
});

describe('what the forms say about keys', () => {
  it('names the key files each exchange takes in place of a secret', () => {
    expect(keyFileRule('binance').types).toEqual(['ed25519', 'rsa']);
    expect(keyFileRule('bybit').types).toEqual(['rsa']);
    expect(keyFileRule('kraken').types).toEqual(['ed25519', 'rsa', 'ec']);
  });

  it('describes the API key of the exchanges it knows', () => {
    expect(apiKeyHint('binance')).toBe('64 letters and digits, from API Management.');
    expect(apiKeyHint('bybit')).toBe('18 letters and digits for keys Bybit generates.');
    expect(apiKeyHint('kraken')).toBeNull();
  });

  it('titles field labels where they start a line, keeping their own capitals', () => {
    expect(fieldTitle('apiKey')).toBe('API key');
    expect(fieldTitle('uid')).toBe('User ID');
    expect(fieldTitle('privateKey')).toBe('Private key');
    expect(fieldTitle('twofa')).toBe('2FA secret');
  });
});
