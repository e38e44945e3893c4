/**
 * What `keywarden run` puts in a program's environment: `--env NAME=value` and the lines of an
 * `--env-file` template. A value `keywarden://<key>/<field>` is a reference to a stored key's field
 * (`<key>` a label or id, split from the field at the last `/`, so labels may contain `/`;
 * percent-escapes such as %25 for `%` are decoded); any other value is passed as written.
 */
import { KeywardenError } from '../api/errors';

export const REFERENCE_PREFIX = 'keywarden://';

export interface KeyFieldReference {
  readonly key: string;
  readonly field: string;
}

export type EnvEntry =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly reference: KeyFieldReference };

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `NAME=value` from `--env`. */
export function parseEnvOption(text: string): EnvEntry {
  const equals = text.indexOf('=');
  const name = equals === -1 ? '' : text.slice(0, equals);
  if (!VARIABLE_NAME.test(name)) throw new KeywardenError('INVALID_INPUT', `--env takes NAME=value, such as --env BINANCE_KEY=${REFERENCE_PREFIX}Binance main/apiKey.`);
  return entry(name, text.slice(equals + 1), `--env ${name}`);
}

/** The lines of an env-file template: `NAME=value`, blank lines and `#` comments; one pair of surrounding quotes is removed. */
export function parseEnvTemplate(text: string, file: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${file} line ${index + 1}`;
    const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!match || !VARIABLE_NAME.test(match[1]!)) throw new KeywardenError('ENV_FILE_INVALID', `${where} is not NAME=value.`);
    entries.push(entry(match[1]!, unquote(match[2]!), where));
  });
  return entries;
}

function entry(name: string, value: string, where: string): EnvEntry {
  return value.startsWith(REFERENCE_PREFIX) ? { name, reference: parseReference(value.slice(REFERENCE_PREFIX.length), where) } : { name, value };
}

function parseReference(text: string, where: string): KeyFieldReference {
  const slash = text.lastIndexOf('/');
  if (slash <= 0 || slash === text.length - 1) {
    throw new KeywardenError('INVALID_INPUT', `${where}: a reference is ${REFERENCE_PREFIX}<key>/<field>, such as ${REFERENCE_PREFIX}Binance main/apiKey.`);
  }
  return { key: decode(text.slice(0, slash), where), field: decode(text.slice(slash + 1), where) };
}

function decode(text: string, where: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new KeywardenError('INVALID_INPUT', `${where}: the reference has a % that is not an escape; write a % in a label as %25.`);
  }
}

function unquote(value: string): string {
  const quote = value[0];
  return value.length >= 2 && (quote === '"' || quote === "'") && value.endsWith(quote) ? value.slice(1, -1) : value;
}
