import { describe, expect, it } from 'vitest';
import { isKeywardenError } from '../errors';
import { parseEnvFile } from './env-file-parser';

const values = (text: string) => Object.fromEntries(parseEnvFile(text).map((v) => [v.name, v.value]));

function refusal(text: string): string {
  try {
    parseEnvFile(text);
  } catch (error) {
    if (isKeywardenError(error, 'ENV_FILE_INVALID')) return error.message;
    throw error;
  }
  throw new Error('expected ENV_FILE_INVALID');
}

describe('.env parser', () => {
  it('reads every way people write a .env file', () => {
    const text = [
      '\ufeff# exchange keys',
      '',
      'PLAIN=abc123',
      'export EXPORTED=def456',
      'export   SPACED = ghi789   ',
      'DOUBLE="quoted value"',
      "SINGLE='single $NOT_EXPANDED \\n'",
      'BACKTICK=`back`',
      'INLINE=value # a comment',
      'HASH_INSIDE=abc#def',
      'QUOTED_HASH="abc # not a comment" # but this is',
      'EMPTY=',
      'EMPTY_QUOTES=""',
      'EQUALS=YWJj==',
      'ESCAPES="a\\nb\\"c\\\\d"',
      '   # indented comment',
      '\tTABBED=tab',
    ].join('\r\n');
    expect(values(text)).toEqual({
      PLAIN: 'abc123',
      EXPORTED: 'def456',
      SPACED: 'ghi789',
      DOUBLE: 'quoted value',
      SINGLE: 'single $NOT_EXPANDED \\n',
      BACKTICK: 'back',
      INLINE: 'value',
      HASH_INSIDE: 'abc#def',
      QUOTED_HASH: 'abc # not a comment',
      EMPTY: '',
      EMPTY_QUOTES: '',
      EQUALS: 'YWJj==',
      ESCAPES: 'a\nb"c\\d',
      TABBED: 'tab',
    });
  });

  it('reads multi-line quoted values (PEM keys) and gives each variable its first line', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';
    const parsed = parseEnvFile(`A=1\nKEY="${pem}"\nB='x\ny'\nC=3\n`);
    expect(parsed).toEqual([
      { name: 'A', value: '1', line: 1 },
      { name: 'KEY', value: pem, line: 2 },
      { name: 'B', value: 'x\ny', line: 5 },
      { name: 'C', value: '3', line: 7 },
    ]);
  });

  it('refuses what it cannot read, by line number or name and never quoting a value', () => {
    const secret = 'S3cr3tValueThatMustNotLeak';
    const cases: [string, string][] = [
      [`OK=1\n${secret}\n`, 'Line 2 is not a NAME=value line'],
      [`KEY="${secret}\nSTILL=open`, 'KEY (line 1) opens a quote that is never closed'],
      [`KEY="${secret}" trailing`, 'KEY (line 1) has more text after its closing quote'],
      [`KEY=${secret}\nKEY=other`, 'KEY is set twice (lines 1 and 2)'],
      [`1BAD=${secret}`, 'Line 1 is not a NAME=value line'],
    ];
    for (const [text, says] of cases) {
      const message = refusal(text);
      expect(message).toContain(says);
      expect(message).not.toContain(secret);
    }
  });
});
