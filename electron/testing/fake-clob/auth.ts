/**
 * The CLOB's two authentication levels as the official client signs them (@polymarket/clob-client-v2:
 * src/headers/index.ts, src/signing/eip712.ts, src/signing/hmac.ts):
 * - L1: an EIP-712 ClobAuth signature by the wallet, for creating and deriving API credentials;
 * - L2: an HMAC-SHA256 of timestamp + METHOD + path + body under the API secret, for everything private.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { getAddress, isAddress, isHex, recoverTypedDataAddress } from 'viem';
import { clobAuthMessage, clobAuthTypes } from './contracts';

export interface ApiCreds {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
  /** The wallet the credentials belong to (checksummed). */
  readonly address: string;
}

export type AuthOutcome<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

/** Real bodies (docs.polymarket.com/resources/error-codes). */
export const invalidApiKey = 'Unauthorized/Invalid api key';
export const invalidL1Headers = 'Invalid L1 Request headers';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** HMAC exactly as buildPolyHmacSignature: key = base64-decoded secret, URL-safe base64 output with padding kept. */
export function polyHmac(secret: string, timestamp: string, method: string, requestPath: string, body: string | undefined): string {
  const key = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const message = `${timestamp}${method}${requestPath}${body ?? ''}`;
  return createHmac('sha256', key).update(message).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function withinWindow(timestamp: string | undefined, nowMs: number, windowSeconds: number): boolean {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - Math.floor(nowMs / 1000)) <= windowSeconds;
}

/** API credentials the fake has issued, by key; derive is deterministic per (address, nonce). */
export class CredentialStore {
  private readonly byKey = new Map<string, ApiCreds>();
  private readonly byAddressNonce = new Map<string, ApiCreds>();
  // Makes derived credentials differ between fakes, as they would between servers.
  private readonly serverSecret = randomBytes(32);

  constructor(
    private readonly chainId: number,
    private readonly now: () => number,
    private readonly windowSeconds: number,
  ) {}

  get(apiKey: string): ApiCreds | undefined {
    return this.byKey.get(apiKey);
  }

  keysOf(address: string): string[] {
    return [...this.byKey.values()].filter((creds) => creds.address === getAddress(address)).map((creds) => creds.apiKey);
  }

  remove(apiKey: string): void {
    const creds = this.byKey.get(apiKey);
    if (!creds) return;
    this.byKey.delete(apiKey);
    for (const [slot, held] of this.byAddressNonce) if (held.apiKey === apiKey) this.byAddressNonce.delete(slot);
  }

  /** POST /auth/api-key: a fresh key; a nonce that already has one is refused as the real API does. */
  create(address: string, nonce: bigint): AuthOutcome<ApiCreds> {
    const slot = `${address}:${nonce}`;
    if (this.byAddressNonce.has(slot)) return { ok: false, status: 400, error: 'Could not create api key' };
    return { ok: true, value: this.register(slot, { apiKey: randomUUID(), secret: randomBytes(32).toString('base64url') + '=', passphrase: randomBytes(32).toString('hex'), address }) };
  }

  /** GET /auth/derive-api-key: the key held for (address, nonce), or the deterministic one. */
  derive(address: string, nonce: bigint): ApiCreds {
    const slot = `${address}:${nonce}`;
    const held = this.byAddressNonce.get(slot);
    if (held) return held;
    const seed = (label: string): Buffer => createHmac('sha256', this.serverSecret).update(`${label}:${slot}`).digest();
    const id = seed('key').toString('hex');
    const apiKey = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
    return this.register(slot, { apiKey, secret: seed('secret').toString('base64url') + '=', passphrase: seed('passphrase').toString('hex'), address });
  }

  private register(slot: string, creds: ApiCreds): ApiCreds {
    this.byKey.set(creds.apiKey, creds);
    this.byAddressNonce.set(slot, creds);
    return creds;
  }

  /** Checks the L1 headers; the answer is the checksummed address and the nonce. */
  async checkL1(headers: IncomingHttpHeaders): Promise<AuthOutcome<{ address: string; nonce: bigint }>> {
    const refused = { ok: false, status: 401, error: invalidL1Headers } as const;
    const address = header(headers, 'POLY_ADDRESS');
    const signature = header(headers, 'POLY_SIGNATURE');
    const timestamp = header(headers, 'POLY_TIMESTAMP');
    const nonceText = header(headers, 'POLY_NONCE') ?? '0';
    if (!address || !isAddress(address, { strict: false }) || !signature || !isHex(signature) || !/^\d{1,78}$/.test(nonceText)) return refused;
    if (!withinWindow(timestamp, this.now(), this.windowSeconds)) return refused;
    const nonce = BigInt(nonceText);
    try {
      const signer = await recoverTypedDataAddress({
        domain: { name: 'ClobAuthDomain', version: '1', chainId: this.chainId },
        types: clobAuthTypes,
        primaryType: 'ClobAuth',
        message: { address: getAddress(address), timestamp: timestamp as string, nonce, message: clobAuthMessage },
        signature,
      });
      if (signer !== getAddress(address)) return refused;
    } catch {
      return refused;
    }
    return { ok: true, value: { address: getAddress(address), nonce } };
  }

  /** Checks the L2 headers against the request as received; the answer is the credentials used. */
  checkL2(headers: IncomingHttpHeaders, method: string, path: string, body: string): AuthOutcome<ApiCreds> {
    const refused = { ok: false, status: 401, error: invalidApiKey } as const;
    const address = header(headers, 'POLY_ADDRESS');
    const signature = header(headers, 'POLY_SIGNATURE');
    const timestamp = header(headers, 'POLY_TIMESTAMP');
    const apiKey = header(headers, 'POLY_API_KEY');
    const passphrase = header(headers, 'POLY_PASSPHRASE');
    if (!address || !signature || !timestamp || !apiKey || !passphrase || !isAddress(address, { strict: false })) return refused;
    const creds = this.byKey.get(apiKey);
    if (!creds || creds.address !== getAddress(address) || !sameText(creds.passphrase, passphrase)) return refused;
    if (!withinWindow(timestamp, this.now(), this.windowSeconds)) return refused;
    const expected = polyHmac(creds.secret, timestamp, method, path, body === '' ? undefined : body);
    return sameText(expected, signature) ? { ok: true, value: creds } : refused;
  }
}
