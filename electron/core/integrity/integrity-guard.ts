/**
 * The integrity alarm (issue 14): holds the key rows are MAC'd with while the vault is unlocked,
 * and what happens when a row fails its check. The owner of the row treats it as absent; this
 * stops trading (kill switch on, "changed outside Keywarden: …"), records `integrity.alarm` in the
 * audit log and tells the UI, tray and CLI through the `integrity.alarm` event. Alarms stay until a
 * full check finds the row intact again (re-saved through Keywarden, or acknowledged).
 */
import { appendAudit } from '../audit/audit-log';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import { KeywardenError } from '../errors';
import type { CoreEvents } from '../events';
import type { OpenedDatabase } from '../store/database';
import { writePause } from '../trading/risk-limits-store';
import { deriveIntegrityKey } from '../vault/integrity-key';
import type { Vault } from '../vault/vault';
import { upgradeSecretContexts } from '../credentials/secret-context-upgrade';
import { ADOPTION_VERSION, acknowledgeRow, adoptRowsWithoutMac, adoptedVersion, findTamperedRows } from './integrity-check';
import type { ProtectedRowRef, ProtectedTable } from './row-integrity';

/** What the owners of protected rows need: the key, and where to report a row that failed. */
export interface RowGuard {
  /** The rows key; throws VAULT_LOCKED while locked. */
  rowsKey(): Buffer;
  /** The rows key, or undefined while locked (the kill switch is read while locked too). */
  rowsKeyIfUnlocked(): Buffer | undefined;
  /** A row failed its check; the caller treats it as absent. Raises the alarm once per row. */
  tampered(row: ProtectedRowRef): void;
  /** Rows found changed outside Keywarden and not yet cleared: while there is one, trading stays paused. */
  alarms(): readonly ProtectedRowRef[];
  /** Checks every protected row; throws INTEGRITY_ALARM while one fails (before trading resumes). */
  assertNoAlarms(): void;
  /**
   * Whether this unlock's adoption and full check ran. Before, a setting that fails may be an
   * older vault's row about to be adopted: its reader uses the safe default without an alarm.
   */
  rowsChecked(): boolean;
  /**
   * Keywarden just wrote a protected row (with its MAC). While there are alarms, every row is
   * checked again right after, so one that was saved again clears at once (integrity.cleared).
   */
  rowWritten(): void;
}

export class IntegrityGuard implements RowGuard {
  readonly #database: OpenedDatabase;
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #events: CoreEvents;
  /** The derived rows key, for the integrity root it came from (zeroed on lock). */
  #key: { readonly root: Buffer; readonly key: Buffer } | undefined;
  readonly #alarms = new Map<string, ProtectedRowRef>();
  readonly #unrecorded: ProtectedRowRef[] = [];
  /** Whether this unlock's adoption and full check ran (a key rotation keeps it: the rows stay). */
  #checked = false;
  #recheckQueued = false;

  constructor(options: { database: OpenedDatabase; vault: Vault; clock: Clock; events: CoreEvents }) {
    this.#database = options.database;
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#events = options.events;
    options.events.on('vault.locked', () => {
      this.#checked = false;
      this.#forgetKey();
    });
    options.events.on('vault.keyRotated', () => this.#forgetKey());
    // Subscribed before anything else built by createCore: rows are adopted and checked before
    // the webhook recovers alerts or the scheduler verifies keys.
    options.events.on('vault.unlocked', () => this.#onUnlocked());
  }

  rowsKey(): Buffer {
    return this.rowsKeyOf(this.#vault.requireKeyring().integrityKey);
  }

  /** The rows key of a given integrity root (the vault passes its own: see vaultSettingAccess). */
  rowsKeyOf(root: Buffer): Buffer {
    if (this.#key?.root !== root) {
      this.#forgetKey();
      this.#key = { root, key: deriveIntegrityKey(root, 'rows') };
    }
    return this.#key.key;
  }

  rowsChecked(): boolean {
    return this.#checked;
  }

  rowsKeyIfUnlocked(): Buffer | undefined {
    return this.#vault.isUnlocked() ? this.rowsKey() : undefined;
  }

  tampered(row: ProtectedRowRef): void {
    const id = refId(row);
    if (this.#alarms.has(id)) return;
    this.#alarms.set(id, row);
    this.#unrecorded.push(row);
    // Recorded once the current statement is done: the read that found it may be inside another
    // transaction (the order-recording one), whose rollback must not take the alarm with it. Until
    // then, alarms() already keeps the kill switch on in this process.
    queueMicrotask(() => this.#recordAlarms());
  }

  alarms(): readonly ProtectedRowRef[] {
    return [...this.#alarms.values()];
  }

  /**
   * Checks every protected row now (at unlock, for `integrity.status`, before trading resumes):
   * the alarms become exactly the rows that fail. Needs the vault unlocked.
   */
  checkAll(): readonly ProtectedRowRef[] {
    const found = findTamperedRows(this.#database.db, this.rowsKey());
    const ids = new Set(found.map(refId));
    let cleared = 0;
    for (const id of [...this.#alarms.keys()]) {
      if (ids.has(id)) continue;
      this.#alarms.delete(id);
      cleared += 1;
    }
    for (const row of found) this.tampered(row);
    if (cleared > 0) this.#events.emit('integrity.cleared', { remaining: this.#alarms.size });
    return this.alarms();
  }

  rowWritten(): void {
    if (this.#alarms.size === 0 || this.#recheckQueued) return;
    this.#recheckQueued = true;
    // After the write's transaction has committed (the caller is still inside it now).
    setImmediate(() => {
      this.#recheckQueued = false;
      if (this.#vault.isUnlocked()) this.checkAll();
    });
  }

  /** Refuses while a protected row fails its check (resuming trading). */
  assertNoAlarms(): void {
    const alarms = this.checkAll();
    if (alarms.length > 0) {
      throw new KeywardenError('INTEGRITY_ALARM', `Trading stays paused: ${describe(alarms)} changed outside Keywarden. Save it again in Keywarden (or acknowledge it) first.`);
    }
  }

  /**
   * A person looked at a row that was changed outside Keywarden and keeps it as it is now: it is
   * MAC'd again. Audited. (A credential whose provider or environment changed still cannot decrypt
   * its key: those are in the secret's associated data.)
   */
  acknowledge(table: ProtectedTable, key: string, actor: AuditActor): readonly ProtectedRowRef[] {
    const rowsKey = this.rowsKey();
    const alarm = this.checkAll().find((row) => row.table === table && row.key === key);
    if (!alarm) throw new KeywardenError('INVALID_INPUT', 'That row has no integrity alarm.', { field: 'key' });
    this.#database.db.transaction((tx) => {
      acknowledgeRow(tx, rowsKey, alarm, this.#clock.now());
      appendAudit(tx, this.#clock, { actor, action: 'integrity.acknowledge', subject: alarm.key, outcome: 'ok', details: { table: alarm.table, row: alarm.label } });
    }, { behavior: 'immediate' });
    return this.checkAll();
  }

  #onUnlocked(): void {
    // An event without an unlocked vault behind it checks nothing (there is no key to check with).
    if (!this.#vault.isUnlocked()) return;
    const keyring = this.#vault.requireKeyring();
    const rowsKey = this.rowsKey();
    this.#database.db.transaction((tx) => {
      upgradeSecretContexts(tx, this.#database.sqlite, keyring, this.#clock.now());
      const adopted = adoptedVersion(tx, rowsKey);
      if (adopted >= ADOPTION_VERSION) return;
      // Never adopted, yet the integrity root already existed: the MACs and the marker were removed
      // (to have planted rows adopted), not missing from an older version. The check below alarms.
      if (adopted === 0 && !this.#vault.integrityRootIsNew()) return;
      const counts = adoptRowsWithoutMac(tx, rowsKey, this.#clock.now(), adopted);
      const total = counts.credentials + counts.riskLimits + counts.webhookSources + counts.settings;
      // A new vault has nothing to adopt; an upgraded one says what it took as it was.
      if (total > 0) appendAudit(tx, this.#clock, { actor: 'system', action: 'integrity.adopt', outcome: 'ok', details: { ...counts } });
    }, { behavior: 'immediate' });
    this.checkAll();
    this.#checked = true;
    // The auto-lock time read before the check may have been a fallback: read it checked now.
    this.#vault.settingsChanged();
  }

  #recordAlarms(): void {
    const rows = this.#unrecorded.splice(0);
    if (rows.length === 0) return;
    const reason = `changed outside Keywarden: ${describe(rows)}`.slice(0, 200);
    try {
      this.#database.db.transaction((tx) => {
        writePause(tx, { paused: true, reason, since: this.#clock.now() }, this.#clock, this);
        for (const row of rows) appendAudit(tx, this.#clock, { actor: 'system', action: 'integrity.alarm', subject: row.key, outcome: 'denied', details: { table: row.table, row: row.label } });
      }, { behavior: 'immediate' });
    } catch {
      // The database closed (quit) or is busy: the alarm still holds in this process (alarms()),
      // and the next unlock finds the row again and records it then.
      return;
    }
    for (const row of rows) this.#events.emit('integrity.alarm', { table: row.table, key: row.key, label: row.label });
    this.#events.emit('trading.paused', { paused: true, reason });
  }

  #forgetKey(): void {
    this.#key?.key.fill(0);
    this.#key = undefined;
  }
}

function refId(row: ProtectedRowRef): string {
  return `${row.table}\u0000${row.key}`;
}

function describe(rows: readonly ProtectedRowRef[]): string {
  return rows.map((row) => row.label).join(', ');
}
