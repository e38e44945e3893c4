/** Plausible contract values for the renderer's unit tests, each with the fields a test cares about overridden. */
import type { CredentialInfo, VaultStatus, VerificationResult } from '../api/contract-types';

export const NOW = Date.UTC(2025, 5, 1, 12);
const DAY = 86_400_000;

export function vaultStatus(change: Partial<VaultStatus> = {}): VaultStatus {
  return {
    initialized: true,
    locked: false,
    keyVersion: 1,
    protectors: [{ kind: 'passphrase', description: 'Passphrase', createdAt: NOW - 30 * DAY }],
    autoLockMinutes: 15,
    osKeychain: { available: true, description: 'GNOME Keyring (libsecret)' },
    ...change,
  };
}

export function credentialInfo(change: Partial<CredentialInfo> = {}): CredentialInfo {
  return {
    id: 'abcdefghij',
    kind: 'exchange',
    provider: 'binance',
    label: 'Binance main',
    environment: 'live',
    isPrimary: true,
    status: 'active',
    fields: ['apiKey', 'secret'],
    signingKind: 'hmac',
    preview: '9dUV…VKMh',
    fingerprint: '0123456789abcdef',
    permissions: { read: true, trade: true, withdraw: false, internalTransfer: null, universalTransfer: null, futures: false, margin: false, ipRestricted: true, expiresAt: null, source: 'binance-api-restrictions' },
    lastVerifiedAt: NOW - DAY,
    lastUsedAt: null,
    useCount: 0,
    expiresAt: null,
    ownExpiresAt: null,
    createdAt: NOW - 10 * DAY,
    updatedAt: NOW - DAY,
    rotatedAt: null,
    tradingBlock: null,
    withdrawRiskAccepted: false,
    rotationDue: false,
    retiredKeyExpiresAt: null,
    allowPrograms: false,
    ...change,
  };
}

export function verificationResult(change: Partial<VerificationResult> = {}): VerificationResult {
  return {
    credentialId: 'abcdefghij',
    label: 'Binance main',
    provider: 'binance',
    environment: 'live',
    outcome: 'ok',
    message: 'The key works.',
    action: null,
    warnings: [],
    ipExposure: null,
    seenIp: null,
    permissions: null,
    status: 'active',
    tradingBlock: null,
    verifiedAt: NOW,
    latencyMs: 120,
    ...change,
  };
}
