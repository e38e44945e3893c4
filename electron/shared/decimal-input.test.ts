/**
 * The one number parser: the rule's examples and refusals, and properties over numbers as
 * Intl.NumberFormat writes them in many locales (fast-check), which is how people copy and type them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalOrNull, readDecimal, readNonNegativeDecimal, readPositiveDecimal, readPositiveJsonDecimal, readWholeNumber } from './decimal-input';

const valueOf = (text: string) => {
  const read = readDecimal(text);
  if (!read.ok) throw new Error(`${JSON.stringify(text)} was refused: ${read.message}`);
  return read.value;
};
const refusal = (text: string, read = readDecimal) => {
  const result = read(text, 'The amount');
  if (result.ok) throw new Error(`${JSON.stringify(text)} was read as ${result.value}`);
  return result.message;
};

describe('readDecimal: the rule', () => {
  it('reads the examples of the rule', () => {
    const examples: [string, number, string][] = [
      ['0,001', 0.001, '0.001'],
      ['1,5', 1.5, '1.5'],
      ['1,5000', 1.5, '1.5'],
      ['1.5', 1.5, '1.5'],
      ['1,000.5', 1000.5, '1000.5'],
      ['1.000,5', 1000.5, '1000.5'],
      ['1 000,5', 1000.5, '1000.5'],
      ["1'000.50", 1000.5, '1000.5'],
      ['1’000.50', 1000.5, '1000.5'],
      ['1,000,000', 1_000_000, '1000000'],
      ['1.000.000', 1_000_000, '1000000'],
      ['1.234.567,125', 1_234_567.125, '1234567.125'],
      ['.5', 0.5, '0.5'],
      [',5', 0.5, '0.5'],
      ['5.', 5, '5'],
      ['5,', 5, '5'],
      ['+2', 2, '2'],
      ['0', 0, '0'],
      ['007', 7, '7'],
      ['0,500', 0.5, '0.5'],
      ['1000,500', 1000.5, '1000.5'],
      ['1 000,500', 1000.5, '1000.5'],
      ['65000.50', 65000.5, '65000.5'],
      ['1.000', 1, '1'],
      ['1e-8', 1e-8, '0.00000001'],
      ['2.5E3', 2500, '2500'],
      ['.5e1', 5, '5'],
      ['1e+2', 100, '100'],
      ['-1,5', -1.5, '-1.5'],
      ['-0', 0, '0'],
      ['999999999999999', 999_999_999_999_999, '999999999999999'],
      ['1000000000000000', 1e15, '1000000000000000'],
      ['0.000000000000001', 1e-15, '0.000000000000001'],
    ];
    for (const [text, value, canonical] of examples) expect(readDecimal(text), text).toEqual({ ok: true, value, canonical });
  });

  it('ignores whitespace around the number and reads the kinds of space that group digits', () => {
    expect(valueOf('  0,001\t\n')).toBe(0.001);
    expect(valueOf('\u00A01 234\u00A0')).toBe(1234);
    expect(valueOf('1\u00A0234\u00A0567,5')).toBe(1_234_567.5);
    expect(valueOf('1\u202F234,5')).toBe(1234.5);
    expect(valueOf('1\u2009234.5')).toBe(1234.5);
    expect(valueOf('- 5')).toBe(-5);
  });

  it('reads Arabic-Indic, Extended Arabic-Indic and full-width digits and the Arabic separators', () => {
    expect(readDecimal('١٬٢٣٤٫٥')).toEqual({ ok: true, value: 1234.5, canonical: '1234.5' });
    expect(readDecimal('٠٫٠٠١')).toEqual({ ok: true, value: 0.001, canonical: '0.001' });
    expect(readDecimal('۱٬۲۳۴٬۵۶۷٫۱۲۵')).toEqual({ ok: true, value: 1_234_567.125, canonical: '1234567.125' });
    expect(readDecimal('０．００１')).toEqual({ ok: true, value: 0.001, canonical: '0.001' });
    expect(readDecimal('１，５')).toEqual({ ok: true, value: 1.5, canonical: '1.5' });
    expect(readDecimal('١٫٥')).toEqual({ ok: true, value: 1.5, canonical: '1.5' });
  });

  it('refuses a lone comma before exactly three digits after 1 to 3 digits, saying both readings', () => {
    expect(refusal('1,000')).toBe('The amount "1,000" could mean 1000 or 1. Write 1000, or 1.0 / 1,0 if you meant 1.');
    expect(refusal('12,500')).toBe('The amount "12,500" could mean 12500 or 12.5. Write 12500, or 12.5 / 12,5 if you meant 12.5.');
    expect(refusal('123,456')).toContain('could mean 123456 or 123.456. Write 123456, or 123.456 if you meant 123.456.');
    expect(refusal('+1,000')).toContain('could mean 1000 or 1.');
    expect(readDecimal('1,000').ok).toBe(false);
  });

  it('never reads 0,001 as 1 (the Trade page once did)', () => {
    for (const text of ['0,001', ' 0,001 ', '0,0010', '+0,001', ',001', '0,001e0']) {
      const read = readDecimal(text);
      if (read.ok) expect(read.value, text).toBe(0.001);
    }
    expect(readDecimal('0,001')).toEqual({ ok: true, value: 0.001, canonical: '0.001' });
    expect(readPositiveDecimal('0,001', 'The amount')).toEqual({ ok: true, value: 0.001, canonical: '0.001' });
  });

  it('refuses separators in the wrong places, saying to write the number without them', () => {
    for (const text of ['1,00,000', '12,34,567.125', '1,00.5', '1.5.3', '1 00', '0.000.001', '1,0000,000', "'1000", '1  000', '1,000,00']) {
      expect(refusal(text), text).toMatch(/group separators in the wrong places.*Write the number without separators/);
    }
  });

  it('refuses mixed group separators, two decimal marks and separators in the fraction', () => {
    expect(refusal("1'000 000.5")).toContain('mixes group separators (an apostrophe and a space)');
    expect(refusal('1 000.000,5')).toContain('mixes group separators');
    expect(refusal('1.000,5,5')).toContain('more than one decimal mark');
    expect(refusal('1,5.3.2')).toContain('more than one decimal mark');
    expect(refusal('١٫٥٫٣')).toContain('more than one decimal mark');
    expect(refusal('1.000,123 456')).toContain('a separator after its decimal mark');
  });

  it('refuses what is not a number, naming what is wrong', () => {
    const cases: [string, string][] = [
      ['', 'The amount is empty'],
      ['   ', 'The amount is empty'],
      ['abc', '"a" is not part of a number'],
      ['NaN', '"N" is not part of a number'],
      ['Infinity', '"I" is not part of a number'],
      ['0x10', '"x" is not part of a number'],
      ['1_000', '"_" is not part of a number'],
      ['$50', '"$" is not part of a number'],
      ['5 BTC', '"B" is not part of a number'],
      ['1\u200B000', 'U+200B is not part of a number'],
      ['1-2', '"-" is not part of a number'],
      ['.', 'The amount must be a number such as 0.001 or 50.'],
      ['+', 'The amount must be a number such as 0.001 or 50.'],
      ['1e', '"e" is not part of a number'],
      ['1,5e3', 'exponents work only on plain numbers with a dot'],
      ['1 000e3', 'exponents work only on plain numbers with a dot'],
      ['1e1000', 'an exponent of more than 3 digits'],
      ['1e400', 'too large'],
      ['1e-999', 'too small'],
      ['2000000000000000', 'too large'],
      ['99999999999999999999', 'too large'],
      ['1234567890.1234567', 'more than 15 significant digits'],
      ['0.1234567890123456', 'more than 15 significant digits'],
    ];
    for (const [text, says] of cases) expect(refusal(text), JSON.stringify(text)).toContain(says);
  });

  it('never repeats a long text back', () => {
    expect(refusal(`${'1,00'.repeat(30)}`)).not.toContain('1,001,00');
  });
});

describe('the positive, whole-number and JSON readers', () => {
  it('refuses 0 and negatives as amounts, in the words of the field', () => {
    expect(readPositiveDecimal('0', 'The amount')).toEqual({ ok: false, message: 'The amount must be more than 0.' });
    expect(readPositiveDecimal('-1', '--price')).toEqual({ ok: false, message: '--price must be more than 0.' });
    expect(readPositiveDecimal('0,000', 'The amount')).toEqual({ ok: false, message: 'The amount must be more than 0.' });
    expect(readPositiveDecimal('lots', '--max-order')).toMatchObject({ ok: false, message: expect.stringContaining('--max-order must be a number') });
  });

  it('reads prices that may be 0 (a free model), never below', () => {
    expect(readNonNegativeDecimal('0', '--input-usd-per-mtok')).toEqual({ ok: true, value: 0, canonical: '0' });
    expect(readNonNegativeDecimal('0,15', '--input-usd-per-mtok')).toEqual({ ok: true, value: 0.15, canonical: '0.15' });
    expect(readNonNegativeDecimal('-0.5', '--input-usd-per-mtok')).toEqual({ ok: false, message: '--input-usd-per-mtok must be 0 or more.' });
    expect(readNonNegativeDecimal('NaN', '--input-usd-per-mtok')).toMatchObject({ ok: false, message: expect.stringContaining('must be a number') });
  });

  it('reads counts as whole numbers only', () => {
    expect(readWholeNumber('10', 'The count')).toEqual({ ok: true, value: 10, canonical: '10' });
    expect(readWholeNumber('0', 'The count')).toEqual({ ok: true, value: 0, canonical: '0' });
    expect(readWholeNumber('1 048 576', 'The count')).toMatchObject({ ok: true, value: 1_048_576 });
    expect(readWholeNumber('1e3', 'The count')).toMatchObject({ ok: true, value: 1000 });
    expect(readWholeNumber('1.5', 'The count')).toEqual({ ok: false, message: 'The count must be a whole number, such as 10.' });
    expect(readWholeNumber('1.0', 'The count')).toEqual({ ok: false, message: 'The count must be a whole number, such as 10.' });
    expect(readWholeNumber('-1', 'The count')).toEqual({ ok: false, message: 'The count must be 0 or more.' });
    expect(readWholeNumber('1,000', 'The count')).toMatchObject({ ok: false, message: expect.stringContaining('could mean 1000 or 1') });
  });

  it('takes JSON numbers as they are and reads JSON strings by the rule', () => {
    expect(readPositiveJsonDecimal(0.001, 'amount')).toEqual({ ok: true, value: 0.001, canonical: '0.001' });
    expect(readPositiveJsonDecimal(1e-7, 'amount')).toEqual({ ok: true, value: 1e-7, canonical: '0.0000001' });
    expect(readPositiveJsonDecimal(0.1 + 0.2, 'amount')).toMatchObject({ ok: true, value: 0.1 + 0.2 });
    expect(readPositiveJsonDecimal('0,001', 'amount')).toEqual({ ok: true, value: 0.001, canonical: '0.001' });
    expect(readPositiveJsonDecimal('65000.50', 'price')).toMatchObject({ ok: true, value: 65000.5 });
    expect(readPositiveJsonDecimal('1,000', 'amount')).toMatchObject({ ok: false, message: expect.stringContaining('amount "1,000" could mean 1000 or 1') });
    expect(readPositiveJsonDecimal(Number.POSITIVE_INFINITY, 'amount')).toMatchObject({ ok: false, message: expect.stringContaining('amount is too large') });
    expect(readPositiveJsonDecimal(1e16, 'amount')).toMatchObject({ ok: false, message: expect.stringContaining('amount is too large') });
    expect(readPositiveJsonDecimal(0, 'amount')).toEqual({ ok: false, message: 'amount must be more than 0.' });
    expect(readPositiveJsonDecimal(-0, 'amount')).toEqual({ ok: false, message: 'amount must be more than 0.' });
    for (const value of [true, null, [], {}, [1]]) expect(readPositiveJsonDecimal(value, 'amount'), JSON.stringify(value)).toMatchObject({ ok: false, message: expect.stringContaining('amount must be a number') });
  });

  it('gives the value or null for drawing while typing', () => {
    expect(decimalOrNull('1.000,5')).toBe(1000.5);
    expect(decimalOrNull('1,000')).toBeNull();
    expect(decimalOrNull('')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over locale formats.

const LOCALES = [
  'en-US', 'en-GB', 'de-DE', 'de-CH', 'de-AT', 'fr-FR', 'fr-CH', 'es-ES', 'it-IT', 'pt-BR', 'pt-PT', 'nl-NL', 'ru-RU', 'uk-UA', 'pl-PL', 'sv-SE', 'nb-NO',
  'da-DK', 'fi-FI', 'cs-CZ', 'hu-HU', 'ro-RO', 'el-GR', 'ja-JP', 'zh-CN', 'ko-KR', 'hi-IN', 'en-IN', 'bn-BD', 'ar-EG', 'ar-SA', 'fa-IR', 'he-IL', 'tr-TR', 'id-ID',
  'vi-VN', 'th-TH', 'en-ZA', 'es-MX', 'it-CH',
] as const;
/** Where people write numbers with Latin digits in the European or English way: refusals there must be the ambiguous comma only. */
const COMMON_LOCALES = ['en-US', 'en-GB', 'de-DE', 'de-CH', 'de-AT', 'fr-FR', 'fr-CH', 'es-ES', 'it-IT', 'pt-BR', 'pt-PT', 'nl-NL', 'ru-RU', 'pl-PL', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI', 'cs-CZ', 'tr-TR', 'id-ID'] as const;

/** A positive decimal with at most 15 significant digits (so a double keeps it) and 0–8 decimals, as exact text and digits. */
const decimalNumber = fc
  .record({
    whole: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1000, max: 999_999 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 999_999_999_999 })),
    decimals: fc.integer({ min: 0, max: 8 }),
    fraction: fc.integer({ min: 0, max: 99_999_999 }),
  })
  .map(({ whole, decimals, fraction }) => {
    const digits = String(fraction).padStart(8, '0').slice(0, decimals);
    return { value: Number(`${whole}.${digits || '0'}`), decimals };
  })
  .filter(({ value, decimals }) => value > 0 && value.toFixed(decimals).replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length <= 15);

const formatted = (locales: readonly string[]) =>
  fc.record({
    number: decimalNumber,
    locale: fc.constantFrom(...locales),
    grouping: fc.boolean(),
    trailingZeros: fc.boolean(),
  }).map(({ number, locale, grouping, trailingZeros }) => {
    const format = new Intl.NumberFormat(locale, { useGrouping: grouping, maximumFractionDigits: number.decimals, minimumFractionDigits: trailingZeros ? number.decimals : 0 });
    return { ...number, locale, grouping, text: format.format(number.value), expected: Number(number.value.toFixed(number.decimals)) };
  });

/** The character a locale groups thousands with. */
const groupSeparator = (locale: string) => new Intl.NumberFormat(locale).formatToParts(1_000_000).find((part) => part.type === 'group')?.value;

/** Maps other digit systems to ASCII, to look at the shape of a formatted number. */
const latinShape = (text: string) => text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

/** The one documented misreading: a dot-grouping locale writes 1234 as "1.234", and a lone dot is always a decimal point. */
const dotGroupedThousands = (locale: string, text: string) => groupSeparator(locale) === '.' && /^[1-9]\d{0,2}\.\d{3}$/.test(text);
/** The refusal the rule makes on purpose: a lone comma before exactly three digits after 1–3 digits. */
const ambiguousComma = (text: string) => /^[1-9]\d{0,2},\d{3}$/.test(latinShape(text));

describe('readDecimal: properties over locale formats', () => {
  it('(a) reads what Intl.NumberFormat writes as exactly that number, or refuses: never another number', () => {
    fc.assert(fc.property(formatted(LOCALES), ({ text, locale, expected }) => {
      const read = readDecimal(text);
      if (!read.ok) return;
      if (read.value !== expected) {
        // Documented in decimal-input.ts: "1.234" is 1.234. The misreading is 1000 times smaller, never larger.
        expect(dotGroupedThousands(locale, text), `${locale} ${JSON.stringify(text)} read as ${read.value}, not ${expected}`).toBe(true);
        expect(read.value).toBe(Number(text));
        expect(read.value).toBeLessThan(expected);
      }
    }), { numRuns: 10_000 });
  });

  it('(a) is exact for every locale that does not group thousands with a dot', () => {
    const locales = LOCALES.filter((locale) => groupSeparator(locale) !== '.');
    fc.assert(fc.property(formatted(locales), ({ text, expected }) => {
      const read = readDecimal(text);
      if (read.ok) expect(read.value, JSON.stringify(text)).toBe(expected);
    }), { numRuns: 10_000 });
  });

  it('(b) in the common European and English locales, refuses only the ambiguous lone comma', () => {
    fc.assert(fc.property(formatted(COMMON_LOCALES), ({ text, locale }) => {
      const read = readDecimal(text);
      if (!read.ok) expect(ambiguousComma(text), `${locale} ${JSON.stringify(text)}: ${read.message}`).toBe(true);
    }), { numRuns: 10_000 });
  });

  it('(c) never reads "0," and 1 to 8 digits as 1 or more', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{1,8}$/), fc.constantFrom('', ' ', '+'), (digits, prefix) => {
      const read = readDecimal(`${prefix}0,${digits}`);
      expect(read.ok).toBe(true);
      if (read.ok) {
        expect(read.value).toBeLessThan(1);
        expect(read.value).toBe(Number(`0.${digits}`));
      }
    }), { numRuns: 5_000 });
  });

  it('(d) reads its own canonical text back as the same value and text', () => {
    fc.assert(fc.property(formatted(LOCALES), ({ text }) => {
      const read = readDecimal(text);
      if (!read.ok) return;
      expect(readDecimal(read.canonical)).toEqual(read);
      expect(read.canonical).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
    }), { numRuns: 10_000 });
  });

  it('reads any text made of number characters as Number(canonical), or refuses; never throws', () => {
    const char = fc.constantFrom(...'0123456789012345.,. \u00A0\u202F\'’٫٬٣۴１+-eE');
    fc.assert(fc.property(fc.array(char, { maxLength: 20 }).map((chars) => chars.join('')), (text) => {
      const read = readDecimal(text);
      if (read.ok) {
        expect(read.value).toBe(Number(read.canonical));
        expect(Math.abs(read.value)).toBeLessThanOrEqual(1e15);
      } else expect(read.message.length).toBeGreaterThan(0);
    }), { numRuns: 10_000 });
  });
});
