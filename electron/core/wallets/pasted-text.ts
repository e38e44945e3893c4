/**
 * How a pasted wallet field is cleaned before it is read: surrounding spaces, line breaks and the
 * quotes a .env file or a JSON string adds are dropped. Invisible characters picked up while copying
 * are refused rather than removed, as key-formats.ts does for exchange keys: silently dropping one
 * could turn a damaged copy into a different key.
 */
import { KeywardenError } from '../errors';

/** Longer than any wallet field (a 24-word phrase, a 64-number key file, a long RPC URL). */
const MAX_PASTED_LENGTH = 4096;

/** `text` trimmed and unquoted, or undefined when nothing (but spaces or quotes) was typed. */
export function cleanPasted(text: string | undefined, field: string, label: string): string | undefined {
  if (text === undefined) return undefined;
  if (text.length > MAX_PASTED_LENGTH) throw malformed(field, `The ${label} is far too long; check what was pasted.`);
  let cleaned = text.trim();
  for (;;) {
    const first = cleaned[0];
    if (cleaned.length >= 2 && (first === '"' || first === "'" || first === '`') && cleaned.endsWith(first)) cleaned = cleaned.slice(1, -1).trim();
    else break;
  }
  if (cleaned === '') return undefined;
  if (/[\u200b-\u200f\u2060\ufeff]/.test(cleaned)) {
    throw malformed(field, `The ${label} contains an invisible character, usually picked up while copying. Copy it again.`);
  }
  return cleaned;
}

export function malformed(field: string, message: string): KeywardenError {
  return new KeywardenError('MALFORMED_FIELD', message, { field });
}

/** How many there are, in words: "1 hex digit", "63 hex digits". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
