/**
 * Slows down passphrase guessing. Failures are counted in the database, not in memory, so a script
 * that starts a fresh CLI process per guess is slowed down too. After three failures each further
 * attempt must wait, doubling from 1 s up to 5 minutes; a success resets the count.
 */
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { deleteSetting, readSetting, writeSetting } from '../store/settings-store';
import { KeywardenError } from '../errors';

const KEY = 'vault.unlockFailures';
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;
const Failures = z.object({ count: z.number().int().nonnegative(), lastAt: z.number() });

export function delayAfterFailures(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (count - FREE_ATTEMPTS));
}

/** Throws UNLOCK_THROTTLED when the caller must wait before trying a passphrase again. */
export function assertUnlockAllowed(db: Db, clock: Clock): void {
  const failures = readSetting(db, KEY, Failures, { count: 0, lastAt: 0 });
  const waitMs = failures.lastAt + delayAfterFailures(failures.count) - clock.now();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new KeywardenError('UNLOCK_THROTTLED', `Too many wrong passphrases. Wait ${seconds} s before trying again.`, { retryAfterSeconds: seconds });
  }
}

export function recordUnlockFailure(db: Pick<Db, 'select' | 'insert' | 'delete'>, clock: Clock): number {
  const failures = readSetting(db, KEY, Failures, { count: 0, lastAt: 0 });
  const count = failures.count + 1;
  writeSetting(db, KEY, { count, lastAt: clock.now() }, clock.now());
  return count;
}

export function clearUnlockFailures(db: Pick<Db, 'insert' | 'delete'>): void {
  deleteSetting(db, KEY);
}
