/**
 * Both ends of an agent connection prove they are this user before anything else is said. Node
 * cannot read a Unix peer's uid (SO_PEERCRED) or set a Windows pipe's ACL without a native addon, so
 * the proof is a file only this user can read: a running agent keeps a fresh random secret in
 * `<data folder>/agent.token` (0600 in the 0700 folder; on Windows the profile's ACL), and each side
 * shows an HMAC of both sides' nonces under it, never the secret itself. A client of another user
 * is refused by the agent; and a program of another user that took the agent's name first (a
 * squatted pipe) cannot pass as the agent, so the CLI never sends it a passphrase or a request.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Protocol name and version in the first line each side sends. */
export const AGENT_HELLO = 'keywarden-agent/1';

const TOKEN_BYTES = 32;
const NONCE_BYTES = 32;

export function agentTokenPath(dataFolder: string): string {
  return path.join(dataFolder, 'agent.token');
}

/** A new secret for a starting agent, written owner-only and whole (temp file, then rename). */
export function writeAgentToken(dataFolder: string): Buffer {
  const token = randomBytes(TOKEN_BYTES);
  const file = agentTokenPath(dataFolder);
  const temporary = `${file}.${process.pid}.tmp`;
  // Left over only by an agent that died while writing it; never followed (a link there is replaced).
  rmSync(temporary, { force: true });
  writeFileSync(temporary, token.toString('hex'), { mode: 0o600, flag: 'wx' });
  renameSync(temporary, file);
  return token;
}

/** The running agent's secret, or undefined when there is none (no agent, or one that stopped). */
export function readAgentToken(dataFolder: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(agentTokenPath(dataFolder), 'utf8');
  } catch {
    return undefined;
  }
  return /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined;
}

/** Removes the token file when it still holds this agent's secret (a newer agent's is left alone). */
export function removeAgentToken(dataFolder: string, token: Buffer): void {
  const current = readAgentToken(dataFolder);
  if (current && current.equals(token)) rmSync(agentTokenPath(dataFolder), { force: true });
}

export function newNonce(): string {
  return randomBytes(NONCE_BYTES).toString('hex');
}

/** What `role` shows to prove it holds the token, bound to this connection by both nonces. */
export function proofOf(token: Buffer, role: 'agent' | 'client', clientNonce: string, agentNonce: string): string {
  return createHmac('sha256', token).update(`${AGENT_HELLO}\0${role}\0${clientNonce}\0${agentNonce}`).digest('hex');
}

export function proofMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

export function isNonce(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
