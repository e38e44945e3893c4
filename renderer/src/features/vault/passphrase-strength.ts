/**
 * A rough strength estimate for a new passphrase, to guide rather than to gate. What is acceptable
 * is the shared rule the core refuses by (electron/shared/passphrase-policy.ts); above that, length
 * counts most, because a forgotten passphrase cannot be recovered, so a long memorable one beats a
 * short clever one.
 */
import { checkPassphrase, MIN_PASSPHRASE_LENGTH } from '../../../../electron/shared/passphrase-policy';

export type StrengthLevel = 0 | 1 | 2 | 3 | 4;

export interface PassphraseStrength {
  /** 0 = not acceptable, 1 weak, 2 fair, 3 good, 4 strong. */
  readonly level: StrengthLevel;
  readonly label: string;
  readonly advice: string;
}

export const emptyStrength: PassphraseStrength = { level: 0, label: 'Empty', advice: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.` };

export function estimatePassphraseStrength(passphrase: string): PassphraseStrength {
  if (passphrase === '') return emptyStrength;
  const check = checkPassphrase(passphrase);
  if (!check.ok && check.reason === 'too-short') {
    return { level: 0, label: 'Too short', advice: `${check.missing} more character${check.missing === 1 ? '' : 's'} needed. A few unrelated words work well.` };
  }
  if (!check.ok) return { level: 0, label: 'Too repetitive', advice: 'It repeats too few characters. Use a few unrelated words.' };
  const { length, distinct } = check;

  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(passphrase)) pool += 33;
  // Repeated characters add little: count each distinct character fully, repeats at a quarter.
  const effectiveLength = distinct + (length - distinct) / 4;
  const bits = effectiveLength * Math.log2(Math.max(pool, 10));

  if (bits < 45) return { level: 1, label: 'Weak', advice: 'Acceptable, but easy to guess offline. Add another word or two.' };
  if (bits < 65) return { level: 2, label: 'Fair', advice: 'Reasonable. One more unrelated word makes it much stronger.' };
  if (bits < 85) return { level: 3, label: 'Good', advice: 'A good passphrase. Make sure you can remember it.' };
  return { level: 4, label: 'Strong', advice: 'A strong passphrase. Make sure you can remember it.' };
}
