/** The Add key and Rotate forms' checks as a key is typed and when the form is sent. */
import { describe, expect, it } from 'vitest';
import { checkKeyField } from './field-checks';

const binance = { id: 'binance' };
const kucoin = { id: 'kucoin' };
const letters = (length: number) => 'aB3'.repeat(Math.ceil(length / 3)).slice(0, length);

describe('checkKeyField', () => {
  it('lets an empty field be while typing, and asks for it, in words, when the form is sent', () => {
    expect(checkKeyField(binance, 'secret', '', false)).toBeNull();
    expect(checkKeyField(binance, 'secret', '  ', true)).toBe('Enter the API secret.');
    expect(checkKeyField(kucoin, 'password', '', true)).toBe('Enter the API passphrase.');
    expect(checkKeyField({ id: 'okx' }, 'uid', '', true)).toBe('Enter the user ID.');
  });

  it('says at once what is wrong with a Binance key, with the core’s words', () => {
    expect(checkKeyField(binance, 'apiKey', letters(40), false)).toMatch(/^A Binance API key is 64 letters and digits; this one has 40 characters\./);
    expect(checkKeyField(binance, 'apiKey', letters(64), false)).toBeNull();
    expect(checkKeyField(binance, 'secret', `${letters(63)}!`, true)).toContain('A Binance HMAC secret is 64 letters and digits');
  });

  it('reads a key the way it will be stored: quotes and surrounding spaces from a .env file are fine', () => {
    expect(checkKeyField(binance, 'apiKey', ` "${letters(64)}" `, true)).toBeNull();
  });

  it('catches the usual paste mistakes on any exchange', () => {
    expect(checkKeyField(kucoin, 'apiKey', 'abc def', false)).toContain('contains a space or line break in the middle');
    expect(checkKeyField(kucoin, 'secret', 'abc\u200bdef', false)).toContain('contains an invisible character');
    expect(checkKeyField(kucoin, 'password', 'my api passphrase!', true)).toBeNull();
  });

  it('leaves a key file to the core, which can read it', () => {
    const keyFile = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINotAValidKeyAtAll\n-----END PRIVATE KEY-----';
    expect(checkKeyField(binance, 'secret', keyFile, true)).toBeNull();
  });
});
