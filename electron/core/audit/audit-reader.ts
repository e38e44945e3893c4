/**
 * The audit log as the Audit page, the CLI and the CSV export read it: filters resolved against the
 * keys (a label names a key; the id of a deleted key still finds its rows), labels read now.
 */
import { KeywardenError, isKeywardenError } from '../errors';
import type { Db } from '../store/database';
import { eachAuditLine, queryAudit, type KeyLabels, type ResolvedFilter } from './audit-query';
import type { AuditFilter, AuditPage } from './audit-schema';
import { writeAuditCsv } from './audit-csv';

export interface AuditKeys {
  list(): readonly { readonly id: string; readonly label: string }[];
  get(ref: string): { readonly id: string };
}

/** A key id as credentials are made (credential-schema.ts CredentialId), for a key deleted since. */
const KEY_ID = /^[a-z0-9]{10}$/;

export class AuditReader {
  readonly #db: Db;
  readonly #keys: AuditKeys;

  constructor(db: Db, keys: AuditKeys) {
    this.#db = db;
    this.#keys = keys;
  }

  page(filter: AuditFilter & { readonly beforeSeq?: number | undefined; readonly limit: number }): AuditPage {
    const { beforeSeq, limit, ...rest } = filter;
    return queryAudit(this.#db, this.#resolve(rest), { beforeSeq, limit }, this.#labels());
  }

  /** Writes every matching row to a CSV file; answers how many. */
  exportCsv(filter: AuditFilter, file: string, overwrite: boolean): { rows: number } {
    return { rows: writeAuditCsv(file, eachAuditLine(this.#db, this.#resolve(filter), this.#labels()), overwrite) };
  }

  #labels(): KeyLabels {
    return new Map(this.#keys.list().map((key) => [key.id, key.label]));
  }

  #resolve(filter: AuditFilter): ResolvedFilter {
    const { key, ...rest } = filter;
    if (rest.since !== undefined && rest.until !== undefined && rest.until <= rest.since) {
      throw new KeywardenError('INVALID_INPUT', 'The end date must be after the start date.', { field: 'until' });
    }
    if (key === undefined) return rest;
    try {
      return { ...rest, keyId: this.#keys.get(key).id };
    } catch (error) {
      if (isKeywardenError(error, 'CREDENTIAL_NOT_FOUND') && KEY_ID.test(key)) return { ...rest, keyId: key };
      throw error;
    }
  }
}
