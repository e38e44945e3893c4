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
import { MIN_CONCEALED_LENGTH } from '../../shared/released-secret-length';
import type { CredentialRow } from '../store/schema';
import type { CredentialFieldName } from './credential-schema';
import { credentialKindOf } from './kinds/credential-kinds';
import type { CredentialRepository } from './credential-repository';
import { hasExpired, type CredentialModuleContext } from './credential-rows';
import { ReleaseInput, type KeyReference, type ReleasedValues } from './key-release-schema';
import { programOf, type Approval, type AskingOptions, type KeyToApprove, type ReleaseApprovals } from './release-approvals';

/** The keys a release names, each key's fields asked for, and the values in the order of the references. */
interface OpenedReferences {
  readonly rows: readonly CredentialRow[];
  readonly fieldsByKey: ReadonlyMap<string, ReadonlySet<string>>;
  readonly released: ReleasedValues['released'];
}

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

  async release(rawInput: ReleaseInput, actor: AuditActor, asking: AskingOptions = {}): Promise<ReleasedValues> {
    const { clock, database } = this.#context;
    const input = ReleaseInput.parse(rawInput);
    const command = input.command.join(' ').slice(0, AUDITED_COMMAND_CHARS);
    let opened: OpenedReferences;
    let approvals: Map<string, Approval>;
    try {
      // Everything that would refuse is checked before a person is asked, so nobody allows a release that cannot happen.
      opened = this.#open(input.references);
      approvals = await this.#approvals.approve(keysToApprove(opened.rows, input.references), programOf(input.command), input.cwd, asking);
      // A person may take a while to answer: the keys are checked and opened again as they are now.
      opened = this.#open(input.references);
    } catch (error) {
      recordAudit(database.db, clock, { actor, action: 'credential.release', outcome: 'denied', details: { code: toSerializedError(error).code, command, cwd: input.cwd } });
      throw error;
    }
    database.db.transaction((tx) => {
      for (const [id, fields] of opened.fieldsByKey) {
        const row = opened.rows.find((candidate) => candidate.id === id)!;
        appendAudit(tx, clock, { actor, action: 'credential.release', subject: id, outcome: 'ok', details: { label: row.label, fields: [...fields].join(','), command, cwd: input.cwd, approval: approvals.get(id) ?? 'not-asked' } });
        this.#credentials.recordUse(id, { source: 'release', ok: true });
      }
    }, { behavior: 'immediate' });
    return { released: opened.released };
  }

  /** The references' keys checked, their secrets opened and each value checked: throws on the first that may not be released. */
  #open(references: readonly KeyReference[]): OpenedReferences {
    const { vault, secrets } = this.#context;
    const keyring = vault.requireKeyring();
    const rows = references.map((reference) => this.#checked(reference));
    const secretsByKey = new Map<string, Partial<Record<string, string>>>();
    const fieldsByKey = new Map<string, Set<string>>();
    const released = references.map((reference, index) => {
      const row = rows[index]!;
      if (!secretsByKey.has(row.id)) secretsByKey.set(row.id, secrets.open(keyring, row));
      const value = secretsByKey.get(row.id)![reference.field];
      if (value === undefined) throw fieldNotFound(row, reference.field);
      if (value.length < MIN_CONCEALED_LENGTH && !credentialKindOf(row.provider).keyIdentity(row.fields as CredentialFieldName[]).publicFields.includes(reference.field as CredentialFieldName)) {
        throw new KeywardenError('KEY_NOT_RELEASABLE', `The ${reference.field} of "${row.label}" is shorter than ${MIN_CONCEALED_LENGTH} characters, too short to be concealed in a program's output; it is not handed to programs.`, { key: row.id });
      }
      fieldsByKey.set(row.id, (fieldsByKey.get(row.id) ?? new Set()).add(reference.field));
      return { key: reference.key, field: reference.field, secret: value };
    });
    return { rows, fieldsByKey, released };
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
  if (row.status === 'expired' || hasExpired(row, now)) throw refuse('has expired. Rotate it (keywarden rotate), or set a later expiry date, before programs use it.');
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
