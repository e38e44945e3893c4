/** The strength meter under "New passphrase": never calls acceptable what the core refuses. */
import { describe, expect, it } from 'vitest';
import { checkPassphrase } from '../../../../electron/shared/passphrase-policy';
import { emptyStrength, estimatePassphraseStrength } from './passphrase-strength';

describe('estimatePassphraseStrength', () => {
  it('starts empty, then counts down the characters still needed', () => {
    expect(estimatePassphraseStrength('')).toBe(emptyStrength);
    expect(emptyStrength.advice).toContain('at least 10 characters');
    expect(estimatePassphraseStrength('abcdefg')).toEqual({ level: 0, label: 'Too short', advice: '3 more characters needed. A few unrelated words work well.' });
    expect(estimatePassphraseStrength('abcdefghi').advice).toMatch(/^1 more character needed/);
  });

  it('calls a run of the same few characters too repetitive', () => {
    expect(estimatePassphraseStrength('ababababababab')).toMatchObject({ level: 0, label: 'Too repetitive' });
  });

  it('rates longer and more varied passphrases higher', () => {
    const levels = ['lowercase1', 'correct horse battery', 'correct horse battery staple', 'Correct-Horse-Battery-Staple-42!'].map((text) => estimatePassphraseStrength(text).level);
    expect(levels[0]).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < levels.length; i += 1) expect(levels[i]).toBeGreaterThanOrEqual(levels[i - 1] ?? 0);
    expect(levels.at(-1)).toBe(4);
  });

  it('rates level 0 exactly what the core refuses', () => {
    for (const text of ['a', 'short one', 'aaaaaaaaaaaa', 'abcabcabcabc', 'abcdabcdab', '🔑🔒🔐🔓🔑🔒🔐🔓🔑🔒', 'cafe\u0301 au l', 'ten chars!']) {
      expect(estimatePassphraseStrength(text).level === 0, text).toBe(!checkPassphrase(text).ok);
    }
  });
});
