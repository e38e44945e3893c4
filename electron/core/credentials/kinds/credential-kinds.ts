/** Every credential kind, and which one a provider's keys are. */
import type { CredentialKind } from './credential-kind';
import { aiKind } from './ai-kind';
import { exchangeKind } from './exchange-kind';
import { walletKind } from './wallet-kind';
import { polymarketKind } from './polymarket-kind';

/**
 * In the order they are asked whether a provider is theirs. A new kind goes before exchanges,
 * which take every provider id (ccxt's are not a fixed list).
 */
const credentialKinds: readonly CredentialKind[] = [aiKind, walletKind, polymarketKind, exchangeKind];

/** The kind of keys for `providerId`. */
export function credentialKindOf(providerId: string): CredentialKind {
  return credentialKinds.find((kind) => kind.ownsProvider(providerId)) ?? exchangeKind;
}
