/** The native notification after "Verify all keys": a pure function of the results. */
import type { VerificationResult } from './optional-channels';
import { plural } from './tray-state';

const MAX_BODY_LINES = 4;

export function verificationNotice(results: readonly VerificationResult[]): { title: string; body: string } {
  if (results.length === 0) return { title: 'Keywarden: nothing to verify', body: 'There are no keys in the vault yet.' };
  const failed = results.filter((result) => result.outcome !== 'ok');
  const title = failed.length === 0
    ? `Keywarden: all ${plural(results.length, 'key')} OK`
    : `Keywarden: ${failed.length} of ${plural(results.length, 'key')} need attention`;
  // Problems first: a notification is read at a glance.
  const lines = [...failed, ...results.filter((result) => result.outcome === 'ok')].map((result) => `${result.label}: ${result.message || result.outcome}`);
  const body = lines.length <= MAX_BODY_LINES ? lines.join('\n') : [...lines.slice(0, MAX_BODY_LINES - 1), `…and ${lines.length - (MAX_BODY_LINES - 1)} more`].join('\n');
  return { title, body };
}
