/**
 * API keys the fake exchange knows, and generators of test keys in the formats the real exchanges issue,
 * so format validation in Keywarden meets realistic input.
 */
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import type { FakeKeyPermissions, FakeKeySpec } from './types';

/** A type alias rather than an interface, so it is assignable to Record<string, …> credential fields. */
export type TestKey = { apiKey: string; secret: string };

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphanumeric[randomInt(alphanumeric.length)];
  return out;
}

/** Binance HMAC key: 64-character alphanumeric API key and secret. */
export function makeBinanceHmacKey(): TestKey {
  return { apiKey: randomAlphanumeric(64), secret: randomAlphanumeric(64) };
}

/**
 * Binance Ed25519 key (Binance's recommended kind): the user generates the pair, registers the public key,
 * and gives ccxt the PKCS#8 PEM private key as `secret`.
 */
export function makeBinanceEd25519Key(): TestKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { apiKey: randomAlphanumeric(64), secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** Binance RSA key (2048-bit, PKCS#8 PEM private key as `secret`). */
export function makeBinanceRsaKey(): TestKey {
  return { apiKey: randomAlphanumeric(64), secret: rsaPrivateKeyPem() };
}

/** Bybit system-generated (HMAC) key: 18-character API key, 36-character secret. */
export function makeBybitKey(): TestKey {
  return { apiKey: randomAlphanumeric(18), secret: randomAlphanumeric(36) };
}

/** Bybit self-generated (RSA) key: 18-character API key, PKCS#8 PEM private key as `secret`. */
export function makeBybitRsaKey(): TestKey {
  return { apiKey: randomAlphanumeric(18), secret: rsaPrivateKeyPem() };
}

/**
 * A wallet-signing exchange's key (Hyperliquid, Paradex, …): an EVM private key (0x + 64 hex digits)
 * and the wallet address it trades for (0x + 40 hex digits). Random, not derived: no fake signs with it.
 */
export function makeEvmWalletKey(): { privateKey: string; walletAddress: string } {
  return { privateKey: `0x${randomBytes(32).toString('hex')}`, walletAddress: `0x${randomBytes(20).toString('hex')}` };
}

function rsaPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** What a key created on the exchange's website can do by default: read and trade spot, nothing else. */
export const defaultPermissions: Readonly<Required<FakeKeyPermissions>> = {
  read: true,
  spotTrade: true,
  withdraw: false,
  futures: false,
  internalTransfer: false,
  universalTransfer: false,
};

export interface StoredKey extends FakeKeySpec {
  readonly createdAt: number;
}

export function permissionsOf(key: FakeKeySpec): Required<FakeKeyPermissions> {
  return { ...defaultPermissions, ...definedOnly(key.permissions ?? {}) };
}

/** Loopback callers arrive as 127.0.0.1, ::1 or the IPv4-mapped ::ffff:127.0.0.1; the exchanges see plain IPv4. */
export function normalizeIp(address: string | undefined): string {
  if (address === undefined) return '';
  if (address.startsWith('::ffff:')) return address.slice('::ffff:'.length);
  if (address === '::1') return '127.0.0.1';
  return address;
}

export function ipAllowed(key: FakeKeySpec, remoteAddress: string | undefined): boolean {
  if (key.allowedIps === undefined) return true;
  return key.allowedIps.includes(normalizeIp(remoteAddress));
}

/** A stable numeric account id per key (Binance `uid`, Bybit `userID`). */
export function accountIdOf(apiKey: string): number {
  let hash = 0;
  for (const char of apiKey) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 100_000_000 + (hash % 900_000_000);
}

export class KeyStore {
  private readonly keys = new Map<string, StoredKey>();

  constructor(private readonly now: () => number) {}

  add(spec: FakeKeySpec): void {
    this.keys.set(spec.apiKey, copyKey({ ...spec, createdAt: this.now() }));
  }

  update(apiKey: string, patch: Partial<Omit<FakeKeySpec, 'apiKey'>>): void {
    const current = this.keys.get(apiKey);
    if (current === undefined) throw new Error(`The fake exchange has no key ${apiKey.slice(0, 4)}…`);
    this.keys.set(apiKey, copyKey({ ...current, ...patch, apiKey, createdAt: current.createdAt }));
  }

  remove(apiKey: string): void {
    this.keys.delete(apiKey);
  }

  get(apiKey: string): StoredKey | undefined {
    return this.keys.get(apiKey);
  }

  apiKeys(): string[] {
    return [...this.keys.keys()];
  }
}

function copyKey(key: StoredKey): StoredKey {
  return {
    ...key,
    ...(key.permissions !== undefined ? { permissions: { ...key.permissions } } : {}),
    ...(key.allowedIps !== undefined ? { allowedIps: [...key.allowedIps] } : {}),
    ...(key.balances !== undefined ? { balances: { ...key.balances } } : {}),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
