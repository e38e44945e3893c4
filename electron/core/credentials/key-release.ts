/**
 * Hands a program (`keywarden run`) the fields of keys the person allowed for programs. All or
 * nothing: every reference is checked before any secret is opened. A key not allowed for
 * programs, revoked, expired, blocked (withdraw risk not accepted, permissions widened) or changed
 * outside Keywarden is never released. Every release is audited (key, fields, command, working
 * folder, how it was allowed; never a value) and counts as a use of the key; a refusal is audited
 * too. In the desktop app a person is asked first (release-approvals.ts).
 */
import { appendAudit, recordAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import { KeywardenError, toSerializedError } from '../errors';
import { identifyingFields } from '../../shared/credential-field-roles';
import { MIN_CONCEALED_LENGTH } from '../../shared/released-secret-length';
import type { CredentialRow } from '../store/schema';
import type { CredentialRepository } from './credential-repository';
import type { CredentialModuleContext } from './credential-rows';
import { ReleaseInput, type KeyReference, type ReleasedValues } from './key-release-schema';
import { programOf, type Approval, type KeyToApprove, type ReleaseApprovals } from './release-approvals';

/** How much of the command line the audit record keeps. */
const AUDITED_COMMAND_CHARS = 500;

export class KeyRelease {
  readonly #context: CredentialModuleContext;
  readonly #credentials: CredentialRepository;
  readonly #approvals: ReleaseApprovals;

  constructor(context: CredentialModuleContext, credentials: CredentialRepository, approvals: ReleaseApprovals) {
    this.#context = context;
    this.#credentials = credentials;
    this.#approvals = approvals;
  }

  async release(rawInput: ReleaseInput, actor: AuditActor): Promise<ReleasedValues> {
    const { vault, clock, database, secrets } = this.#context;
    const input = ReleaseInput.parse(rawInput);
    vault.requireKeyring();
    const command = input.command.join(' ').slice(0, AUDITED_COMMAND_CHARS);
    let rows: CredentialRow[];
    let approvals: Map<string, Approval>;
    try {
      rows = input.references.map((reference) => this.#checked(reference));
      approvals = await this.#approvals.approve(keysToApprove(rows, input.references), programOf(input.command), input.cwd);
      // A person may take a while to answer: the keys are checked again as they are now.
      rows = input.references.map((reference) => this.#checked(reference));
    } catch (error) {
      recordAudit(database.db, clock, { actor, action: 'credential.release', outcome: 'denied', details: { code: toSerializedError(error).code, command, cwd: input.cwd } });
      throw error;
    }
    const keyring = vault.requireKeyring();
    const keys = new Map<string, { row: CredentialRow; fields: Set<string>; opened: Partial<Record<string, string>> }>();
    for (const row of rows) if (!keys.has(row.id)) keys.set(row.id, { row, fields: new Set(), opened: secrets.open(keyring, row) });
    const released = input.references.map((reference, index) => {
      const key = keys.get(rows[index]!.id)!;
      const value = key.opened[reference.field];
      if (value === undefined) throw fieldNotFound(key.row, reference.field);
      if (value.length < MIN_CONCEALED_LENGTH && !(identifyingFields as readonly string[]).includes(reference.field)) {
        throw new KeywardenError('KEY_NOT_RELEASABLE', `The ${reference.field} of "${key.row.label}" is shorter than ${MIN_CONCEALED_LENGTH} characters, too short to be concealed in a program's output; it is not handed to programs.`, { key: key.row.id });
      }
      key.fields.add(reference.field);
      return { key: reference.key, field: reference.field, secret: value };
    });
    database.db.transaction((tx) => {
      for (const { row, fields } of keys.values()) {
        appendAudit(tx, clock, { actor, action: 'credential.release', subject: row.id, outcome: 'ok', details: { label: row.label, fields: [...fields].join(','), command, cwd: input.cwd, approval: approvals.get(row.id) ?? 'not-asked' } });
        this.#credentials.recordUse(row.id);
      }
    }, { behavior: 'immediate' });
    return { released };
  }

  /** The key a reference names, if it may be released and has the field. */
  #checked(reference: KeyReference): CredentialRow {
    const { rows, clock } = this.#context;
    const row = rows.resolve(reference.key);
    assertReleasable(row, clock.now());
    rows.assertIntact(row);
    if (!row.fields.includes(reference.field)) throw fieldNotFound(row, reference.field);
    return row;
  }
}

function assertReleasable(row: CredentialRow, now: number): void {
  const refuse = (why: string) => new KeywardenError('KEY_NOT_RELEASABLE', `"${row.label}" ${why}`, { key: row.id });
  if (row.status === 'revoked') throw refuse('was revoked; nothing can use it any more.');
  if (!row.allowPrograms) throw refuse(`is not allowed for programs. Allow programs to use it first: keywarden update "${row.label}" --allow-programs`);
  if (row.status === 'expired' || (row.expiresAt !== null && row.expiresAt <= now)) throw refuse('has expired. Rotate it (keywarden rotate) before programs use it.');
  if (row.status === 'disabled') throw refuse('is disabled. Check it in the app before programs use it.');
  if (row.tradingBlock === 'withdraw-enabled') throw refuse(`can withdraw funds. Turn withdrawals off for the key on the exchange, or accept the risk (keywarden accept-withdraw-risk "${row.label}"), before programs use it.`);
  if (row.tradingBlock) throw refuse(`gained permissions since it was last checked. Review and accept them (keywarden accept-withdraw-risk "${row.label}") before programs use it.`);
}

/** Each key once, with the fields asked of it, in the order the references name them. */
function keysToApprove(rows: readonly CredentialRow[], references: readonly KeyReference[]): KeyToApprove[] {
  const keys = new Map<string, { id: string; label: string; fields: string[] }>();
  rows.forEach((row, index) => {
    const key = keys.get(row.id) ?? { id: row.id, label: row.label, fields: [] };
    const field = references[index]!.field;
    if (!key.fields.includes(field)) key.fields.push(field);
    keys.set(row.id, key);
  });
  return [...keys.values()];
}

function fieldNotFound(row: CredentialRow, field: string): KeywardenError {
  return new KeywardenError('CREDENTIAL_FIELD_NOT_FOUND', `"${row.label}" has no field "${field.slice(0, 64)}"; it has ${row.fields.join(', ')}.`, { key: row.id, field: field.slice(0, 64) });
}
