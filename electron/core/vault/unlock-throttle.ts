/**
 * Slows down passphrase guessing. Failures are counted in the database, not in memory, so a script
 * that starts a fresh CLI process per guess is slowed down too. After three failures each further
 * attempt must wait, doubling from 1 s up to 5 minutes; a success resets the count.
 *
 * An attempt is counted as failed before the KDF runs, in the same IMMEDIATE transaction as the
 * check: checking first and counting after the (slow) KDF let parallel guesses from several
 * processes all pass the check. The success path clears the count.
 */
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { unlockFailuresSetting } from '../store/settings-registry';
import { deleteSetting, readSetting, writeSetting } from '../store/settings-store';
import { KeywardenError } from '../errors';

const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

export function delayAfterFailures(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (count - FREE_ATTEMPTS));
}

/**
 * Starts a passphrase attempt: throws UNLOCK_THROTTLED when the caller must wait, otherwise counts
 * the attempt as failed (until `clearUnlockFailures` on success) and returns the new count. One
 * IMMEDIATE transaction, so two processes cannot both pass the check on the same count.
 */
export function beginUnlockAttempt(db: Db, clock: Clock): number {
  return db.transaction((tx) => {
    const failures = readSetting(tx, unlockFailuresSetting);
    const now = clock.now();
    const waitMs = failures.lastAt + delayAfterFailures(failures.count) - now;
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new KeywardenError('UNLOCK_THROTTLED', `Too many wrong passphrases. Wait ${seconds} s before trying again.`, { retryAfterSeconds: seconds });
    }
    const count = failures.count + 1;
    writeSetting(tx, unlockFailuresSetting, { count, lastAt: now }, now);
    return count;
  }, { behavior: 'immediate' });
}

export function clearUnlockFailures(db: Pick<Db, 'insert' | 'delete'>): void {
  deleteSetting(db, unlockFailuresSetting);
}
