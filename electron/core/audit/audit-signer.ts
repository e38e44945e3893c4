/**
 * The audit key while the vault is unlocked. `appendAudit(tx, clock, entry)` is called from
 * everywhere inside the caller's transaction, without a keyring; it finds the signer through the
 * handle it is given. Every drizzle transaction shares its root handle's session object (one
 * better-sqlite3 connection), so the signer is registered under that session and a transaction
 * handle finds the same one. Tests append inside transactions and check the row got its MAC.
 */
import { deriveIntegrityKey } from '../vault/integrity-key';

export class AuditSigner {
  #key: Buffer | undefined;
  #stalled = false;
  #mayAdopt = false;

  /** The audit key, or undefined while locked. */
  get key(): Buffer | undefined {
    return this.#key;
  }

  /**
   * True after an endorsement found the plain chain broken: later rows stay on the plain chain
   * only (a MAC over a broken chain would vouch for the break), and appends stop re-walking it.
   * The next unlock tries again.
   */
  get stalled(): boolean {
    return this.#stalled;
  }

  stall(): void {
    this.#stalled = true;
  }

  /**
   * Whether a log without any MAC may be adopted (MAC'd whole): only when the vault's integrity
   * root did not exist before this unlock, i.e. the first unlock after the upgrade (or of a new
   * vault). Otherwise a log stripped of its MACs and keyed head would pass for a pre-upgrade one.
   */
  get mayAdopt(): boolean {
    return this.#mayAdopt;
  }

  /** After one endorsement the log has MACs: adoption is over. */
  adopted(): void {
    this.#mayAdopt = false;
  }

  /** Derives the audit key from the integrity root (the root itself is not kept). */
  unlock(integrityRoot: Buffer, options: { readonly mayAdopt: boolean }): void {
    this.lock();
    this.#key = deriveIntegrityKey(integrityRoot, 'audit');
    this.#stalled = false;
    this.#mayAdopt = options.mayAdopt;
  }

  lock(): void {
    this.#key?.fill(0);
    this.#key = undefined;
  }
}

const signers = new WeakMap<object, AuditSigner>();

function sessionOf(handle: object): object {
  return (handle as { session?: object }).session ?? handle;
}

export function registerAuditSigner(rootHandle: object, signer: AuditSigner): void {
  signers.set(sessionOf(rootHandle), signer);
}

/** The signer of the database this handle (root or transaction) belongs to, if the core registered one. */
export function signerFor(handle: object): AuditSigner | undefined {
  return signers.get(sessionOf(handle));
}
