/** What may be shown of a key: a masked preview and a keyed fingerprint. */
import { createHmac } from 'node:crypto';

/** `9dUV…VKMh`: enough to recognise a key next to the exchange's own list, not enough to use it. */
export function maskedPreview(value: string): string {
  if (value.startsWith('-----BEGIN')) return 'key file';
  if (value.length >= 16) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  if (value.length >= 8) return `${value.slice(0, 2)}…${value.slice(-2)}`;
  return '••••';
}

/**
 * A short keyed hash of the key's identifying field. Keyed with the vault's fingerprint key, so the
 * database alone cannot confirm a guessed key; stable across vault-key rotations, so it can detect
 * the same key added twice and identify a rotated-away key in the history.
 */
export function keyFingerprint(fingerprintKey: Buffer, identifyingValue: string): string {
  return createHmac('sha256', fingerprintKey).update(identifyingValue, 'utf8').digest('hex').slice(0, 16);
}
