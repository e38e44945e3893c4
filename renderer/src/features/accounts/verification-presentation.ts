/**
 * How a verification's outcome and warnings are shown, and the warnings a stored key carries
 * between checks (the core sends warnings only with a verification result; the card needs them
 * all the time, so they are derived here from what the last check stored).
 */
import type { BadgeTone } from '../../components/Badge';
import type { CredentialInfo, VerificationOutcome, VerificationWarning, WarningCode } from '../../api/contract-types';

export const outcomePresentation: Readonly<Record<VerificationOutcome, { readonly label: string; readonly tone: BadgeTone }>> = {
  ok: { label: 'OK', tone: 'success' },
  'invalid-key': { label: 'Invalid key', tone: 'danger' },
  'bad-secret': { label: 'Bad secret', tone: 'danger' },
  'ip-not-allowed': { label: 'IP not allowed', tone: 'danger' },
  'clock-skew': { label: 'Clock skew', tone: 'warning' },
  expired: { label: 'Expired', tone: 'danger' },
  'permission-missing': { label: 'Permission missing', tone: 'warning' },
  'exchange-unavailable': { label: 'Exchange unavailable', tone: 'warning' },
  timeout: { label: 'Timeout', tone: 'warning' },
};

export const warningPresentation: Readonly<Record<WarningCode, { readonly label: string; readonly tone: BadgeTone }>> = {
  'withdraw-enabled': { label: 'Can withdraw', tone: 'danger' },
  'permissions-widened': { label: 'Permissions widened', tone: 'danger' },
  'no-ip-restriction': { label: 'No IP allow-list', tone: 'warning' },
  'expiring-soon': { label: 'Expiring soon', tone: 'warning' },
  'rotation-due': { label: 'Rotation due', tone: 'warning' },
  'read-only': { label: 'Read-only', tone: 'warning' },
};

/** Warnings that get a callout of their own (with the accept-risk action), not a line in the list. */
export const blockingWarnings: ReadonlySet<WarningCode> = new Set(['withdraw-enabled', 'permissions-widened']);

const EXPIRY_WARNING_MS = 14 * 86_400_000;
const DAY_MS = 86_400_000;

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function ipHowTo(provider: string, exchangeName: string): string {
  if (provider === 'binance') return 'In Binance → API Management → Edit restrictions, choose “Restrict access to trusted IPs only” and add this computer’s IP address.';
  if (provider === 'bybit') return 'In Bybit → API, edit the key and bind it to this computer’s IP address. (Bybit keys without an IP restriction also expire after three months.)';
  return `Restrict the key to this computer’s IP address in ${exchangeName}’s API settings.`;
}

/**
 * What is worth knowing about a stored key, from its last check and its age. The same codes and
 * much the same words as the core's verification warnings, for the time between checks.
 */
export function credentialWarnings(credential: CredentialInfo, exchangeName: string, now: number): VerificationWarning[] {
  if (credential.status === 'revoked') return [];
  const warnings: VerificationWarning[] = [];
  const permissions = credential.permissions;
  if (permissions?.ipRestricted === false) {
    warnings.push({ code: 'no-ip-restriction', message: `The key works from any IP address: if it leaks, it can be used from anywhere. ${ipHowTo(credential.provider, exchangeName)}` });
  }
  if (credential.expiresAt !== null && credential.expiresAt - now < EXPIRY_WARNING_MS) {
    const days = Math.max(0, Math.round((credential.expiresAt - now) / DAY_MS));
    warnings.push({
      code: 'expiring-soon',
      message: credential.expiresAt <= now
        ? `The key expired on ${exchangeName} on ${isoDay(credential.expiresAt)}. Create a new key there and rotate this one.`
        : `The key expires on ${exchangeName} in ${days} day${days === 1 ? '' : 's'} (${isoDay(credential.expiresAt)}). Create a new key and rotate this one before then.`,
    });
  }
  if (credential.rotationDue) {
    warnings.push({ code: 'rotation-due', message: `This key was created or last rotated on ${isoDay(credential.rotatedAt ?? credential.createdAt)}. Rotating keys regularly limits the damage of an unnoticed leak.` });
  }
  if (permissions?.trade === false && permissions.withdraw !== true) {
    warnings.push({ code: 'read-only', message: 'The key is read-only: Keywarden can check balances with it but cannot trade.' });
  }
  return warnings;
}

/** True when the key expires within two weeks (or has expired). */
export function isExpiringSoon(credential: CredentialInfo, now: number): boolean {
  return credential.expiresAt !== null && credential.expiresAt - now < EXPIRY_WARNING_MS;
}
