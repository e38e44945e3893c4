/** What a key's card says: its status, its permissions and the warnings it carries between checks. */
import { describe, expect, it } from 'vitest';
import { credentialInfo, NOW } from '../../testing/contract-fixtures';
import { keyStatePresentation, permissionChips, statusExplanation } from './credential-presentation';
import { credentialWarnings, isExpiringSoon } from './verification-presentation';

const DAY = 86_400_000;

describe('permissionChips', () => {
  it('shows nothing for a key never checked, and no chip for what the exchange did not report', () => {
    expect(permissionChips(credentialInfo({ permissions: null }))).toBeNull();
    const permissions = { read: true, trade: null, withdraw: null, internalTransfer: null, universalTransfer: null, futures: null, margin: null, ipRestricted: null, expiresAt: null, source: 'balance-only' } as const;
    expect(permissionChips(credentialInfo({ permissions }))).toEqual([{ label: 'Can read', tone: 'neutral' }]);
  });

  it('marks withdraw as dangerous and a missing IP allow-list as a warning', () => {
    const base = credentialInfo().permissions;
    if (base === null) throw new Error('the fixture has permissions');
    const chips = permissionChips(credentialInfo({ permissions: { ...base, withdraw: true, ipRestricted: false } }));
    expect(chips).toContainEqual({ label: 'Can withdraw', tone: 'danger' });
    expect(chips).toContainEqual({ label: 'Any IP address', tone: 'warning' });
    const safe = permissionChips(credentialInfo({ permissions: { ...base, withdraw: false, ipRestricted: true } }));
    expect(safe).toContainEqual({ label: 'Cannot withdraw', tone: 'success' });
    expect(safe).toContainEqual({ label: 'Limited to your IP addresses', tone: 'success' });
  });
});

describe('keyStatePresentation', () => {
  it('never says a key with blocked trading is working, whatever its stored status', () => {
    expect(keyStatePresentation({ status: 'active', tradingBlock: 'withdraw-enabled' })).toMatchObject({ label: 'Trading blocked', tone: 'danger' });
    expect(keyStatePresentation({ status: 'unverified', tradingBlock: 'permissions-widened' })).toMatchObject({ label: 'Trading blocked', tone: 'danger' });
    expect(keyStatePresentation({ status: 'active', tradingBlock: null })).toMatchObject({ label: 'Working', tone: 'success' });
    expect(keyStatePresentation({ status: 'invalid', tradingBlock: null }).label).toBe('Not working');
    expect(keyStatePresentation({ status: 'revoked', tradingBlock: 'withdraw-enabled' }).label).toBe('Revoked');
  });
});

describe('statusExplanation', () => {
  it('names the exchange in what the status means', () => {
    expect(statusExplanation(credentialInfo({ status: 'invalid' }), 'Binance')).toBe('Binance refused this key at the last check.');
    expect(statusExplanation(credentialInfo({ status: 'revoked' }), 'Binance')).toMatch(/^Revoked/);
  });

  it('tells an expiry date the owner set from one the exchange reported', () => {
    const day = NOW - DAY;
    expect(statusExplanation(credentialInfo({ status: 'expired', expiresAt: day, ownExpiresAt: day }), 'OpenAI')).toBe('It reached the expiry date you set: Keywarden no longer uses or hands out this key.');
    expect(statusExplanation(credentialInfo({ status: 'expired', expiresAt: day, ownExpiresAt: null }), 'Bybit')).toBe('This key has expired on Bybit.');
  });
});

describe('credentialWarnings: between checks', () => {
  it('says what the last check found, with the exchange’s own name', () => {
    const base = credentialInfo().permissions;
    if (base === null) throw new Error('the fixture has permissions');
    const warnings = credentialWarnings(credentialInfo({ provider: 'kucoin', permissions: { ...base, ipRestricted: false }, rotationDue: true }), 'KuCoin', NOW);
    expect(warnings.map((warning) => warning.code)).toEqual(['no-ip-restriction', 'rotation-due']);
    expect(warnings[0]?.message).toContain("KuCoin's API settings");
  });

  it('has nothing to say about a revoked key', () => {
    expect(credentialWarnings(credentialInfo({ status: 'revoked', rotationDue: true, expiresAt: NOW - DAY }), 'Binance', NOW)).toEqual([]);
  });

  it('flags a key expiring within two weeks', () => {
    expect(isExpiringSoon(credentialInfo({ expiresAt: NOW + 3 * DAY }), NOW)).toBe(true);
    expect(isExpiringSoon(credentialInfo({ expiresAt: NOW + 30 * DAY }), NOW)).toBe(false);
    expect(isExpiringSoon(credentialInfo(), NOW)).toBe(false);
  });
});
