/**
 * Reading a BIP-39 recovery phrase (English word list) and a BIP-32 derivation path. Words are
 * never repeated in a message: a phrase is as secret as a key, so a wrong word is named by its
 * position only.
 */
import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english';
import { countOf, malformed } from './pasted-text';

export { DEFAULT_EVM_DERIVATION_PATH } from '../../shared/wallet-networks';
const PHRASE_LENGTHS = [12, 15, 18, 21, 24];
const englishWords = new Set(wordlist);
/** Far deeper than any wallet's path (BIP-44 has five levels). */
const MAX_PATH_DEPTH = 10;
const HARDENED_OFFSET = 2 ** 31;

/** The phrase in BIP-39's normal form (NFKD, lower case, single spaces), or MALFORMED_FIELD. */
export function readRecoveryPhrase(text: string): string {
  const words = text.normalize('NFKD').toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 1 && /^(0x)?[0-9a-f]{64}$/.test(words[0]!)) {
    throw malformed('mnemonic', 'This looks like a private key, not a recovery phrase: paste it as the private key.');
  }
  if (!PHRASE_LENGTHS.includes(words.length)) {
    throw malformed('mnemonic', `The recovery phrase has ${countOf(words.length, 'word')}; a recovery phrase has 12, 15, 18, 21 or 24.`);
  }
  const unknown = words.flatMap((word, index) => (englishWords.has(word) ? [] : [index + 1]));
  if (unknown.length > 0) {
    const which = unknown.length === 1 ? `Word ${unknown[0]} is` : `Words ${listed(unknown)} are`;
    throw malformed('mnemonic', `${which} not a BIP-39 word (English list). Check the spelling against the paper or the wallet you wrote it from.`);
  }
  const phrase = words.join(' ');
  if (!validateMnemonic(phrase, wordlist)) {
    throw malformed('mnemonic', 'The recovery phrase\'s checksum does not match: a word is wrong, missing, or in the wrong place.');
  }
  return phrase;
}

/** A derivation path such as m/44'/60'/0'/0/0 (h or H also mark a hardened level), normalised to the ' form. */
export function readDerivationPath(text: string): string {
  const refuse = (why: string): never => {
    throw malformed('derivationPath', `The derivation path ${why}. It looks like m/44'/60'/0'/0/0.`);
  };
  const levels = text.replace(/\s+/g, '').split('/');
  if (levels[0] !== 'm' && levels[0] !== 'M') refuse("must start with m/");
  if (levels.length < 2) refuse('has no levels after m');
  if (levels.length - 1 > MAX_PATH_DEPTH) refuse(`has more than ${MAX_PATH_DEPTH} levels`);
  const normal = levels.slice(1).map((level, index) => {
    const match = /^(\d{1,10})(['hH]?)$/.exec(level);
    if (match === null) return refuse(`has a level (number ${index + 1}) that is not a number, or a number followed by '`);
    if (Number(match[1]) >= HARDENED_OFFSET) return refuse(`has a level (number ${index + 1}) above 2147483647`);
    return `${Number(match[1])}${match[2] === '' ? '' : "'"}`;
  });
  return ['m', ...normal].join('/');
}

function listed(positions: readonly number[]): string {
  return positions.length === 1 ? String(positions[0]) : `${positions.slice(0, -1).join(', ')} and ${positions.at(-1)}`;
}
