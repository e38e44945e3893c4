/** The one-line summary of a wallet's funds, for rotation reminders. */
import { describe, expect, it } from 'vitest';
import { groupDigits, walletBalancesSummary } from './wallet-balances-summary';

describe('walletBalancesSummary', () => {
  it('groups thousands on the exact string and keeps every decimal', () => {
    expect(groupDigits('1250.5')).toBe('1,250.5');
    expect(groupDigits('1234567890.000000000000000001')).toBe('1,234,567,890.000000000000000001');
    expect(groupDigits('999')).toBe('999');
  });

  it('says the balances are unknown when the check did not read them', () => {
    expect(walletBalancesSummary({ outcome: 'unavailable', reason: 'connection refused', message: 'm' })).toContain('unknown');
  });
});
