/**
 * Re-verifies keys on a schedule (default daily): a key that starts failing is marked and recorded
 * without anyone asking, expiring keys are reported, and a kept old key whose day has passed is
 * destroyed. Runs only while the vault is unlocked (verifying needs the keys).
 */
import { keyUnchecked } from '../../shared/verification-outcomes';
import type { AuditActor } from '../audit/audit-schema';
import type { Clock } from '../clock';
import { readCredentialSettings } from '../credentials/credential-settings';
import type { RotatedKeys } from '../credentials/rotated-keys';
import type { RowGuard } from '../integrity/integrity-guard';
import type { OpenedDatabase } from '../store/database';
import type { Vault } from '../vault/vault';
import type { KeyVerifier } from './key-verifier';
import type { VerificationResult } from './verification-schema';
import { mapBounded } from '../exchanges/bounded-concurrency';

/** After an exchange was down or slow, try again sooner than the full interval. */
const RETRY_AFTER_TROUBLE_MS = 3600_000;

export class VerificationScheduler {
  readonly #database: OpenedDatabase;
  readonly #vault: Vault;
  readonly #rotatedKeys: RotatedKeys;
  readonly #verifier: KeyVerifier;
  readonly #clock: Clock;
  /** The schedule is a MAC'd setting (turning checks off weakens a protection). */
  readonly #integrity: RowGuard;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<VerificationResult[]> | undefined;

  constructor(options: { database: OpenedDatabase; vault: Vault; rotatedKeys: RotatedKeys; verifier: KeyVerifier; clock: Clock; integrity: RowGuard }) {
    this.#database = options.database;
    this.#vault = options.vault;
    this.#rotatedKeys = options.rotatedKeys;
    this.#verifier = options.verifier;
    this.#clock = options.clock;
    this.#integrity = options.integrity;
  }

  /** Ids of keys whose last check (of any outcome) is older than the interval. */
  dueCredentialIds(): string[] {
    const { verifyIntervalHours } = readCredentialSettings(this.#database.db, this.#integrity);
    if (verifyIntervalHours === 0) return [];
    const now = this.#clock.now();
    const rows = this.#database.sqlite.prepare(`
      SELECT c.id AS id, v.at AS at, v.outcome AS outcome
      FROM credentials c
      LEFT JOIN verifications v ON v.id = (SELECT id FROM verifications WHERE credential_id = c.id ORDER BY at DESC, id DESC LIMIT 1)
      WHERE c.status != 'revoked'
      ORDER BY c.created_at`).all() as { id: string; at: number | null; outcome: string | null }[];
    return rows
      .filter((row) => {
        if (row.at === null) return true;
        const trouble = row.outcome !== null && keyUnchecked(row.outcome);
        const wait = trouble ? Math.min(RETRY_AFTER_TROUBLE_MS, verifyIntervalHours * 3600_000) : verifyIntervalHours * 3600_000;
        return now - row.at >= wait;
      })
      .map((row) => row.id);
  }

  /** Verifies what is due (nothing while locked). One run at a time. */
  runDue(actor: AuditActor = 'system'): Promise<VerificationResult[]> {
    this.#running ??= this.#run(actor).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Checks every `periodMs` whether anything is due. The timer does not keep the process alive. */
  start(periodMs = 15 * 60_000): void {
    this.stop();
    this.#timer = setInterval(() => void this.runDue().catch(() => undefined), periodMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #run(actor: AuditActor): Promise<VerificationResult[]> {
    if (!this.#vault.isUnlocked()) return [];
    this.#rotatedKeys.purgeExpiredRetired(actor);
    const due = this.dueCredentialIds();
    return mapBounded(due, () => 'all', { total: 8, perGroup: 8 }, (id) => this.#verifier.verify(id, actor));
  }
}
