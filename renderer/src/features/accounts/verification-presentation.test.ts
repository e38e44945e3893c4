/** Issue 21: a check that passed on a key whose trading is blocked never reads as a green "OK" beside a danger. */
import { describe, expect, it } from 'vitest';
import { checkBadge, outcomePresentation } from './verification-presentation';

describe('the badge of a check', () => {
  it('reads "Trading blocked" in danger when the check passed but the key may not trade', () => {
    expect(checkBadge('ok', 'withdraw-enabled')).toEqual({ label: 'Trading blocked', tone: 'danger' });
    expect(checkBadge('ok', 'permissions-widened')).toEqual({ label: 'Trading blocked', tone: 'danger' });
  });

  it('reads the outcome otherwise: OK for a key that may trade, the failure for one that failed (blocked or not)', () => {
    expect(checkBadge('ok', null)).toEqual({ label: 'OK', tone: 'success' });
    expect(checkBadge('bad-secret', 'withdraw-enabled')).toEqual(outcomePresentation['bad-secret']);
    expect(checkBadge('ip-not-allowed', null)).toEqual(outcomePresentation['ip-not-allowed']);
  });
});
