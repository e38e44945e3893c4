/**
 * Reads a .env file the way people write them (and the way the dotenv package reads them): NAME=value
 * lines, `export ` prefixes, comments, blank lines, single, double and backtick quotes, multi-line
 * quoted values (PEM keys), and `\n` escapes inside double quotes. Errors give a line number or a
 * variable name, never a value: the file holds keys in plaintext.
 */
import { KeywardenError } from '../errors';

export interface EnvVariable {
  readonly name: string;
  readonly value: string;
  /** 1-based line where the variable starts. */
  readonly line: number;
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/;

export function parseEnvFile(text: string): EnvVariable[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  const variables: EnvVariable[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < lines.length; index += 1) {
    const lineNumber = index + 1;
    const trimmed = (lines[index] ?? '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(trimmed);
    if (!match) throw invalid(`Line ${lineNumber} is not a NAME=value line. Fix or remove it and import again.`);
    const name = match[1] ?? '';
    let rest = (match[2] ?? '').trimStart();
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // A quoted value may run over several lines (a PEM key); gather lines until the quote closes.
      let closing = findClosingQuote(rest, quote);
      while (closing === -1 && index + 1 < lines.length) {
        index += 1;
        rest += `\n${lines[index] ?? ''}`;
        closing = findClosingQuote(rest, quote);
      }
      if (closing === -1) throw invalid(`The value of ${name} (line ${lineNumber}) opens a quote that is never closed.`);
      const after = rest.slice(closing + 1).trim();
      if (after !== '' && !after.startsWith('#')) throw invalid(`The value of ${name} (line ${lineNumber}) has more text after its closing quote.`);
      const inner = rest.slice(1, closing);
      value = quote === '"' ? unescapeDoubleQuoted(inner) : inner;
    } else {
      // Unquoted: a # after whitespace starts a comment.
      value = rest.replace(/(^|\s)#.*$/, '').trim();
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) throw invalid(`${name} is set twice (lines ${earlier} and ${lineNumber}). Keep one and import again.`);
    seen.set(name, lineNumber);
    variables.push({ name, value, line: lineNumber });
  }
  return variables;
}

function findClosingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i += 1) {
    if (quote === '"' && text[i] === '\\') {
      i += 1;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}

function unescapeDoubleQuoted(inner: string): string {
  return inner.replace(/\\(.)/gs, (whole, character: string) => {
    switch (character) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case '"': return '"';
      case '\\': return '\\';
      default: return whole;
    }
  });
}

function invalid(message: string): KeywardenError {
  return new KeywardenError('ENV_FILE_INVALID', message);
}
