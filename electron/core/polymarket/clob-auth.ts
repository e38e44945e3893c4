/**
 * The CLOB's two kinds of request authentication, exactly as @polymarket/clob-client-v2 builds them
 * (src/headers/index.ts, src/signing/eip712.ts, src/signing/hmac.ts):
 * - L1: an EIP-712 `ClobAuth` signature by the wallet, to create or derive API credentials;
 * - L2: an HMAC-SHA256 of timestamp + method + path + body under the API secret, for everything else.
 */
import { createHmac } from 'node:crypto';
import type { LocalAccount } from 'viem';
import { KeywardenError } from '../errors';

export const CLOB_AUTH_MESSAGE = 'This message attests that I control the given wallet';

export interface ClobCredentials {
  readonly key: string;
  readonly secret: string;
  readonly passphrase: string;
}

export interface L1Headers {
  readonly POLY_ADDRESS: string;
  readonly POLY_SIGNATURE: string;
  readonly POLY_TIMESTAMP: string;
  readonly POLY_NONCE: string;
}

export interface L2Headers {
  readonly POLY_ADDRESS: string;
  readonly POLY_SIGNATURE: string;
  readonly POLY_TIMESTAMP: string;
  readonly POLY_API_KEY: string;
  readonly POLY_PASSPHRASE: string;
}

export interface L2Request {
  readonly method: string;
  /** The path the official client signs: no host, no query string (`/data/orders`, `/data/order/0x…`). */
  readonly requestPath: string;
  /** The body exactly as sent; none for a GET. */
  readonly body?: string;
}

/** Seconds since the epoch, as the CLOB expects in POLY_TIMESTAMP. */
export function clobTimestamp(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / 1000);
}

/** L1 headers: the wallet signs ClobAuth{address, timestamp, nonce, message} for this chain. */
export async function l1Headers(account: LocalAccount, chainId: number, options: { readonly timestamp: number; readonly nonce?: number }): Promise<L1Headers> {
  const nonce = options.nonce ?? 0;
  if (!Number.isSafeInteger(nonce) || nonce < 0) throw new KeywardenError('INVALID_INPUT', 'The API key nonce must be a whole number, 0 or more.');
  const timestamp = `${options.timestamp}`;
  const signature = await account.signTypedData({
    domain: { name: 'ClobAuthDomain', version: '1', chainId },
    types: {
      ClobAuth: [
        { name: 'address', type: 'address' },
        { name: 'timestamp', type: 'string' },
        { name: 'nonce', type: 'uint256' },
        { name: 'message', type: 'string' },
      ],
    },
    primaryType: 'ClobAuth',
    message: { address: account.address, timestamp, nonce: BigInt(nonce), message: CLOB_AUTH_MESSAGE },
  });
  return { POLY_ADDRESS: account.address, POLY_SIGNATURE: signature, POLY_TIMESTAMP: timestamp, POLY_NONCE: `${nonce}` };
}

/** L2 headers for one request. `address` is the signing wallet's (the EOA), as the official client sends it. */
export function l2Headers(creds: ClobCredentials, address: string, request: L2Request, timestamp: number): L2Headers {
  return {
    POLY_ADDRESS: address,
    POLY_SIGNATURE: l2Signature(creds.secret, timestamp, request),
    POLY_TIMESTAMP: `${timestamp}`,
    POLY_API_KEY: creds.key,
    POLY_PASSPHRASE: creds.passphrase,
  };
}

/** URL-safe base64 with its `=` padding kept, as the official client (and the CLOB) compute it. */
export function l2Signature(secret: string, timestamp: number, request: L2Request): string {
  const key = decodeSecret(secret);
  const message = `${timestamp}${request.method}${request.requestPath}${request.body ?? ''}`;
  return createHmac('sha256', key).update(message, 'utf8').digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The secret is base64, standard or URL-safe, padded or not (the official decodeBase64Secret). */
function decodeSecret(secret: string): Buffer {
  const normalized = secret.replace(/-/g, '+').replace(/_/g, '/');
  if (normalized.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(normalized)) {
    throw new KeywardenError('MALFORMED_FIELD', 'The CLOB API secret is not base64 text: copy it again from where it was created.', { field: 'secret' });
  }
  return Buffer.from(normalized, 'base64');
}
