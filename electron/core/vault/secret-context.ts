/**
 * The associated-data strings that bind each sealed blob to where it belongs (DESIGN.md: a
 * ciphertext copied to another row or field must fail to decrypt).
 */
export function credentialSecretContext(credentialId: string, field: string, keyVersion: number): string {
  return `credential:${credentialId}:${field}:v${keyVersion}`;
}

export function fingerprintKeyContext(keyVersion: number): string {
  return `vault:fingerprint-key:v${keyVersion}`;
}

export function integrityKeyContext(keyVersion: number): string {
  return `vault:integrity-key:v${keyVersion}`;
}
