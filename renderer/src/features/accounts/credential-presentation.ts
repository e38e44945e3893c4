/** How a credential's status and what its last check found (permissions) are shown. */
import type { BadgeTone } from '../../components/Badge';
import type { CredentialInfo, CredentialStatus } from '../../api/contract-types';

export const statusPresentation: Readonly<Record<CredentialStatus, { readonly label: string; readonly tone: BadgeTone }>> = {
  active: { label: 'Active', tone: 'success' },
  unverified: { label: 'Unverified', tone: 'warning' },
  invalid: { label: 'Invalid', tone: 'danger' },
  expired: { label: 'Expired', tone: 'danger' },
  revoked: { label: 'Revoked', tone: 'neutral' },
  disabled: { label: 'Disabled', tone: 'neutral' },
};

/** One sentence on what the status means for this key. `exchangeName`: its provider, as people know it. */
export function statusExplanation(credential: CredentialInfo, exchangeName: string): string {
  switch (credential.status) {
    case 'unverified': return `Not yet checked with ${exchangeName}: Keywarden does not know yet whether this key works or what it may do.`;
    case 'active': return `The last check with ${exchangeName} passed.`;
    case 'invalid': return `${exchangeName} refused this key at the last check.`;
    case 'expired': return credential.ownExpiresAt !== null && credential.ownExpiresAt === credential.expiresAt
      ? 'It reached the expiry date you set: Keywarden no longer uses or hands out this key.'
      : `This key has expired on ${exchangeName}.`;
    case 'revoked': return 'Revoked: it can be renamed or deleted, nothing else.';
    case 'disabled': return 'Disabled: Keywarden will not use this key.';
  }
}

/** True when the last check found that the key can withdraw funds. */
export function canWithdraw(credential: CredentialInfo): boolean {
  return credential.permissions?.withdraw === true;
}

export interface PermissionChip {
  readonly label: string;
  readonly tone: BadgeTone;
}

/**
 * Chips for what the key may do, or null when it was never checked. A permission the exchange did
 * not report (null) gets no chip rather than a guess.
 */
export function permissionChips(credential: CredentialInfo): readonly PermissionChip[] | null {
  const permissions = credential.permissions;
  if (permissions === null) return null;
  const chips: PermissionChip[] = [permissions.read ? { label: 'Read', tone: 'neutral' } : { label: 'No read', tone: 'warning' }];
  if (permissions.trade !== null) chips.push(permissions.trade ? { label: 'Trade', tone: 'neutral' } : { label: 'No trade', tone: 'warning' });
  if (permissions.withdraw !== null) chips.push(permissions.withdraw ? { label: 'Withdraw', tone: 'danger' } : { label: 'No withdraw', tone: 'success' });
  if (permissions.ipRestricted !== null) chips.push(permissions.ipRestricted ? { label: 'IP-restricted', tone: 'success' } : { label: 'Any IP', tone: 'warning' });
  return chips;
}
