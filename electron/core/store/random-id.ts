/**
 * The random ids of stored rows (credentials, alert sources, orders): letters and digits that cannot
 * be misread for one another (no l, o, 0 or 1), so an id read aloud or copied by hand survives.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const ID_OF_TEN = /^[a-kmnp-z2-9]{10}$/;

/** `length` random characters of the alphabet (10 give 50 bits). */
export function randomId(length = 10): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** Whether `value` is an id randomId() could have made (ten characters). */
export function isRandomId(value: string): boolean {
  return ID_OF_TEN.test(value);
}
