/**
 * Cleans and checks what a user pasted into each credential field, before anything is stored, by
 * the rules of shared/key-formats.ts (which the window checks by too), and reads key files, which
 * needs node:crypto. Messages name the field and describe the problem, never repeat the value.
 */
import { createPrivateKey } from 'node:crypto';
import { KeywardenError } from '../errors';
import type { ExchangeInfo } from '../exchanges/exchange-schema';
import { credentialFieldNames, fieldLabels, type CredentialFieldName } from '../../shared/credential-field-labels';
import { keyFieldFormatProblem, keyFileRule, looksLikeKeyFile, readKeyField } from '../../shared/key-formats';
import type { SigningKind } from './credential-schema';

export interface NormalisedCredentialFields {
  readonly values: Readonly<Partial<Record<CredentialFieldName, string>>>;
  readonly signingKind: SigningKind;
}

/**
 * Checks that `raw` holds exactly the fields `exchange` needs, each well-formed, and returns them
 * cleaned. Throws MISSING_FIELD, UNEXPECTED_FIELD or MALFORMED_FIELD.
 */
export function normaliseCredentialFields(exchange: ExchangeInfo, raw: Readonly<Record<string, unknown>>): NormalisedCredentialFields {
  const unexpected = Object.keys(raw).filter((field) => !(exchange.fields as readonly string[]).includes(field));
  if (unexpected.length > 0) {
    throw new KeywardenError('UNEXPECTED_FIELD', `${exchange.name} keys do not use ${unexpected.map((f) => `"${f.slice(0, 32)}"`).join(', ')}. The fields are: ${exchange.fields.join(', ')}.`, { field: (unexpected[0] ?? '').slice(0, 32) });
  }
  const values: Partial<Record<CredentialFieldName, string>> = {};
  for (const field of exchange.fields) {
    values[field] = cleanField(exchange, field, raw[field]);
  }
  const signingKind = checkExchangeFormat(exchange, values);
  return { values, signingKind };
}

function cleanField(exchange: ExchangeInfo, field: CredentialFieldName, value: unknown): string {
  const label = fieldLabels[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw new KeywardenError('MISSING_FIELD', `The ${label} is missing. ${exchange.name} needs: ${exchange.fields.map((f) => fieldLabels[f]).join(', ')}.`, { field });
  }
  if (typeof value !== 'string') throw malformed(field, `The ${label} must be text.`);
  const read = readKeyField(field, value);
  if (read.ok) return read.value;
  throw read.problem === 'missing' ? new KeywardenError('MISSING_FIELD', read.message, { field }) : malformed(field, read.message);
}

/** Format rules the exchange itself enforces (shared/key-formats.ts), then what kind of key signs. */
function checkExchangeFormat(exchange: ExchangeInfo, values: Partial<Record<CredentialFieldName, string>>): SigningKind {
  for (const field of credentialFieldNames) {
    const value = values[field];
    const problem = value === undefined ? null : keyFieldFormatProblem(exchange.id, field, value);
    if (problem !== null) throw malformed(field, problem);
  }
  const secret = values.secret;
  if (secret === undefined) return 'other';
  if (!looksLikeKeyFile(secret)) return 'hmac';
  const keyFile = keyFileRule(exchange.id);
  return privateKeyKind('secret', secret, keyFile.types, keyFile.hint);
}

function privateKeyKind(field: CredentialFieldName, pem: string, accepted: readonly string[], hint: string): SigningKind {
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: pem, format: 'pem' }).asymmetricKeyType;
  } catch {
    throw malformed(field, `The ${fieldLabels[field]} looks like a key file but cannot be read: paste the whole file, including the BEGIN and END lines. ${hint}`);
  }
  if (!type || !accepted.includes(type)) {
    throw malformed(field, `The ${fieldLabels[field]} is a ${type ?? 'unknown'} key, which this exchange does not accept. ${hint}`);
  }
  return type === 'ed25519' ? 'ed25519' : type === 'rsa' ? 'rsa' : 'other';
}

function malformed(field: CredentialFieldName, message: string): KeywardenError {
  return new KeywardenError('MALFORMED_FIELD', message, { field });
}
