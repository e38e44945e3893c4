/**
 * Reading a typed EVM address (a wallet, a funder, a token contract) by the EIP-55 rules: all
 * lower-case or all upper-case hex carries no checksum and is accepted; mixed case is a checksum and
 * must match, because a mismatch means a character was mistyped. Stored in EIP-55 form. Messages
 * never repeat the text: a private key pasted in the wrong field must not end up in an error.
 */
import { getAddress, type Address } from 'viem';
import { cleanPasted, countOf, malformed } from './pasted-text';

/** The address `text` names, or why it is not one (as a message, never echoing the text). */
export function readEvmAddress(text: string): { ok: true; address: Address } | { ok: false; problem: string } {
  const body = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]*$/.test(body)) return { ok: false, problem: 'is not an address: an address is 0x followed by 40 hex digits (0-9, a-f)' };
  if (body.length === 64) return { ok: false, problem: 'looks like a private key, not an address (64 hex digits, where an address has 40)' };
  if (body.length !== 40) return { ok: false, problem: `has ${countOf(body.length, 'hex digit')}; an address has 40` };
  const checksummed = getAddress(`0x${body.toLowerCase()}`);
  const mixedCase = /[a-f]/.test(body) && /[A-F]/.test(body);
  if (mixedCase && checksummed.slice(2) !== body) {
    return { ok: false, problem: 'has a checksum (mixed upper and lower case) that does not match: a character was mistyped' };
  }
  return { ok: true, address: checksummed };
}

/** True when `text` is an EVM address by the EIP-55 rules above (with its 0x). */
export function isEvmAddress(text: string): boolean {
  return /^0x/i.test(text) && readEvmAddress(text).ok;
}

/**
 * `text` (trimmed, unquoted) as an EIP-55 address, or MALFORMED_FIELD naming `field`. `label` is
 * how the message names the field ("wallet address", "funder address").
 */
export function normaliseEvmAddress(text: string, field: string, label = 'address'): Address {
  const cleaned = cleanPasted(text, field, label);
  if (cleaned === undefined) throw malformed(field, `The ${label} is empty.`);
  const reading = readEvmAddress(cleaned);
  if (!reading.ok) throw malformed(field, `The ${label} ${reading.problem}.`);
  return reading.address;
}
