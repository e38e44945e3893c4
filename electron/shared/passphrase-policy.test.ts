/** The passphrase rule the core refuses by and the window's meter follows. */
import { describe, expect, it } from 'vitest';
import { checkPassphrase, MIN_PASSPHRASE_LENGTH } from './passphrase-policy';

describe('checkPassphrase', () => {
  it('accepts 10 characters or more that are not a run of the same few', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(10);
    expect(checkPassphrase('correct horse')).toMatchObject({ ok: true, length: 13 });
    expect(checkPassphrase('abcdabcdab')).toMatchObject({ ok: true, distinct: 4 });
  });

  it('refuses a short one, saying how many characters are missing', () => {
    expect(checkPassphrase('short')).toEqual({
      ok: false,
      reason: 'too-short',
      missing: 5,
      message: 'Use a passphrase of at least 10 characters; a few unrelated words work well.',
    });
  });

  it('refuses a run of fewer than four different characters', () => {
    expect(checkPassphrase('abcabcabcabc')).toEqual({ ok: false, reason: 'too-repetitive', message: 'That passphrase repeats too few characters to be safe. Use a few unrelated words.' });
  });

  it('counts characters as people see them: after NFKC, by code point', () => {
    // Ten emoji are ten characters (twenty UTF-16 units); e + a combining accent is one é.
    expect(checkPassphrase('🔑🔒🔐🔓🔑🔒🔐🔓🔑🔒')).toMatchObject({ ok: true, length: 10 });
    expect(checkPassphrase('🔑🔒🔐🔓🔑')).toMatchObject({ ok: false, reason: 'too-short', missing: 5 });
    expect('cafe\u0301 au l'.length).toBe(10);
    expect(checkPassphrase('cafe\u0301 au l')).toMatchObject({ ok: false, reason: 'too-short', missing: 1 });
  });
});
