/** What Keywarden accepts as a passphrase. Forgetting it means losing access, so length beats symbols. */
import { KeywardenError } from '../errors';

export const MIN_PASSPHRASE_LENGTH = 10;

export function assertPassphraseAcceptable(passphrase: string): void {
  const characters = [...passphrase.normalize('NFKC')];
  if (characters.length < MIN_PASSPHRASE_LENGTH) {
    throw new KeywardenError('WEAK_PASSPHRASE', `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.`);
  }
  if (new Set(characters).size < 4) {
    throw new KeywardenError('WEAK_PASSPHRASE', 'That passphrase repeats too few characters to be safe. Use a few unrelated words.');
  }
}
