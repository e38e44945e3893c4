/**
 * The programs a person allowed to read a key always, kept in a MAC'd setting (a row planted
 * outside Keywarden must not hand a key to a program nobody allowed: it reads as none allowed and
 * raises the alarm). A key's approvals are forgotten in the same transaction that revokes, rotates
 * or deletes it, or turns its "allow programs" off, so turning it back on starts from none.
 */
import type { Clock } from '../clock';
import type { RowGuard } from '../integrity/integrity-guard';
import { readProtectedSetting, writeProtectedSetting } from '../integrity/protected-setting';
import type { Db } from '../store/database';
import { releaseApprovalsSetting } from '../store/settings-registry';
import type { AlwaysApproval } from './key-release-schema';

type Writer = Pick<Db, 'select' | 'insert'>;

export class AlwaysApprovals {
  readonly #db: Db;
  readonly #guard: RowGuard;
  readonly #clock: Clock;

  constructor(options: { db: Db; integrity: RowGuard; clock: Clock }) {
    this.#db = options.db;
    this.#guard = options.integrity;
    this.#clock = options.clock;
  }

  list(db: Pick<Db, 'select'> = this.#db): AlwaysApproval[] {
    return readProtectedSetting(db, releaseApprovalsSetting, this.#guard.rowsKeyIfUnlocked(), this.#guard);
  }

  has(keyId: string, program: string): boolean {
    return this.list().some((approval) => approval.keyId === keyId && approval.program === program);
  }

  add(tx: Writer, keyId: string, program: string): void {
    const current = this.list(tx);
    if (current.some((approval) => approval.keyId === keyId && approval.program === program)) return;
    this.#write(tx, [...current, { keyId, program, since: this.#clock.now() }]);
  }

  /** Forgets the key's approval for `program`, or all of the key's approvals; whether any was stored. */
  forget(tx: Writer, keyId: string, program?: string): boolean {
    const current = this.list(tx);
    const kept = current.filter((approval) => approval.keyId !== keyId || (program !== undefined && approval.program !== program));
    if (kept.length === current.length) return false;
    this.#write(tx, kept);
    return true;
  }

  #write(tx: Writer, approvals: AlwaysApproval[]): void {
    writeProtectedSetting(tx, releaseApprovalsSetting, approvals, this.#clock.now(), this.#guard.rowsKey());
  }
}
