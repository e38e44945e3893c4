/**
 * A credential kind (DESIGN.md "Credentials"): a family of keys, with the rules its keys are
 * checked by before they are stored and the way a stored one is verified: exchange keys and AI
 * provider keys; wallets and Polymarket credentials come next. A new kind is a file beside
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
}

/** Which of a key's fields its fingerprint and its preview come from. */
export interface KeyIdentity {
  /**
   * The field the keyed fingerprint is taken from: one that changes whenever the key does, so the
   * same key is found again (duplicates, the key history) and a rotation to a new one is told
   * apart. It may be a secret: the fingerprint is keyed with the vault's fingerprint key.
   */
  readonly fingerprintField: CredentialFieldName;
  /** The public field the masked preview is cut from; undefined when the key has only secrets (no characters are shown). */
  readonly previewField: CredentialFieldName | undefined;
  /**
   * The fields that are not secret for this kind (an exchange's API key id; an AI key's base URL):
   * they may be handed to a program unconcealed when short. Every other field is a secret.
   */
  readonly publicFields: readonly CredentialFieldName[];
}

/**
 * The checks key-lifecycle/key-verifier.ts knows how to run, one per way of proving a key works:
 * - `exchange-signed-calls`: ccxt fetchBalance, plus the exchange's key-permission endpoint where
 *   it has one (Binance apiRestrictions, Bybit query-api).
 * - `ai-provider-call`: the provider's cheapest authenticated read (ai-providers/ai-key-check.ts).
 * - `wallet-balance`: the key still gives its address, and the balances its RPC node reports
 *   (key-lifecycle/wallet-probe.ts).
 * - `polymarket-account`: the CLOB credentials, funder and collateral allowances (polymarket/).
 */
export type KeyVerificationMethod = 'exchange-signed-calls' | 'ai-provider-call' | 'wallet-balance' | 'polymarket-account';

export interface CredentialKind {
  readonly id: CredentialKindId;
  /** Whether keys for `providerId` are of this kind: the kind follows from the provider. */
  ownsProvider(providerId: string): boolean;
  /** The rules for `providerId`'s keys; UNKNOWN_PROVIDER when this kind has no such provider. */
  keyRules(providerId: string): Promise<ProviderKeyRules>;
  /**
   * Fingerprint and preview fields of a key with `fields` (its provider's, as each row stores
   * them): read from the names alone, so a stored key needs no provider lookup.
   */
  keyIdentity(fields: readonly CredentialFieldName[]): KeyIdentity;
  /** How a stored key of this kind is verified. */
  readonly verification: KeyVerificationMethod;
  /**
   * The secrets a person may take out of Keywarden again (a wallet's private key or recovery
   * phrase, to move it to a hardware wallet), after typing the vault passphrase again. An exchange
   * or AI key has none: a new one is made on the provider's site instead.
   */
  readonly exportableFields: readonly CredentialFieldName[];
}
