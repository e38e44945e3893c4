/** What may be shown of a key: a masked preview and a keyed fingerprint. */
import { createHmac } from 'node:crypto';

/** The preview of a key that has only secrets: no character of any of them. */
const SECRETS_ONLY_PREVIEW = '••••';

/**
 * `9dUV…VKMh`: enough to recognise a key next to the exchange's own list, not enough to use it.
 * `publicValue` is the key's preview field (an API key id, an address; never a secret), undefined
 * when it has none.
 */
export function keyPreview(publicValue: string | undefined): string {
  if (publicValue === undefined) return SECRETS_ONLY_PREVIEW;
  if (publicValue.startsWith('-----BEGIN')) return 'key file';
  if (publicValue.length >= 16) return `${publicValue.slice(0, 4)}…${publicValue.slice(-4)}`;
  if (publicValue.length >= 8) return `${publicValue.slice(0, 2)}…${publicValue.slice(-2)}`;
  return '••••';
}

/**
 * A short keyed hash of the key's fingerprint field. Keyed with the vault's fingerprint key, so the
 * database alone cannot confirm a guessed key; stable across vault-key rotations, so it can detect
 * the same key added twice and identify a rotated-away key in the history.
 */
export function keyFingerprint(fingerprintKey: Buffer, fingerprintValue: string): string {
  return createHmac('sha256', fingerprintKey).update(fingerprintValue, 'utf8').digest('hex').slice(0, 16);
}
