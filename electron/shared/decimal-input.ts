/**
 * How Keywarden reads a number that a person typed or an alert sent: amounts, prices, limits and
 * caps, on the Trade page, the Risk limits page, alert sources, the alert-message generator, the CLI
 * and the webhook. One rule everywhere, because a number read two ways moves money two ways: the
 * Trade page once read "0,001" as 1 BTC.
 *
 * The rule (docs/trading.md: "How Keywarden reads numbers"):
 * - Digits with an optional decimal mark, `.` or `,`. Group (thousands) separators: `,` `.`, a space
 *   (also no-break U+00A0, narrow no-break U+202F, thin U+2009) and the apostrophes `'` `’`.
 *   Arabic-Indic, Extended Arabic-Indic and full-width digits count as digits; the Arabic decimal
 *   separator U+066B is a decimal mark and the Arabic thousands separator U+066C a group separator.
 * - Both `.` and `,`: the one that occurs last is the decimal mark (and must occur once); the other
 *   groups. A mark that occurs more than once groups.
 * - A lone `.` is a decimal mark. A lone `,` is one when 1–2 or 4+ digits follow it, when the part
 *   before it cannot be a thousands group (empty, 0, starting with 0, more than 3 digits), or when a
 *   space or apostrophe groups the same number. A lone `,` followed by exactly 3 digits after a
 *   1–3 digit number (1,000 · 12,500) could mean either: it is refused, never guessed.
 * - Group separators split the whole part into a first group of 1–3 digits and groups of exactly 3
 *   (so 1,00,000 is refused); one kind per number; none after the decimal mark.
 * - `.5`, `,5`, `5.` and a leading `+` are fine; a leading `-` reads as negative (the positive
 *   readers refuse it). Exponents (1e-8, 2.5E3, at most 3 exponent digits) only on plain dot numbers.
 * - More than 15 significant digits (a JavaScript number could not keep them), values above 1e15
 *   and values so small they would become 0 are refused.
 *
 * The value is `Number()` of the canonical text (`1000.5` for "1.000,5"), so it is exactly what the
 * digits say. A dot is always a decimal mark when alone, because that is how TradingView and every
 * program write numbers; the price is that "1.234" typed by someone who groups with dots reads as
 * 1.234, never as 1234 — smaller, and the forms show round cases ("1.000" → "Read as 1").
 *
 * A message repeats the text back only when it is short and made of number characters (digits and
 * marks), so a secret pasted into an amount field or an alert is never echoed.
 *
 * This file is the shared pure tier: it imports nothing.
 */

export type DecimalReading =
  | { readonly ok: true; readonly value: number; readonly canonical: string }
  | { readonly ok: false; readonly message: string };

const MAX_SIGNIFICANT_DIGITS = 15;
const MAX_VALUE = 1e15;
const EXAMPLE = 'such as 0.001 or 50';

const SPACES = ' \u00A0\u202F\u2009';
const APOSTROPHES = '\'\u2019';
const ARABIC_DECIMAL = '\u066B';
const ARABIC_GROUP = '\u066C';

type GroupKind = 'dot' | 'comma' | 'space' | 'apostrophe' | 'arabic';
const groupKindNames: Readonly<Record<GroupKind, string>> = { dot: '"."', comma: '","', space: 'a space', apostrophe: 'an apostrophe', arabic: '"٬"' };

function groupKind(char: string): GroupKind | null {
  if (char === '.') return 'dot';
  if (char === ',') return 'comma';
  if (SPACES.includes(char)) return 'space';
  if (APOSTROPHES.includes(char)) return 'apostrophe';
  if (char === ARABIC_GROUP) return 'arabic';
  return null;
}

/** Arabic-Indic (U+0660), Extended Arabic-Indic (U+06F0) and full-width (U+FF10) digits, and full-width marks, as ASCII. */
function asciiDigits(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x0660 && code <= 0x0669) out += String.fromCharCode(48 + code - 0x0660);
    else if (code >= 0x06f0 && code <= 0x06f9) out += String.fromCharCode(48 + code - 0x06f0);
    else if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(48 + code - 0xff10);
    else if (char === '\uFF0E') out += '.';
    else if (char === '\uFF0C') out += ',';
    else if (char === '\uFF0B') out += '+';
    // U+2212 MINUS SIGN is what Intl writes for negatives in several locales.
    else if (char === '\uFF0D' || char === '\u2212') out += '-';
    else out += char;
  }
  return out;
}

const isDigit = (char: string) => char >= '0' && char <= '9';
const count = (text: string, char: string) => text.split(char).length - 1;

/** The text in quotes when it is short enough to repeat back; it holds only number characters by then. */
function quoted(text: string): string {
  return text.length <= 40 ? ` "${text}"` : '';
}

function describeChar(char: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `"${char}"` : `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

interface Digits {
  readonly negative: boolean;
  readonly whole: string;
  readonly fraction: string;
  readonly exponent: number;
  /** A decimal mark was written (for whole-number fields: "1.0" is not a count). */
  readonly hasDecimalMark: boolean;
}

type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };
const refuse = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** Splits the text into sign, whole digits, fraction digits and exponent, by the rule above. */
function splitDigits(raw: string, what: string): Step<Digits> {
  const text = asciiDigits(raw.trim());
  if (text === '') return refuse(`${what} is empty: enter a number ${EXAMPLE}.`);
  let body = text;
  let negative = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    negative = body.startsWith('-');
    body = body.slice(1).trimStart();
  }

  if (/[eE]/.test(body)) {
    const plain = /^(\d+\.?\d*|\.\d+)[eE]([+-]?\d+)$/.exec(body);
    if (plain) {
      const [, mantissa = '', exponent = ''] = plain;
      if (exponent.replace(/^[+-]/, '').length > 3) return refuse(`${what} has an exponent of more than 3 digits; write it as in 1e-8.`);
      const [whole = '', fraction = ''] = mantissa.split('.');
      return { ok: true, value: { negative, whole, fraction, exponent: Number(exponent), hasDecimalMark: mantissa.includes('.') } };
    }
    if (/^[\d.,'\u2019 \u00A0\u202F\u2009\u066B\u066C]+[eE][+-]?\d+$/.test(body)) {
      return refuse(`${what} uses an exponent with separators or a decimal comma; exponents work only on plain numbers with a dot, as in 1e-8 or 2.5e3.`);
    }
  }

  for (const char of body) {
    if (!isDigit(char) && groupKind(char) === null && char !== ARABIC_DECIMAL) {
      return refuse(`${what} must be a number ${EXAMPLE} (${describeChar(char)} is not part of a number).`);
    }
  }
  if (![...body].some(isDigit)) return refuse(`${what} must be a number ${EXAMPLE}.`);

  const decimal = decimalMark(body, what);
  if (!decimal.ok) return decimal;
  const at = decimal.value === null ? -1 : body.lastIndexOf(decimal.value);
  const wholeText = at === -1 ? body : body.slice(0, at);
  const fraction = at === -1 ? '' : body.slice(at + 1);
  if (![...fraction].every(isDigit)) return refuse(`${what}${quoted(text)} has a separator after its decimal mark; only the whole part may be grouped, as in 1,000.125.`);
  const whole = ungroup(wholeText, text, what);
  if (!whole.ok) return whole;
  return { ok: true, value: { negative, whole: whole.value, fraction, exponent: 0, hasDecimalMark: at !== -1 } };
}

/** Which character is the decimal mark (null: none), or why the text cannot be read. */
function decimalMark(body: string, what: string): Step<string | null> {
  const twoMarks = refuse(`${what} has more than one decimal mark; write one, as in 1000.5 or 1000,5.`);
  const arabic = count(body, ARABIC_DECIMAL);
  if (arabic > 0) return arabic === 1 ? { ok: true, value: ARABIC_DECIMAL } : twoMarks;
  const dots = count(body, '.');
  const commas = count(body, ',');
  if (dots > 0 && commas > 0) {
    const last = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    return count(body, last) === 1 ? { ok: true, value: last } : twoMarks;
  }
  if (dots === 1) return { ok: true, value: '.' };
  if (commas !== 1) return { ok: true, value: null };

  const [before = '', after = ''] = body.split(',');
  const groupedOtherwise = [...body].some((char) => { const kind = groupKind(char); return kind !== null && kind !== 'comma'; });
  const cannotBeGroup = before === '' || before.startsWith('0') || before.length > 3;
  if (groupedOtherwise || after.length !== 3 || cannotBeGroup) return { ok: true, value: ',' };
  const smaller = `${before}.${after}`.replace(/0+$/, '');
  const asDecimal = smaller.endsWith('.') ? `${smaller}0` : smaller;
  const written = asDecimal.split('.')[1]?.length === 3 ? asDecimal : `${asDecimal} / ${asDecimal.replace('.', ',')}`;
  const meaning = asDecimal.replace(/\.0$/, '');
  return refuse(`${what} "${body}" could mean ${before}${after} or ${meaning}. Write ${before}${after}, or ${written} if you meant ${meaning}.`);
}

/** The whole part without its group separators, checked to be grouped in threes. */
function ungroup(whole: string, text: string, what: string): Step<string> {
  const kinds = new Set<GroupKind>();
  for (const char of whole) {
    const kind = groupKind(char);
    if (kind) kinds.add(kind);
  }
  if (kinds.size === 0) return { ok: true, value: whole };
  if (kinds.size > 1) {
    return refuse(`${what}${quoted(text)} mixes group separators (${[...kinds].map((kind) => groupKindNames[kind]).join(' and ')}); use one kind, or none, as in 1000000.5.`);
  }
  const groups = whole.split(/[^0-9]/);
  const [first = '', ...rest] = groups;
  const wellGrouped = /^[1-9]\d{0,2}$/.test(first) && rest.every((group) => /^\d{3}$/.test(group));
  if (!wellGrouped) {
    return refuse(`${what}${quoted(text)} has group separators in the wrong places: they must split the whole number into groups of three digits, as in 1,000,000. Write the number without separators, such as 100000.`);
  }
  return { ok: true, value: groups.join('') };
}

/** Plain decimal text for digits, a decimal point position and a sign: no leading or trailing zeros. */
function canonicalText(digits: Digits): string {
  const all = digits.whole + digits.fraction;
  const point = digits.whole.length + digits.exponent;
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    whole = '';
    fraction = '0'.repeat(-point) + all;
  } else if (point >= all.length) {
    whole = all + '0'.repeat(point - all.length);
    fraction = '';
  } else {
    whole = all.slice(0, point);
    fraction = all.slice(point);
  }
  whole = whole.replace(/^0+/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return digits.negative && text !== '0' ? `-${text}` : text;
}

function readWithin(text: string, what: string, maxSignificantDigits: number): Step<{ readonly value: number; readonly canonical: string; readonly digits: Digits }> {
  const split = splitDigits(text, what);
  if (!split.ok) return split;
  const canonical = canonicalText(split.value);
  const unsigned = canonical.replace(/^-/, '');
  const [whole = ''] = unsigned.split('.');
  if (whole.length > 16) return refuse(`${what} is too large (at most 1000000000000000).`);
  const significant = unsigned.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > maxSignificantDigits) {
    return refuse(`${what} has more than ${maxSignificantDigits} significant digits, more than Keywarden can keep exactly; round it, such as to 8 decimals.`);
  }
  const value = Number(canonical);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_VALUE) return refuse(`${what} is too large (at most 1000000000000000).`);
  if (value === 0 && significant !== '') return refuse(`${what} is too small to be kept as a number.`);
  // Number('-0') is -0; a refused sign is the positive readers' job, "0" is just 0.
  return { ok: true, value: { value: value === 0 ? 0 : value, canonical, digits: split.value } };
}

/** Reads a number by the rule above: its exact value and canonical text ("1.000,5" → 1000.5, "1000.5"), or why not. */
export function readDecimal(text: string, what = 'The value'): DecimalReading {
  const read = readWithin(text, what, MAX_SIGNIFICANT_DIGITS);
  return read.ok ? { ok: true, value: read.value.value, canonical: read.value.canonical } : read;
}

/** An amount, price or cap: a number above 0. `what` names it in the message ("The amount", "--price"). */
export function readPositiveDecimal(text: string, what: string): DecimalReading {
  const read = readDecimal(text, what);
  if (read.ok && read.value <= 0) return refuse(`${what} must be more than 0.`);
  return read;
}

/** A price that may be 0 (a free or local model): a number of 0 or more. */
export function readNonNegativeDecimal(text: string, what: string): DecimalReading {
  const read = readDecimal(text, what);
  if (read.ok && read.value < 0) return refuse(`${what} must be 0 or more.`);
  return read;
}

/** A count (orders per minute, minutes, a port): a whole number of 0 or more, written without a decimal mark. */
export function readWholeNumber(text: string, what: string): DecimalReading {
  const read = readWithin(text, what, MAX_SIGNIFICANT_DIGITS);
  if (!read.ok) return read;
  if (read.value.value < 0) return refuse(`${what} must be 0 or more.`);
  if (read.value.digits.hasDecimalMark || !Number.isInteger(read.value.value)) return refuse(`${what} must be a whole number, such as 10.`);
  return { ok: true, value: read.value.value, canonical: read.value.canonical };
}

/**
 * A JSON value that must be a number above 0 (an alert's amount or price): a JSON number is taken
 * as it is, a string (TradingView renders "{{close}}" as text) is read by the rule above.
 */
export function readPositiveJsonDecimal(value: unknown, what: string): DecimalReading {
  if (typeof value === 'string') return readPositiveDecimal(value, what);
  if (typeof value !== 'number') return refuse(`${what} must be a number ${EXAMPLE}, or the same in quotes.`);
  if (Number.isNaN(value)) return refuse(`${what} must be a number ${EXAMPLE}.`);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_VALUE) return refuse(`${what} is too large (at most 1000000000000000).`);
  if (value <= 0) return refuse(`${what} must be more than 0.`);
  // A JSON number is already a double: its shortest text has at most 17 significant digits and reads back as itself.
  const read = readWithin(String(value), what, 17);
  return read.ok ? { ok: true, value, canonical: read.value.canonical } : read;
}

/** The number the text means, or null when it is refused (for sums and bars drawn while typing). */
export function decimalOrNull(text: string): number | null {
  const read = readDecimal(text);
  return read.ok ? read.value : null;
}
