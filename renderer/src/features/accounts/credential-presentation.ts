/** How a credential's status and what its last check found (permissions) are shown. */
import type { BadgeTone } from '../../components/Badge';
import type { CredentialInfo } from '../../api/contract-types';
import { keyState, keyStateWords, permissionWord, riskyWhenOn, type KeyState, type PermissionName } from '../../../../electron/shared/key-vocabulary';

/** The one state word of a key (docs/glossary.md): a key whose trading is blocked never reads as working. */
export function keyStatePresentation(credential: Pick<CredentialInfo, 'status' | 'tradingBlock'>): { readonly state: KeyState; readonly label: string; readonly tone: BadgeTone; readonly meaning: string } {
  const state = keyState(credential);
  const words = keyStateWords[state];
  return { state, label: words.word, tone: words.tone, meaning: words.meaning };
}

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
 * Chips for what the key may do, in the glossary's words ("Can withdraw" / "Cannot withdraw"), or null
 * when it was never checked. A permission the exchange did not report (null) gets no chip rather than a guess.
 */
export function permissionChips(credential: CredentialInfo): readonly PermissionChip[] | null {
  const permissions = credential.permissions;
  if (permissions === null) return null;
  const shown: readonly PermissionName[] = ['read', 'trade', 'withdraw', 'universalTransfer', 'ipRestricted'];
  return shown.flatMap((name) => {
    const value = permissions[name];
    // A transfer permission that is off is every safe key's normal: only said when it is on.
    if (name === 'universalTransfer' && value !== true) return [];
    const label = permissionWord(name, value);
    return label === null ? [] : [{ label, tone: chipTone(name, value === true) }];
  });
}

function chipTone(name: PermissionName, on: boolean): BadgeTone {
  if (riskyWhenOn[name] === true) return on ? 'danger' : 'success';
  if (name === 'ipRestricted') return on ? 'success' : 'warning';
  return on ? 'neutral' : 'warning';
}
