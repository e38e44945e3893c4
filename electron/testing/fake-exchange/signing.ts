/**
 * The request-signing rules of Binance spot and Bybit v5, both directions: the fake verifies with these, and
 * tests sign hand-made requests with them. Pure functions; the known-answer vectors of EXCHANGE-FACTS.md pin
 * them down (signing.test.ts).
 */
import { createHmac, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** ccxt signs with a key pair instead of HMAC when the secret is a PEM private key (binance.js / bybit.js sign()). */
export function isPemPrivateKey(secret: string): boolean {
  return secret.includes('PRIVATE KEY');
}

/** Removes every `signature=` parameter from a raw query string or form body, leaving the rest byte for byte. */
export function withoutSignatureParam(raw: string): string {
  if (raw === '') return '';
  return raw
    .split('&')
    .filter((pair) => !pair.startsWith('signature='))
    .join('&');
}

/**
 * Binance: the signed string is the query string followed directly by the body (no `&` between), each
 * without its `signature` parameter, exactly as sent (percent-encoding included).
 */
export function binanceSignaturePayload(rawQuery: string, rawBody: string): string {
  return withoutSignatureParam(rawQuery) + withoutSignatureParam(rawBody);
}

/** Bybit v5: timestamp + apiKey + recvWindow + (raw query string for GET | raw JSON body for POST). */
export function bybitSignaturePayload(parts: { timestamp: string; apiKey: string; recvWindow: string; payload: string }): string {
  return parts.timestamp + parts.apiKey + parts.recvWindow + parts.payload;
}

export function hmacSha256Hex(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/**
 * Signs a Binance payload the way ccxt does, before URL encoding: lowercase hex HMAC-SHA256, or base64
 * Ed25519, or base64 RSA PKCS#1 v1.5 SHA-256 (ccxt: a PEM longer than 120 characters is RSA).
 */
export function signBinancePayload(payload: string, secret: string): string {
  if (!isPemPrivateKey(secret)) return hmacSha256Hex(payload, secret);
  const privateKey = privateKeyOf(secret);
  const data = Buffer.from(payload, 'utf8');
  if (privateKey.asymmetricKeyType === 'ed25519') return sign(null, data, privateKey).toString('base64');
  return sign('sha256', data, privateKey).toString('base64');
}

/** Bybit signs with hex HMAC-SHA256, or base64 RSA-SHA256 for RSA keys. */
export function signBybitPayload(payload: string, secret: string): string {
  if (!isPemPrivateKey(secret)) return hmacSha256Hex(payload, secret);
  return sign('sha256', Buffer.from(payload, 'utf8'), privateKeyOf(secret)).toString('base64');
}

/** Checks a (percent-decoded) Binance signature against the key's secret, in constant time for HMAC. */
export function verifyBinanceSignature(payload: string, signature: string, secret: string): boolean {
  if (!isPemPrivateKey(secret)) return hexEquals(signature, hmacSha256Hex(payload, secret));
  return verifyWithPublicKey(payload, signature, secret);
}

/** Checks an X-BAPI-SIGN value against the key's secret. */
export function verifyBybitSignature(payload: string, signature: string, secret: string): boolean {
  if (!isPemPrivateKey(secret)) return hexEquals(signature, hmacSha256Hex(payload, secret));
  return verifyWithPublicKey(payload, signature, secret);
}

function verifyWithPublicKey(payload: string, signatureBase64: string, secret: string): boolean {
  // The exchange only holds the public half of the key pair the user registered.
  const publicKey = publicKeyOf(secret);
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return false;
  const data = Buffer.from(payload, 'utf8');
  try {
    if (publicKey.asymmetricKeyType === 'ed25519') return verify(null, data, publicKey, signature);
    return verify('sha256', data, publicKey, signature);
  } catch {
    return false;
  }
}

function hexEquals(received: string, expected: string): boolean {
  const a = Buffer.from(received.toLowerCase(), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

// Parsing a PEM costs far more than a signature check, and the fake sees the same few keys over and over.
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function privateKeyOf(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (key === undefined) {
    key = createPrivateKey(pem);
    privateKeys.set(pem, key);
  }
  return key;
}

function publicKeyOf(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (key === undefined) {
    key = createPublicKey(privateKeyOf(pem));
    publicKeys.set(pem, key);
  }
  return key;
}
