/**
 * Checks new key material by the rules of its kind (kinds/) and makes it ready to seal: the cleaned
 * fields, the keyed fingerprint and the masked preview (from a public field only: kinds/credential-kind.ts
 * KeyIdentity). Nothing is stored here; adding, rotating, testing and importing a key all start here.
 */
import { KeywardenError } from '../errors';
import type { Vault } from '../vault/vault';
import { keyFingerprint, keyPreview } from './credential-display';
import type { NormalisedCredentialFields } from './credential-fields';
import type { CredentialFieldName, CredentialKindId, SigningKind } from './credential-schema';
import type { CredentialKind, KindProvider, ProviderKeyRules, SecretValues } from './kinds/credential-kind';
import { credentialKindOf } from './kinds/credential-kinds';

/** New key material, checked and normalised, ready to be sealed. */
export interface PreparedFields {
  readonly kind: CredentialKindId;
  readonly provider: KindProvider;
  readonly values: SecretValues;
  readonly signingKind: SigningKind;
  /** The field the fingerprint comes from (it names the key in a duplicate's message). */
  readonly fingerprintField: CredentialFieldName;
  readonly fingerprint: string;
  readonly preview: string;
}

export class FieldPreparer {
  readonly #vault: Vault;

  constructor(vault: Vault) {
    this.#vault = vault;
  }

  /** Checks and normalises key fields for `provider` and computes preview and fingerprint. Needs the vault unlocked. */
  async prepare(provider: string, raw: Readonly<Record<string, unknown>>): Promise<PreparedFields> {
    this.#vault.requireKeyring();
    const kind = credentialKindOf(provider);
    const rules = await kind.keyRules(provider);
    const normalised = rules.normalise(raw);
    return finish(kind, rules, normalised, this.#vault.requireKeyring().fingerprintKey);
  }

  /**
   * `prepare` for many keys at once, each provider looked up once (a backup of many keys, a .env
   * file, the benchmark's 10,000). `name` says where a refused key came from in the message.
   */
  async prepareMany(entries: readonly { provider: string; fields: Readonly<Record<string, unknown>>; name: string }[]): Promise<PreparedFields[]> {
    this.#vault.requireKeyring();
    const rulesByProvider = new Map<string, { kind: CredentialKind; rules: ProviderKeyRules }>();
    const normalised: { kind: CredentialKind; rules: ProviderKeyRules; fields: NormalisedCredentialFields }[] = [];
    for (const entry of entries) {
      try {
        let found = rulesByProvider.get(entry.provider);
        if (!found) {
          const kind = credentialKindOf(entry.provider);
          found = { kind, rules: await kind.keyRules(entry.provider) };
          rulesByProvider.set(entry.provider, found);
        }
        normalised.push({ ...found, fields: found.rules.normalise(entry.fields) });
      } catch (error) {
        if (error instanceof KeywardenError) throw new KeywardenError(error.code, `${entry.name}: ${error.message}`, { ...error.details });
        throw error;
      }
    }
    // Taken after the awaits, so a lock in between is seen.
    const { fingerprintKey } = this.#vault.requireKeyring();
    return normalised.map(({ kind, rules, fields }) => finish(kind, rules, fields, fingerprintKey));
  }
}

function finish(kind: CredentialKind, rules: ProviderKeyRules, normalised: NormalisedCredentialFields, fingerprintKey: Buffer): PreparedFields {
  const { fingerprintField, previewField } = kind.keyIdentity(rules.provider.fields);
  return {
    kind: kind.id,
    provider: rules.provider,
    values: normalised.values,
    signingKind: normalised.signingKind,
    fingerprintField,
    fingerprint: keyFingerprint(fingerprintKey, normalised.values[fingerprintField] ?? ''),
    preview: keyPreview(previewField === undefined ? undefined : normalised.values[previewField]),
  };
}
