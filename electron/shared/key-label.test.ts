/** The label length rule, counted as the core stores the label. */
import { describe, expect, it } from 'vitest';
import { CredentialLabel } from '../core/credentials/credential-schema';
import { KEY_LABEL_MAX, keyLabelLengthProblem } from './key-label';

describe('keyLabelLengthProblem', () => {
  it('accepts 64 characters, refuses 65 with the count, and counts as the core does (trimmed, spaces as one)', () => {
    expect(keyLabelLengthProblem('x'.repeat(KEY_LABEL_MAX))).toBeNull();
    expect(keyLabelLengthProblem('x'.repeat(65))).toBe('A label can have at most 64 characters; this one has 65. Shorten it by 1.');
    expect(keyLabelLengthProblem(`  ${'a '.repeat(32)}   `)).toBeNull();
    expect(keyLabelLengthProblem('')).toBeNull();
  });

  it('agrees with the core schema on every length around the limit', () => {
    for (const label of ['x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), `${'x'.repeat(60)}      ${'y'.repeat(3)}`, '🔑'.repeat(32), '🔑'.repeat(33)]) {
      expect(keyLabelLengthProblem(label) === null, label).toBe(CredentialLabel.safeParse(label).success);
    }
  });
});
