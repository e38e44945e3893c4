/**
 * A credential kind (DESIGN.md "Credentials"): a family of keys, with the rules its keys are
 * checked by before they are stored and the way a stored one is verified. Only exchange keys so
 * far; AI provider keys, wallets and Polymarket credentials come next. A new kind is a file beside
 * this one and its entry in credential-kinds.ts (plus its id in CredentialKindId).
 */
import type { NormalisedCredentialFields } from '../credential-fields';
import type { CredentialFieldName, CredentialKindId } from '../credential-schema';

/** Plaintext field values of one key. Never log, return or store them unsealed. */
export type SecretValues = Readonly<Partial<Record<CredentialFieldName, string>>>;

/** Who a key is for (an exchange, later an AI provider or a chain): the name people know and the fields its keys have. */
export interface KindProvider {
  readonly id: string;
  readonly name: string;
  readonly fields: readonly CredentialFieldName[];
}

/** The rules for the keys of one provider. */
export interface ProviderKeyRules {
  readonly provider: KindProvider;
  /** Exactly the provider's fields, each well-formed, cleaned; throws MISSING_FIELD, UNEXPECTED_FIELD or MALFORMED_FIELD. */
  normalise(raw: Readonly<Record<string, unknown>>): NormalisedCredentialFields;
  /** The field that names the key: its fingerprint and masked preview are cut from it. */
  identifyingField(values: SecretValues): CredentialFieldName;
}

/**
 * The checks key-lifecycle/key-verifier.ts knows how to run, one per way of proving a key works:
 * - `exchange-signed-calls`: ccxt fetchBalance, plus the exchange's key-permission endpoint where
 *   it has one (Binance apiRestrictions, Bybit query-api).
 */
export type KeyVerificationMethod = 'exchange-signed-calls';

export interface CredentialKind {
  readonly id: CredentialKindId;
  /** Whether keys for `providerId` are of this kind: the kind follows from the provider. */
  ownsProvider(providerId: string): boolean;
  /** The rules for `providerId`'s keys; UNKNOWN_PROVIDER when this kind has no such provider. */
  keyRules(providerId: string): Promise<ProviderKeyRules>;
  /** How a stored key of this kind is verified. */
  readonly verification: KeyVerificationMethod;
}
