/**
 * The one set of words for a key's state and permissions, used by the window, the CLI and the audit
 * sentences (docs/glossary.md lists them with the exchanges' own terms). Issue 21 found five names for
 * one fact ("Withdraw", "Can withdraw", "No withdraw", "Withdrawals Off", "Dangerous: can withdraw");
 * this module is where each fact gets its one name.
 *
 * The rule that matters for money: a key whose trading is blocked never reads as "Working".
 */

/** The states a person sees for a key, most urgent first. */
export const keyStates = ['revoked', 'expired', 'not-working', 'trading-blocked', 'not-checked', 'disabled', 'working'] as const;
export type KeyState = (typeof keyStates)[number];

export const keyStateWords: Readonly<Record<KeyState, { readonly word: string; readonly meaning: string; readonly tone: 'success' | 'warning' | 'danger' | 'neutral' }>> = {
  working: { word: 'Working', meaning: 'The last check passed and nothing stops it from being used.', tone: 'success' },
  'trading-blocked': { word: 'Trading blocked', meaning: 'It works, but Keywarden will not trade with it until you review it (it can withdraw, or its permissions widened).', tone: 'danger' },
  'not-working': { word: 'Not working', meaning: 'The exchange refused it at the last check (wrong key or secret, address not allowed, missing permission).', tone: 'danger' },
  expired: { word: 'Expired', meaning: 'Past the date its exchange or you set; it no longer works.', tone: 'danger' },
  revoked: { word: 'Revoked', meaning: 'You revoked it; Keywarden never uses it again.', tone: 'neutral' },
  disabled: { word: 'Disabled', meaning: 'Switched off in Keywarden; it is kept but not used.', tone: 'neutral' },
  'not-checked': { word: 'Not checked yet', meaning: 'Stored but never checked with its exchange.', tone: 'warning' },
};

/** The stored status of a key (credential-schema.ts `CredentialStatus`). */
export type KeyStatus = 'unverified' | 'active' | 'invalid' | 'expired' | 'revoked' | 'disabled';

/** What the state word is decided from: the stored status and the trading block. */
export interface KeyStateInput {
  readonly status: KeyStatus;
  readonly tradingBlock: string | null;
}

/** The one state of a key. A block wins over "active": a blocked key is never "Working". */
export function keyState(key: KeyStateInput): KeyState {
  switch (key.status) {
    case 'revoked': return 'revoked';
    case 'expired': return 'expired';
    case 'invalid': return 'not-working';
    case 'disabled': return 'disabled';
    case 'unverified': return key.tradingBlock ? 'trading-blocked' : 'not-checked';
    case 'active': return key.tradingBlock ? 'trading-blocked' : 'working';
  }
}

export function keyStateWord(key: KeyStateInput): string {
  return keyStateWords[keyState(key)].word;
}

/** The word for a stored status alone (an audit row records the status, not always the block). */
export function statusWord(status: string, tradingBlock: string | null = null): string {
  return isKeyStatus(status) ? keyStateWord({ status, tradingBlock }) : status;
}

function isKeyStatus(value: string): value is KeyStatus {
  return ['unverified', 'active', 'invalid', 'expired', 'revoked', 'disabled'].includes(value);
}

/** Why trading is blocked, in words (credential-schema.ts `TradingBlock`). */
export const tradingBlockWords: Readonly<Record<string, string>> = {
  'withdraw-enabled': 'it can withdraw',
  'permissions-widened': 'its permissions widened since the last check',
};

/**
 * Permission words. Each permission has one word for on and one for off; null (the exchange does
 * not say) has no word: nothing is shown rather than a guess.
 */
export const permissionWords = {
  read: { on: 'Can read', off: 'Cannot read' },
  trade: { on: 'Can trade', off: 'Read only' },
  withdraw: { on: 'Can withdraw', off: 'Cannot withdraw' },
  futures: { on: 'Can trade futures', off: 'No futures' },
  internalTransfer: { on: 'Can move funds between its accounts', off: 'Cannot move funds between accounts' },
  universalTransfer: { on: 'Can move funds between accounts of the exchange', off: 'Cannot move funds to other accounts' },
  ipRestricted: { on: 'Limited to your IP addresses', off: 'Any IP address' },
} as const;
export type PermissionName = keyof typeof permissionWords;

/** Whether this permission being on is the risky side (shown as a danger). */
export const riskyWhenOn: Readonly<Partial<Record<PermissionName, boolean>>> = { withdraw: true, universalTransfer: true };

export function permissionWord(name: PermissionName, value: boolean | null): string | null {
  if (value === null) return null;
  return value ? permissionWords[name].on : permissionWords[name].off;
}

/** The permissions a key was found with, as words in a stable order (null ones left out). */
export function permissionList(permissions: Partial<Record<PermissionName, boolean | null>>): string[] {
  const order: readonly PermissionName[] = ['read', 'trade', 'withdraw', 'futures', 'internalTransfer', 'universalTransfer', 'ipRestricted'];
  return order.flatMap((name) => {
    const value = permissions[name];
    if (value === undefined) return [];
    // "Cannot read" matters; "Can read" is every key's normal, but still said so the list is complete.
    const word = permissionWord(name, value);
    return word === null ? [] : [word];
  });
}

/** A summary of many keys that never counts a blocked key as working ("3 working, 6 with trading blocked"). */
export function keyStateSummary(keys: readonly KeyStateInput[]): string {
  if (keys.length === 0) return 'No keys yet';
  const counts = new Map<KeyState, number>();
  for (const key of keys) counts.set(keyState(key), (counts.get(keyState(key)) ?? 0) + 1);
  if (counts.get('working') === keys.length) return keys.length === 1 ? 'The key is working' : `All ${keys.length} keys are working`;
  return keyStates.filter((state) => counts.has(state)).reverse()
    .map((state) => `${counts.get(state)} ${keyStateWords[state].word.toLowerCase()}`)
    .join(', ');
}
