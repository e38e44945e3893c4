/**
 * What checking a key can find, and what each finding means for the key: one list for the core
 * (which decides a key's status by it), the CLI and the window. Exchange keys and AI provider keys
 * share it; some outcomes occur for one kind only (`bad-secret` for exchanges, `no-credit` for AI).
 *
 * This file is the shared pure tier: it imports nothing.
 */

export const verificationOutcomes = [
  'ok',
  'invalid-key',
  'bad-secret',
  'ip-not-allowed',
  'clock-skew',
  'expired',
  'permission-missing',
  'exchange-unavailable',
  'timeout',
  // AI providers (issue 17):
  /** The provider disabled the key, or the account or organization it belongs to. */
  'revoked',
  /** The key works, but the account has no credit or billing is not set up. */
  'no-credit',
  /** The provider is rate-limiting the key: it was not checked. */
  'rate-limited',
  /** The organization or project given with the key is not the key's. */
  'organization-mismatch',
  /** The provider could not be reached, timed out or answered with trouble of its own. */
  'provider-unavailable',
  // Wallets and Polymarket accounts (issue 18):
  /** The RPC endpoint serves another chain or cluster than the wallet is set to: its balances were not read. */
  'wrong-network',
  /** Polymarket: the API credentials belong to another wallet than the private key's. */
  'wrong-wallet',
  /** Polymarket: the private key cannot sign for the funder address with this signature type. */
  'funder-mismatch',
  /** Polymarket: the account works, but the exchange contracts may not spend its pUSD yet. */
  'no-allowance',
  /** The service refuses this computer's region (Polymarket's geoblock): nothing was learned about the key. */
  'region-blocked',
] as const;
export type VerificationOutcomeName = (typeof verificationOutcomes)[number];

/** The key works (perhaps with a caveat: it cannot trade, or its account has no credit). */
export const workingOutcomes = ['ok', 'permission-missing', 'no-credit', 'no-allowance'] as const satisfies readonly VerificationOutcomeName[];

/** The provider answered about the key itself and turned it down. */
export const refusedOutcomes = ['invalid-key', 'bad-secret', 'ip-not-allowed', 'expired', 'revoked', 'organization-mismatch', 'wrong-wallet', 'funder-mismatch'] as const satisfies readonly VerificationOutcomeName[];

/** The provider was not reached: nothing was learned about the key. */
export const unreachableOutcomes = ['exchange-unavailable', 'provider-unavailable', 'timeout'] as const satisfies readonly VerificationOutcomeName[];

/** Nothing was learned about the key: unreachable, a clock that is off, or a rate limit. Its status stays. */
export const uncheckedOutcomes = [...unreachableOutcomes, 'clock-skew', 'rate-limited', 'wrong-network', 'region-blocked'] as const satisfies readonly VerificationOutcomeName[];

/**
 * An old key answered like this after a rotation no longer works and may be destroyed. An
 * organization mismatch is not among them: it says the organization is wrong, not the key.
 */
export const deadOutcomes = ['invalid-key', 'bad-secret', 'expired', 'ip-not-allowed', 'revoked'] as const satisfies readonly VerificationOutcomeName[];

const isIn = (list: readonly string[]) => (outcome: string): boolean => list.includes(outcome);
export const keyWorks = isIn(workingOutcomes);
export const keyRefused = isIn(refusedOutcomes);
export const keyUnchecked = isIn(uncheckedOutcomes);
export const providerUnreachable = isIn(unreachableOutcomes);
export const keyIsDead = isIn(deadOutcomes);
