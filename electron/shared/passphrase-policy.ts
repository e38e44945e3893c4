/**
 * What Keywarden accepts as a passphrase. Forgetting it means losing access, so length beats
 * symbols: at least 10 characters, and not a run of the same few. The core refuses by this rule
 * (core/vault/passphrase-policy.ts); the window's strength meter says the same while it is typed.
 *
 * This file is the shared pure tier: it imports nothing.
 */

export const MIN_PASSPHRASE_LENGTH = 10;

/** Fewer different characters than this is a run of the same few ("aaaaaaaaaa", "abababababab"). */
const MIN_DISTINCT_CHARACTERS = 4;

export type PassphraseCheck =
  | { readonly ok: true; readonly length: number; readonly distinct: number }
  | { readonly ok: false; readonly reason: 'too-short'; readonly missing: number; readonly message: string }
  | { readonly ok: false; readonly reason: 'too-repetitive'; readonly message: string };

/**
 * Whether `passphrase` is acceptable. Characters are counted after NFKC normalisation and by code
 * point, so an accented letter or an emoji counts once however it was typed.
 */
export function checkPassphrase(passphrase: string): PassphraseCheck {
  const characters = [...passphrase.normalize('NFKC')];
  if (characters.length < MIN_PASSPHRASE_LENGTH) {
    return {
      ok: false,
      reason: 'too-short',
      missing: MIN_PASSPHRASE_LENGTH - characters.length,
      message: `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.`,
    };
  }
  const distinct = new Set(characters).size;
  if (distinct < MIN_DISTINCT_CHARACTERS) {
    return { ok: false, reason: 'too-repetitive', message: 'That passphrase repeats too few characters to be safe. Use a few unrelated words.' };
  }
  return { ok: true, length: characters.length, distinct };
}
