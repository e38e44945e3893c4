/** The card's danger badge for a key that can trade with no IP restriction (issue 20): by the shared rule, with its countdown. */
import { describe, expect, it } from 'vitest';
import { NOW, credentialInfo } from '../../testing/contract-fixtures';
import { credentialWarnings, ipDangerBadge, warningPresentation } from './verification-presentation';

const DAY = 86_400_000;
const permissions = { read: true, trade: true, withdraw: false, internalTransfer: false, universalTransfer: false, futures: false, margin: null, ipRestricted: false, expiresAt: null, source: 'binance-api-restrictions' as const };

describe('ipDangerBadge', () => {
  it('Binance: will be deleted, no date; Bybit: counts down from its own date; none for read-only, bound or revoked keys', () => {
    expect(ipDangerBadge(credentialInfo({ provider: 'binance', permissions }), NOW)).toBe('Will be deleted (no IP restriction)');
    const bybit = credentialInfo({ provider: 'bybit', permissions: { ...permissions, source: 'bybit-query-api', expiresAt: NOW + 5 * DAY }, expiresAt: NOW + 5 * DAY });
    expect(ipDangerBadge(bybit, NOW)).toMatch(/^Expires in 5 days \(\d{4}-\d{2}-\d{2}\)$/);
    expect(ipDangerBadge(credentialInfo({ provider: 'binance', permissions: { ...permissions, trade: false } }), NOW)).toBeNull();
    expect(ipDangerBadge(credentialInfo({ provider: 'binance', permissions: { ...permissions, ipRestricted: true } }), NOW)).toBeNull();
    expect(ipDangerBadge(credentialInfo({ provider: 'binance', permissions, status: 'revoked' }), NOW)).toBeNull();
  });

  it('the warning list shows it as danger, not the mild "No IP allow-list" badge', () => {
    const [warning] = credentialWarnings(credentialInfo({ provider: 'binance', permissions }), 'Binance', NOW);
    expect(warning?.code).toBe('key-will-die');
    expect(warningPresentation['key-will-die'].tone).toBe('danger');
  });
});
