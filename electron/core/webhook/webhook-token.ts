/**
 * Webhook tokens: 128 random bits, base64url (22 characters), shown to the user once. Only their
 * SHA-256 is stored. A token is high-entropy, so a plain (unsalted, fast) hash is enough: nobody can
 * guess their way back from it, and hashing keeps the comparison constant-time in what the caller
 * controls.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 16;
export const TOKEN_LENGTH = 22;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A stored hash that a token may match: a source's current one, or its previous one within the grace window. */
export interface TokenCandidate<T> {
  readonly hash: string;
  readonly owner: T;
}

/**
 * Finds the owner of `token` by comparing its hash with every candidate, always all of them and in
 * constant time each, so neither the answer's timing nor an early exit says which one came close.
 * `shape` is what a token looks like (the AI gateway's local tokens have their own).
 */
export function matchToken<T>(token: string, candidates: readonly TokenCandidate<T>[], shape: RegExp = TOKEN_SHAPE): T | undefined {
  const wellFormed = shape.test(token);
  // Anything else cannot be a token; still hash it so a wrong shape costs the same as a wrong token.
  const presented = Buffer.from(hashToken(wellFormed ? token : `invalid:${token.slice(0, 64)}`), 'hex');
  let found: T | undefined;
  for (const candidate of candidates) {
    const stored = Buffer.from(candidate.hash, 'hex');
    const equal = stored.length === presented.length && timingSafeEqual(stored, presented);
    if (equal && found === undefined && wellFormed) found = candidate.owner;
  }
  return found;
}

/** A token's shape (not whether it is valid): used to redact token-like words from what we store and answer. */
export function looksLikeToken(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}
