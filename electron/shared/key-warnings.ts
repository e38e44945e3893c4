/**
 * The warnings a stored key carries because of what its last check found and how old it is: no IP
 * allow-list, expiry, rotation due, read-only. The core sends them with each verification result
 * (core/key-lifecycle/key-verifier.ts); the window shows the same ones between checks, from the
 * stored key. One wording for both, so a card does not change its words after a check.
 *
 * This file is the shared pure tier: it imports nothing but the shared tier.
 */

import { ipExposure, type IpExposureFacts } from './key-ip-exposure';

/** Warn this long before a key expires, on its exchange or on the date its owner set. */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/** `key-will-die`: danger, not a mild badge (key-ip-exposure.ts): a key that can trade with no IP restriction is deleted or expires. */
export type StandingKeyWarningCode = 'key-will-die' | 'no-ip-restriction' | 'expiring-soon' | 'rotation-due' | 'read-only';

export interface StandingKeyWarning {
  readonly code: StandingKeyWarningCode;
  readonly message: string;
}

/** What the warnings are drawn from: a stored key's fields (the contract's CredentialInfo has them all). */
export interface KeyWarningFacts {
  /** The ccxt exchange id. */
  readonly provider: string;
  readonly permissions: IpExposureFacts['permissions'];
  readonly expiresAt: number | null;
  /** The expiry date the key's owner set; when it is the earlier one, the warning says so. */
  readonly ownExpiresAt?: number | null;
  readonly rotationDue: boolean;
  readonly rotatedAt: number | null;
  readonly createdAt: number;
}

/** True when the key expires within EXPIRY_WARNING_DAYS (or has expired). */
export function isExpiringSoon(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && expiresAt - now < EXPIRY_WARNING_DAYS * DAY_MS;
}

/** The warnings that follow from what is stored about `key`, most pressing first. `exchangeName` as people know it. */
export function standingKeyWarnings(key: KeyWarningFacts, exchangeName: string, now: number): StandingKeyWarning[] {
  const warnings: StandingKeyWarning[] = [];
  const permissions = key.permissions;
  const exposure = ipExposure(key, now);
  if (exposure !== null) {
    warnings.push({ code: 'key-will-die', message: exposure.message });
  } else if (permissions?.ipRestricted === false) {
    warnings.push({ code: 'no-ip-restriction', message: `The key works from any IP address: if it leaks, it can be used from anywhere. ${ipAllowListHowTo(key.provider, exchangeName)}` });
  }
  // The danger above already counts down to the exchange's own expiry.
  const countedDown = exposure?.state === 'expires' && exposure.expiresAt === key.expiresAt;
  if (key.expiresAt !== null && !countedDown && isExpiringSoon(key.expiresAt, now)) {
    const days = Math.max(0, Math.round((key.expiresAt - now) / DAY_MS));
    const own = key.ownExpiresAt === key.expiresAt;
    const expired = own
      ? `The key reached the expiry date you set (${isoDay(key.expiresAt)}): Keywarden no longer uses it. Create a new key at ${exchangeName} and rotate this one, or set a later date.`
      : `The key expired on ${exchangeName} on ${isoDay(key.expiresAt)}. Create a new key there and rotate this one.`;
    const soon = own
      ? `The key reaches the expiry date you set in ${days} day${days === 1 ? '' : 's'} (${isoDay(key.expiresAt)}). Create a new key at ${exchangeName} and rotate this one before then.`
      : `The key expires on ${exchangeName} in ${days} day${days === 1 ? '' : 's'} (${isoDay(key.expiresAt)}). Create a new key and rotate this one before then.`;
    warnings.push({ code: 'expiring-soon', message: key.expiresAt <= now ? expired : soon });
  }
  if (key.rotationDue) {
    warnings.push({ code: 'rotation-due', message: `This key was created or last rotated on ${isoDay(key.rotatedAt ?? key.createdAt)}. Rotating keys regularly limits the damage of an unnoticed leak.` });
  }
  if (permissions?.trade === false && permissions.withdraw !== true) {
    warnings.push({ code: 'read-only', message: 'The key is read-only: Keywarden can check balances with it but cannot trade.' });
  }
  return warnings;
}

function ipAllowListHowTo(provider: string, exchangeName: string): string {
  if (provider === 'binance') return 'In Binance → API Management → Edit restrictions, choose "Restrict access to trusted IPs only" and add this machine\'s IP address.';
  if (provider === 'bybit') return 'In Bybit → API, edit the key and bind it to this machine\'s IP address. (Bybit keys without an IP restriction also expire after three months.)';
  return `Restrict the key to this machine's IP address in ${exchangeName}'s API settings.`;
}

/** 2025-03-01: the same day everywhere, whatever the locale. */
function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
