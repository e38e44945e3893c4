/**
 * What a local token of the AI gateway is: `kwl_` and 256 random bits (base64url, 43 characters),
 * recognisable in a program's configuration and in a leak scanner, and far too long to guess. Only
 * its SHA-256 is stored; it is compared in constant time, as the webhook's tokens are
 * (webhook-token.ts, whose hashing and matching it shares).
 */
import { randomBytes } from 'node:crypto';
import { hashToken, matchToken, type TokenCandidate } from '../webhook/webhook-token';

const PREFIX = 'kwl_';
const LOCAL_TOKEN_SHAPE = /^kwl_[A-Za-z0-9_-]{43}$/;

export function generateLocalToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashLocalToken(token: string): string {
  return hashToken(token);
}

/** The owner of `token` among the candidates (all compared, each in constant time), or undefined. */
export function matchLocalToken<T>(token: string, candidates: readonly TokenCandidate<T>[]): T | undefined {
  return matchToken(token, candidates, LOCAL_TOKEN_SHAPE);
}
