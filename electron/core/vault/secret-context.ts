/**
 * The associated-data strings that bind each sealed blob to where it belongs (DESIGN.md: a
 * ciphertext copied to another row or field must fail to decrypt).
 */

/** Where a credential's secret belongs: its row, and the exchange and environment it may be sent to. */
export interface CredentialSecretOwner {
  readonly id: string;
  readonly provider: string;
  readonly environment: string;
}

/**
 * A credential secret's context: the row id, the provider and environment (issue 14: a provider
 * changed outside Keywarden must not send the key to another exchange), the field and key version.
 */
export function credentialSecretContext(owner: CredentialSecretOwner, field: string, keyVersion: number): string {
  return `credential:${owner.id}:${owner.provider}:${owner.environment}:${field}:v${keyVersion}`;
}

/** The context before provider and environment were bound; only the one-time upgrade reads it. */
export function legacyCredentialSecretContext(credentialId: string, field: string, keyVersion: number): string {
  return `credential:${credentialId}:${field}:v${keyVersion}`;
}

export function fingerprintKeyContext(keyVersion: number): string {
  return `vault:fingerprint-key:v${keyVersion}`;
}

export function integrityKeyContext(keyVersion: number): string {
  return `vault:integrity-key:v${keyVersion}`;
}
