/**
 * Checks a key field while it is typed, by the rules the core refuses by when the key is saved
 * (electron/shared/key-formats.ts), so the usual paste mistakes show at once and the form never
 * refuses what the core would accept. Reading a key file needs the core: it answers on save.
 */
import type { CredentialFieldName, ExchangeInfo } from '../../api/contract-types';
import { fieldLabels } from '../../../../electron/shared/credential-field-labels';
import { keyFieldFormatProblem, readKeyField } from '../../../../electron/shared/key-formats';

/**
 * The problem with `value`, or null. While typing (`final` false) an empty field is not a problem
 * yet; on submit it is.
 */
export function checkKeyField(exchange: Pick<ExchangeInfo, 'id'>, field: CredentialFieldName, value: string, final: boolean): string | null {
  const read = readKeyField(field, value);
  if (!read.ok && read.problem === 'missing') return final ? `Enter the ${fieldLabels[field]}.` : null;
  if (!read.ok) return read.message;
  return keyFieldFormatProblem(exchange.id, field, read.value);
}
