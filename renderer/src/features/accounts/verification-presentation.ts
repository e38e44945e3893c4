/**
 * How a verification's outcome and warnings are shown, and the warnings a stored key carries
 * between checks (the core sends warnings only with a verification result; the card needs them
 * all the time, so they are derived from what the last check stored, by the core's own rule).
 */
import type { BadgeTone } from '../../components/Badge';
import type { CredentialInfo, VerificationOutcome, VerificationWarning, WarningCode } from '../../api/contract-types';
import { isExpiringSoon as isExpiringSoonAt, standingKeyWarnings } from '../../../../electron/shared/key-warnings';
import { ipExposure, ipExposureBadge } from '../../../../electron/shared/key-ip-exposure';
import { keyStateWords } from '../../../../electron/shared/key-vocabulary';

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
  revoked: { label: 'Disabled by provider', tone: 'danger' },
  'no-credit': { label: 'No credit', tone: 'warning' },
  'rate-limited': { label: 'Rate limited', tone: 'warning' },
  'organization-mismatch': { label: 'Wrong organization', tone: 'danger' },
  'provider-unavailable': { label: 'Provider unavailable', tone: 'warning' },
  'wrong-network': { label: 'Wrong network', tone: 'warning' },
  'wrong-wallet': { label: 'Credentials of another wallet', tone: 'danger' },
  'funder-mismatch': { label: 'Cannot sign for funder', tone: 'danger' },
  'no-allowance': { label: 'No allowance', tone: 'warning' },
  'region-blocked': { label: 'Region blocked', tone: 'warning' },
};

/**
 * The badge of a check's result. A check that passed on a key whose trading is blocked reads "Trading
 * blocked" (the key's state word), never a green "OK" beside a danger (issue 21): the Verify-all list
 * and every "Last check" use this one rule.
 */
export function checkBadge(outcome: VerificationOutcome, tradingBlock: string | null): { readonly label: string; readonly tone: BadgeTone } {
  if (outcome === 'ok' && tradingBlock !== null) {
    const words = keyStateWords['trading-blocked'];
    return { label: words.word, tone: words.tone };
  }
  return outcomePresentation[outcome];
}

export const warningPresentation: Readonly<Record<WarningCode, { readonly label: string; readonly tone: BadgeTone }>> = {
  'key-will-die': { label: 'Key will die: no IP restriction', tone: 'danger' },
  'withdraw-enabled': { label: 'Can withdraw', tone: 'danger' },
  'permissions-widened': { label: 'Permissions widened', tone: 'danger' },
  'no-ip-restriction': { label: 'No IP allow-list', tone: 'warning' },
  'expiring-soon': { label: 'Expiring soon', tone: 'warning' },
  'rotation-due': { label: 'Rotation due', tone: 'warning' },
  'read-only': { label: 'Read-only', tone: 'warning' },
};

/** Warnings that get a callout of their own (with the accept-risk action), not a line in the list. */
export const blockingWarnings: ReadonlySet<WarningCode> = new Set(['withdraw-enabled', 'permissions-widened']);

/**
 * What is worth knowing about a stored key between checks: the same warnings, in the same words, as
 * the core sends with a verification (electron/shared/key-warnings.ts). A revoked key has none.
 */
export function credentialWarnings(credential: CredentialInfo, exchangeName: string, now: number): VerificationWarning[] {
  return credential.status === 'revoked' ? [] : standingKeyWarnings(credential, exchangeName, now);
}

/** True when the key expires within two weeks (or has expired). */
export function isExpiringSoon(credential: CredentialInfo, now: number): boolean {
  return isExpiringSoonAt(credential.expiresAt, now);
}

/**
 * The danger badge of a key that can trade with no IP restriction: "will be deleted" (Binance) or
 * "expires in 5 days (…)" (Bybit), by the core's rule (shared/key-ip-exposure.ts); null when none.
 */
export function ipDangerBadge(credential: CredentialInfo, now: number): string | null {
  if (credential.status === 'revoked') return null;
  const exposure = ipExposure(credential, now);
  if (exposure === null) return null;
  const badge = ipExposureBadge(exposure);
  return badge.charAt(0).toUpperCase() + badge.slice(1);
}
