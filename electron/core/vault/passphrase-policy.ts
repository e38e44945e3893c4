/** Refuses a passphrase that the shared rule (shared/passphrase-policy.ts) does not accept. */
import { KeywardenError } from '../errors';
import { checkPassphrase } from '../../shared/passphrase-policy';

export function assertPassphraseAcceptable(passphrase: string): void {
  const check = checkPassphrase(passphrase);
  if (!check.ok) throw new KeywardenError('WEAK_PASSPHRASE', check.message);
}
