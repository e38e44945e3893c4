import { describe, expect, it } from 'vitest';
import { keyState, keyStateSummary, keyStateWord, keyStates, permissionList, permissionWord, statusWord, type KeyStatus } from './key-vocabulary';

const statuses: readonly KeyStatus[] = ['unverified', 'active', 'invalid', 'expired', 'revoked', 'disabled'];

describe('key vocabulary', () => {
  it('never reads a key whose trading is blocked as working', () => {
    for (const status of statuses) {
      for (const block of ['withdraw-enabled', 'permissions-widened']) {
        const word = keyStateWord({ status, tradingBlock: block });
        expect(word).not.toMatch(/^(Working|OK)$/i);
        expect(keyState({ status, tradingBlock: block })).not.toBe('working');
      }
    }
    expect(keyStateWord({ status: 'active', tradingBlock: 'withdraw-enabled' })).toBe('Trading blocked');
    expect(keyStateWord({ status: 'active', tradingBlock: null })).toBe('Working');
    expect(statusWord('active', 'withdraw-enabled')).toBe('Trading blocked');
    expect(statusWord('something-new')).toBe('something-new');
  });

  it('has one state per key and a word for each', () => {
    for (const status of statuses) expect(keyStates).toContain(keyState({ status, tradingBlock: null }));
  });

  it('summarises without counting a blocked key among the working ones', () => {
    const six = Array.from({ length: 6 }, () => ({ status: 'active' as const, tradingBlock: 'withdraw-enabled' }));
    expect(keyStateSummary([...six, { status: 'active', tradingBlock: null }])).toBe('1 working, 6 trading blocked');
    expect(keyStateSummary(six)).not.toMatch(/every|all .* working/i);
    expect(keyStateSummary([{ status: 'active', tradingBlock: null }, { status: 'active', tradingBlock: null }])).toBe('All 2 keys are working');
    expect(keyStateSummary([])).toBe('No keys yet');
  });

  it('has one word per permission and value, none for unknown', () => {
    expect(permissionWord('withdraw', true)).toBe('Can withdraw');
    expect(permissionWord('withdraw', false)).toBe('Cannot withdraw');
    expect(permissionWord('trade', false)).toBe('Read only');
    expect(permissionWord('withdraw', null)).toBeNull();
    expect(permissionList({ read: true, trade: true, withdraw: null, ipRestricted: false })).toEqual(['Can read', 'Can trade', 'Any IP address']);
  });
});
