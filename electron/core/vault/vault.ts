/**
 * The vault: owns the vault key (VK) and everything that wraps it.
 *
 * - The VK is 32 random bytes; each rotation makes a new one with the next key version.
 * - At rest it exists only wrapped by protectors (passphrase, OS keychain) in `vault_keys`.
 * - While unlocked it lives in one Buffer (with the fingerprint key next to it) and is zeroed on
 *   lock, on idle timeout and on shutdown.
 * - Every change is one SQLite transaction together with its audit row, so a process killed at any
 *   moment leaves either the old or the new state, both complete.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AuditActor } from '../audit/audit-schema';
import { appendAudit, recordAudit, type AuditDetails } from '../audit/audit-log';
import type { Clock } from '../clock';
import { KeywardenError, isKeywardenError } from '../errors';
import type { CoreEvents } from '../events';
import type { OpenedDatabase } from '../store/database';
import { vaultKeys, type VaultKeyRow } from '../store/schema';
import { autoLockSetting, fingerprintKeySetting, integrityKeySetting, keepUnlockedWhileListeningSetting, type SettingDefinition } from '../store/settings-registry';
import { CachedSetting, plainSettingAccess, readSetting, writeSetting, type SettingAccess } from '../store/settings-store';
import type { KeyProtector, WrappedKey } from './key-protector';
import { checkKeychainUsable, createOsKeychainProtector, describeKeychain, keychainBackend, type OsKeychainOptions } from './os-keychain-protector';
import { createPassphraseProtector, defaultScryptCost, unwrapKeepingKey, type PassphraseUnwrap, type ScryptCost } from './passphrase-protector';
import { assertPassphraseAcceptable } from './passphrase-policy';
import { KEY_LENGTH, open, seal } from './sealed-box';
import { fingerprintKeyContext, integrityKeyContext } from './secret-context';
import type { ProtectorKind, VaultStatus } from './vault-schema';
import { beginUnlockAttempt, clearUnlockFailures } from './unlock-throttle';


export interface VaultOptions {
  readonly database: OpenedDatabase;
  readonly clock: Clock;
  readonly events: CoreEvents;
  /** Electron's safeStorage (desktop app only); absent in the CLI. */
  readonly osKeychain?: OsKeychainOptions | undefined;
  /** scrypt cost for new wraps; tests may lower it, the app uses the default. */
  readonly scryptCost?: ScryptCost | undefined;
}

export type UnlockRequest = { readonly method: 'passphrase'; readonly passphrase: string } | { readonly method: 'os-keychain' };

export interface InitRequest {
  readonly passphrase?: string | undefined;
  readonly useOsKeychain: boolean;
}

export interface RotationProgress {
  readonly phase: 'wrapping' | 're-encrypting' | 'committed';
  readonly done: number;
  readonly total: number;
}

/** The unlocked key material. Never leaves the core; zeroed on lock. */
export interface Keyring {
  readonly version: number;
  readonly key: Buffer;
  readonly fingerprintKey: Buffer;
  /** The root of the integrity keys (integrity-key.ts): sealed under the vault key, zeroed on lock. */
  readonly integrityKey: Buffer;
}

/**
 * Re-seals the secrets sealed under the vault key outside the vault's own rows (the credentials'
 * fields, credential-secrets.ts) at a key rotation, inside the rotation's transaction.
 */
export interface SecretResealer {
  /** How many secrets there are (progress while the new key is wrapped). */
  count(): number;
  /** Re-seals every one from `from` to `to` within `tx`, calling `onEach` after each; returns how many. */
  resealAll(tx: Parameters<Parameters<OpenedDatabase['db']['transaction']>[0]>[0], from: Keyring, to: Pick<Keyring, 'key' | 'version'>, onEach: (done: number, total: number) => void): number;
}

export class Vault {
  readonly #database: OpenedDatabase;
  readonly #clock: Clock;
  readonly #events: CoreEvents;
  readonly #osKeychain: OsKeychainOptions | undefined;
  readonly #scryptCost: ScryptCost;
  #keyring: Keyring | undefined;
  /**
   * The keyring last found current in this synchronous stretch of work. An order asks for the keys a
   * dozen times in one go; one look at the stored version serves them all, as the look itself could
   * only ever vouch for the moment it was made. Forgotten at the next microtask.
   */
  #checkedThisTurn: Keyring | undefined;
  /** Whether the integrity root was made at the last unlock or init (see integrityRootIsNew). */
  #integrityRootNew = false;
  #lastActivityAt = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  readonly #autoLockMinutes: CachedSetting<number>;
  readonly #keepUnlockedWhileListening: CachedSetting<boolean>;
  /** Whether the listener runs with an enabled source (app.ts passes it in: the webhook depends on the vault). */
  #listenerServing: () => boolean = () => false;
  #askingListener = false;
  /** How the auto-lock time is read and stored: MAC'd once app.ts attaches the integrity guard. */
  #settingAccess: SettingAccess = plainSettingAccess;
  /** Re-seals the credentials' secrets at a key rotation; app.ts registers it. */
  #resealer: SecretResealer | undefined;

  constructor(options: VaultOptions) {
    this.#database = options.database;
    this.#clock = options.clock;
    this.#events = options.events;
    this.#osKeychain = options.osKeychain;
    this.#scryptCost = options.scryptCost ?? defaultScryptCost;
    // Read on every use of the key (the idle check): cached, see CachedSetting.
    this.#autoLockMinutes = new CachedSetting(() => this.#settingAccess.read(this.#database.db, autoLockSetting, this.#keyring?.integrityKey), options.clock);
    this.#keepUnlockedWhileListening = new CachedSetting(() => this.#settingAccess.read(this.#database.db, keepUnlockedWhileListeningSetting, this.#keyring?.integrityKey), options.clock);
  }

  get #db() {
    return this.#database.db;
  }

  async status(): Promise<VaultStatus> {
    this.#lockIfIdle();
    const rows = this.#protectorRows();
    let osKeychain: VaultStatus['osKeychain'] = null;
    if (this.#osKeychain) {
      const backend = keychainBackend(this.#osKeychain);
      let available = false;
      try {
        await checkKeychainUsable(this.#osKeychain);
        available = true;
      } catch {
        available = false;
      }
      osKeychain = { available, description: describeKeychain(backend) };
    }
    return {
      initialized: rows.length > 0,
      locked: this.#keyring === undefined,
      keyVersion: rows[0]?.keyVersion ?? null,
      protectors: rows.map((row) => ({ kind: row.protector, description: protectorDescription(row), createdAt: row.createdAt })),
      autoLockMinutes: this.autoLockMinutes(),
      osKeychain,
    };
  }

  /** Creates the vault: a new VK, wrapped by the chosen protectors. Leaves it unlocked. */
  async init(request: InitRequest, actor: AuditActor): Promise<void> {
    if (this.#protectorRows().length > 0) {
      throw new KeywardenError('VAULT_ALREADY_INITIALIZED', 'This data folder already has a vault. Unlock it instead, or choose another folder.');
    }
    if (!request.passphrase && !request.useOsKeychain) {
      throw new KeywardenError('PASSPHRASE_REQUIRED', 'Choose how to protect the vault: a passphrase, the OS keychain, or both.');
    }
    if (request.passphrase !== undefined) assertPassphraseAcceptable(request.passphrase);
    const protectors: KeyProtector[] = [];
    if (request.passphrase !== undefined) protectors.push(createPassphraseProtector(request.passphrase, this.#scryptCost));
    if (request.useOsKeychain) protectors.push(this.#keychainProtector());

    const keyVersion = 1;
    const key = randomBytes(KEY_LENGTH);
    const fingerprintKey = randomBytes(KEY_LENGTH);
    const integrityKey = randomBytes(KEY_LENGTH);
    const wraps = await Promise.all(protectors.map(async (protector) => ({ protector, wrapped: await protector.wrap(key, keyVersion) })));
    const now = this.#clock.now();
    this.#db.transaction((tx) => {
      if (tx.select({ protector: vaultKeys.protector }).from(vaultKeys).get()) {
        throw new KeywardenError('VAULT_ALREADY_INITIALIZED', 'This data folder already has a vault. Unlock it instead, or choose another folder.');
      }
      for (const { protector, wrapped } of wraps) {
        tx.insert(vaultKeys).values({ protector: protector.kind, keyVersion, wrapped: wrapped.wrapped, params: wrapped.params, createdAt: now }).run();
      }
      writeSetting(tx, fingerprintKeySetting, seal(key, keyVersion, fingerprintKeyContext(keyVersion), fingerprintKey).toString('base64'), now);
      writeSetting(tx, integrityKeySetting, seal(key, keyVersion, integrityKeyContext(keyVersion), integrityKey).toString('base64'), now);
      appendAudit(tx, this.#clock, { actor, action: 'vault.init', outcome: 'ok', details: { protectors: protectors.map((p) => p.kind).join(',') } });
    }, { behavior: 'immediate' });
    this.#integrityRootNew = true;
    this.#setKeyring({ version: keyVersion, key, fingerprintKey, integrityKey });
  }

  async unlock(request: UnlockRequest, actor: AuditActor): Promise<void> {
    const rows = this.#protectorRows();
    if (rows.length === 0) throw notInitialized();
    if (this.#keyring) {
      this.touch();
      return;
    }
    const row = rows.find((candidate) => candidate.protector === request.method);
    if (!row) {
      const others = rows.map((r) => (r.protector === 'passphrase' ? 'your passphrase' : 'the OS keychain')).join(' or ');
      throw new KeywardenError('PROTECTOR_NOT_FOUND', request.method === 'passphrase'
        ? `This vault has no passphrase. Unlock it with ${others}.`
        : `This vault is not protected by the OS keychain. Unlock it with ${others}.`);
    }
    // Counted before the KDF runs, so parallel guesses from other processes are throttled too.
    const failures = request.method === 'passphrase' ? beginUnlockAttempt(this.#db, this.#clock) : 0;
    const protector = request.method === 'passphrase' ? createPassphraseProtector(request.passphrase, this.#scryptCost) : this.#keychainProtector();

    let unwrapped: { vaultKey: Buffer; rewrap: boolean };
    try {
      unwrapped = await protector.unwrap(row, row.keyVersion);
    } catch (error) {
      if (isKeywardenError(error, 'WRONG_PASSPHRASE')) {
        recordAudit(this.#db, this.#clock, { actor, action: 'vault.unlock', outcome: 'denied', details: { method: request.method, reason: 'wrong-passphrase', consecutiveFailures: failures } });
      } else {
        recordAudit(this.#db, this.#clock, { actor, action: 'vault.unlock', outcome: 'error', details: { method: request.method, reason: isKeywardenError(error) ? error.code : 'INTERNAL' } });
      }
      throw error;
    }
    const fingerprintKey = this.#openFingerprintKey(unwrapped.vaultKey, row.keyVersion);
    const storedIntegrityKey = this.#openIntegrityKey(unwrapped.vaultKey, row.keyVersion);
    if (this.#keyring) {
      // Another unlock finished while this one waited for the KDF.
      unwrapped.vaultKey.fill(0);
      fingerprintKey.fill(0);
      storedIntegrityKey?.fill(0);
      return;
    }
    // A vault made before integrity keys existed gets one at its first unlock.
    const integrityKey = storedIntegrityKey ?? randomBytes(KEY_LENGTH);
    const rewrapped = unwrapped.rewrap ? await protector.wrap(unwrapped.vaultKey, row.keyVersion) : undefined;
    this.#db.transaction((tx) => {
      clearUnlockFailures(tx);
      if (rewrapped) tx.update(vaultKeys).set({ wrapped: rewrapped.wrapped, params: rewrapped.params }).where(eq(vaultKeys.protector, row.protector)).run();
      if (!storedIntegrityKey) {
        writeSetting(tx, integrityKeySetting, seal(unwrapped.vaultKey, row.keyVersion, integrityKeyContext(row.keyVersion), integrityKey).toString('base64'), this.#clock.now());
      }
      appendAudit(tx, this.#clock, { actor, action: 'vault.unlock', outcome: 'ok', details: { method: request.method, rewrapped: Boolean(rewrapped) } });
    }, { behavior: 'immediate' });
    this.#integrityRootNew = !storedIntegrityKey;
    this.#setKeyring({ version: row.keyVersion, key: unwrapped.vaultKey, fingerprintKey, integrityKey });
  }

  /**
   * True when this vault's integrity root was made at the last unlock (or init): the vault comes
   * from a version without MACs, so rows and audit records without one are old, and may be adopted.
   * False once the root existed before: then a missing MAC was removed, and is an alarm.
   */
  integrityRootIsNew(): boolean {
    return this.#integrityRootNew;
  }

  /** Zeroes the key material. Safe to call when already locked. */
  lock(reason: 'user' | 'idle' | 'key-rotated-elsewhere' | 'shutdown', actor: AuditActor): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (!this.#keyring) return;
    this.#keyring.key.fill(0);
    this.#keyring.fingerprintKey.fill(0);
    this.#keyring.integrityKey.fill(0);
    this.#keyring = undefined;
    if (reason !== 'shutdown') {
      recordAudit(this.#db, this.#clock, { actor, action: 'vault.lock', outcome: 'ok', details: { reason } });
    }
    this.#events.emit('vault.locked', { reason });
  }

  isUnlocked(): boolean {
    this.#lockIfIdle();
    return this.#keyring !== undefined;
  }

  /**
   * The key material, for the credential store; throws VAULT_LOCKED when locked. Not activity by
   * itself: alerts and timers use the keys too, and must not keep an unattended vault open. What a
   * person does (window, tray, CLI) is counted by the contract's invokeChannel.
   */
  requireKeyring(): Keyring {
    this.#lockIfIdle();
    if (!this.#keyring) {
      throw this.#protectorRows().length === 0 ? notInitialized() : locked();
    }
    // Inside a transaction assertKeyCurrent guards writes (and a rotation here is mid-way).
    if (!this.#database.sqlite.inTransaction && this.#checkedThisTurn !== this.#keyring) this.#lockIfRotatedElsewhere(this.#keyring);
    return this.#keyring;
  }

  /**
   * Another process (the CLI beside a running `serve` or app) may have rotated the key: decrypting
   * with ours would fail with a misleading "damaged" error. Lock and ask to unlock again instead.
   */
  #lockIfRotatedElsewhere(keyring: Keyring): void {
    const stored = this.#database.sqlite.prepare('SELECT key_version FROM vault_keys LIMIT 1').pluck().get();
    if (stored === undefined || stored === keyring.version) {
      this.#checkedThisTurn = keyring;
      queueMicrotask(() => {
        this.#checkedThisTurn = undefined;
      });
      return;
    }
    this.lock('key-rotated-elsewhere', 'system');
    throw new KeywardenError('VAULT_LOCKED', 'The vault key was changed by another Keywarden window or the CLI. Unlock again to continue.');
  }

  /**
   * Checks, inside a write transaction, that the stored key version is still ours. Another process
   * (the CLI next to the app) may have rotated the key; sealing under the old key would then write
   * secrets nobody can open.
   */
  assertKeyCurrent(tx: Pick<OpenedDatabase['db'], 'select'>, keyring: Keyring): void {
    const row = tx.select({ keyVersion: vaultKeys.keyVersion }).from(vaultKeys).limit(1).get();
    if (row?.keyVersion !== keyring.version) {
      queueMicrotask(() => this.lock('key-rotated-elsewhere', 'system'));
      throw new KeywardenError('VAULT_LOCKED', 'The vault key was changed by another Keywarden window or the CLI. Unlock again to continue.');
    }
  }

  /** Records user activity: pushes the idle auto-lock back. */
  touch(): void {
    this.#lastActivityAt = this.#clock.now();
    this.#scheduleIdleLock();
  }

  autoLockMinutes(): number {
    return this.#autoLockMinutes.get();
  }

  /** The auto-lock time is MAC'd from now on (the guard depends on the vault, so it is passed in). */
  useSettingIntegrity(access: SettingAccess): void {
    this.#settingAccess = access;
    this.#autoLockMinutes.invalidate();
    this.#keepUnlockedWhileListening.invalidate();
  }

  /** Tells the idle lock whether the listener is serving alerts (running, with an enabled source). */
  useListenerServing(serving: () => boolean): void {
    this.#listenerServing = serving;
  }

  keepUnlockedWhileListening(): boolean {
    return this.#keepUnlockedWhileListening.get();
  }

  /**
   * The person's choice for a machine they trust: the idle auto-lock waits while the listener serves
   * alerts, so none is refused; anyone at this computer can then use the keys. Manual locks still lock.
   */
  setKeepUnlockedWhileListening(on: boolean, actor: AuditActor): void {
    const value = this.#writeIdleSetting(keepUnlockedWhileListeningSetting, on, actor, 'vault.setKeepUnlockedWhileListening', (parsed) => ({ on: parsed }));
    this.#keepUnlockedWhileListening.set(value);
    this.#scheduleIdleLock();
  }

  /** Who re-seals the credentials' secrets at a key rotation (they depend on the vault, so it is passed in). */
  useSecretResealer(resealer: SecretResealer): void {
    this.#resealer = resealer;
  }

  /** Settings were written directly (a backup restore): forget what was cached. */
  settingsChanged(): void {
    this.#autoLockMinutes.invalidate();
    this.#keepUnlockedWhileListening.invalidate();
    this.#scheduleIdleLock();
  }

  setAutoLockMinutes(minutes: number, actor: AuditActor): void {
    const value = this.#writeIdleSetting(autoLockSetting, minutes, actor, 'vault.setAutoLock', (parsed) => ({ minutes: parsed }));
    this.#autoLockMinutes.set(value);
    this.#scheduleIdleLock();
  }

  /** A setting of the idle lock, MAC'd and audited in one transaction; returns the parsed value. */
  #writeIdleSetting<T>(setting: SettingDefinition<T>, raw: unknown, actor: AuditActor, action: string, details: (value: T) => AuditDetails): T {
    const value = setting.schema.parse(raw);
    const { integrityKey } = this.requireKeyring();
    this.#db.transaction((tx) => {
      this.#settingAccess.write(tx, setting, value, this.#clock.now(), integrityKey);
      appendAudit(tx, this.#clock, { actor, action, outcome: 'ok', details: details(value) });
    }, { behavior: 'immediate' });
    return value;
  }

  /** Replaces the passphrase (or adds one when the vault had none). Requires the current one when it exists. */
  async changePassphrase(request: { current?: string | undefined; next: string }, actor: AuditActor): Promise<void> {
    const keyring = this.requireKeyring();
    assertPassphraseAcceptable(request.next);
    const existing = this.#protectorRows().find((row) => row.protector === 'passphrase');
    if (existing) await this.#confirmPassphrase(existing, request.current, keyring, actor);
    const wrapped = await createPassphraseProtector(request.next, this.#scryptCost).wrap(keyring.key, keyring.version);
    const now = this.#clock.now();
    this.#db.transaction((tx) => {
      this.assertKeyCurrent(tx, keyring);
      tx.insert(vaultKeys)
        .values({ protector: 'passphrase', keyVersion: keyring.version, wrapped: wrapped.wrapped, params: wrapped.params, createdAt: now })
        .onConflictDoUpdate({ target: vaultKeys.protector, set: { wrapped: wrapped.wrapped, params: wrapped.params, createdAt: now } })
        .run();
      appendAudit(tx, this.#clock, { actor, action: existing ? 'vault.changePassphrase' : 'vault.addProtector', outcome: 'ok', details: { protector: 'passphrase' } });
    }, { behavior: 'immediate' });
  }

  /** Adds the OS keychain as a second way to unlock. */
  async addOsKeychain(actor: AuditActor): Promise<void> {
    const keyring = this.requireKeyring();
    if (this.#protectorRows().some((row) => row.protector === 'os-keychain')) {
      throw new KeywardenError('PROTECTOR_EXISTS', 'The OS keychain already protects this vault.');
    }
    const wrapped = await this.#keychainProtector().wrap(keyring.key, keyring.version);
    this.#db.transaction((tx) => {
      this.assertKeyCurrent(tx, keyring);
      tx.insert(vaultKeys).values({ protector: 'os-keychain', keyVersion: keyring.version, wrapped: wrapped.wrapped, params: wrapped.params, createdAt: this.#clock.now() }).run();
      appendAudit(tx, this.#clock, { actor, action: 'vault.addProtector', outcome: 'ok', details: { protector: 'os-keychain' } });
    }, { behavior: 'immediate' });
  }

  /** Removes one way to unlock. The last one cannot be removed. Removing the passphrase needs it. */
  async removeProtector(request: { kind: ProtectorKind; passphrase?: string | undefined }, actor: AuditActor): Promise<void> {
    const keyring = this.requireKeyring();
    const rows = this.#protectorRows();
    const row = rows.find((candidate) => candidate.protector === request.kind);
    if (!row) throw new KeywardenError('PROTECTOR_NOT_FOUND', `This vault is not protected by ${request.kind === 'passphrase' ? 'a passphrase' : 'the OS keychain'}.`);
    if (rows.length === 1) throw new KeywardenError('LAST_PROTECTOR', 'This is the only way to unlock the vault; add another before removing it.');
    if (row.protector === 'passphrase') await this.#confirmPassphrase(row, request.passphrase, keyring, actor);
    this.#db.transaction((tx) => {
      tx.delete(vaultKeys).where(eq(vaultKeys.protector, request.kind)).run();
      appendAudit(tx, this.#clock, { actor, action: 'vault.removeProtector', outcome: 'ok', details: { protector: request.kind } });
    }, { behavior: 'immediate' });
  }

  /**
   * Rotates the vault key: a new random VK with the next version; every secret is re-encrypted and
   * every protector re-wrapped in ONE transaction. Killed before the commit, the old key and blobs
   * stay; after it, the new ones. The passphrase is asked again: it is needed to wrap the new key,
   * and a wrong one here would lock the user out.
   */
  async rotateKey(request: { passphrase?: string | undefined; onProgress?: (progress: RotationProgress) => void }, actor: AuditActor): Promise<{ keyVersion: number; reencrypted: number }> {
    // Without it the secrets would stay sealed under a key that is then destroyed.
    const resealer = this.#resealer;
    if (!resealer) throw new Error('The vault has no secret re-sealer: createCore registers the credential secrets.');
    const keyring = this.requireKeyring();
    const rows = this.#protectorRows();
    const passphraseRow = rows.find((row) => row.protector === 'passphrase');
    // Checked before anything changes; its derived key then wraps the new key: one KDF run, not two.
    const confirmed = passphraseRow ? await this.#checkPassphrase(passphraseRow, request.passphrase, keyring, actor) : undefined;

    const nextVersion = keyring.version + 1;
    const nextKey = randomBytes(KEY_LENGTH);
    request.onProgress?.({ phase: 'wrapping', done: 0, total: resealer.count() });
    let wraps: { kind: ProtectorKind; wrapped: WrappedKey }[];
    try {
      wraps = await Promise.all(rows.map(async (row) => {
        if (row.protector === 'passphrase' && confirmed && !confirmed.rewrap) return { kind: row.protector, wrapped: confirmed.wrapNext(nextKey, nextVersion) };
        const protector = row.protector === 'passphrase' ? createPassphraseProtector(request.passphrase ?? '', this.#scryptCost) : this.#keychainProtector();
        return { kind: row.protector, wrapped: await protector.wrap(nextKey, nextVersion) };
      }));
    } catch (error) {
      nextKey.fill(0);
      throw error;
    } finally {
      confirmed?.dispose();
    }

    let reencrypted = 0;
    try {
      this.#db.transaction((tx) => {
        this.assertKeyCurrent(tx, keyring);
        reencrypted = resealer.resealAll(tx, keyring, { key: nextKey, version: nextVersion }, (done, total) => {
          if (done % 500 === 0) request.onProgress?.({ phase: 're-encrypting', done, total });
        });
        request.onProgress?.({ phase: 're-encrypting', done: reencrypted, total: reencrypted });
        const now = this.#clock.now();
        writeSetting(tx, fingerprintKeySetting, seal(nextKey, nextVersion, fingerprintKeyContext(nextVersion), keyring.fingerprintKey).toString('base64'), now);
        writeSetting(tx, integrityKeySetting, seal(nextKey, nextVersion, integrityKeyContext(nextVersion), keyring.integrityKey).toString('base64'), now);
        tx.delete(vaultKeys).run();
        for (const { kind, wrapped } of wraps) {
          tx.insert(vaultKeys).values({ protector: kind, keyVersion: nextVersion, wrapped: wrapped.wrapped, params: wrapped.params, createdAt: now }).run();
        }
        appendAudit(tx, this.#clock, { actor, action: 'vault.rotateKey', outcome: 'ok', details: { keyVersion: nextVersion, reencrypted } });
      }, { behavior: 'immediate' });
    } catch (error) {
      nextKey.fill(0);
      throw error;
    }
    request.onProgress?.({ phase: 'committed', done: reencrypted, total: reencrypted });
    const fingerprintKey = Buffer.from(keyring.fingerprintKey);
    const integrityKey = Buffer.from(keyring.integrityKey);
    keyring.key.fill(0);
    keyring.fingerprintKey.fill(0);
    keyring.integrityKey.fill(0);
    this.#keyring = { version: nextVersion, key: nextKey, fingerprintKey, integrityKey };
    this.#events.emit('vault.keyRotated', { keyVersion: nextVersion });
    return { keyVersion: nextVersion, reencrypted };
  }

  /** Stops timers and zeroes the key; the core calls it on quit. */
  shutdown(): void {
    this.lock('shutdown', 'system');
  }

  /**
   * Checks that `passphrase` is this vault's, for an act that must be deliberate (writing a backup),
   * with the throttle and audit of every passphrase check. A vault without a passphrase refuses.
   */
  async confirmPassphrase(passphrase: string, actor: AuditActor): Promise<void> {
    const keyring = this.requireKeyring();
    const row = this.#protectorRows().find((candidate) => candidate.protector === 'passphrase');
    if (!row) throw new KeywardenError('PROTECTOR_NOT_FOUND', 'This vault has no passphrase to confirm this with. Add one in Settings → Passphrase.');
    await this.#confirmPassphrase(row, passphrase, keyring, actor);
  }

  async #confirmPassphrase(row: VaultKeyRow, passphrase: string | undefined, keyring: Keyring, actor: AuditActor): Promise<void> {
    (await this.#checkPassphrase(row, passphrase, keyring, actor)).dispose();
  }

  /** Confirms the passphrase (throttled, audited) and keeps its derived key; the caller disposes of it. */
  async #checkPassphrase(row: VaultKeyRow, passphrase: string | undefined, keyring: Keyring, actor: AuditActor): Promise<PassphraseUnwrap> {
    if (!passphrase) throw new KeywardenError('PASSPHRASE_REQUIRED', 'Enter your current passphrase to confirm this change.');
    const failures = beginUnlockAttempt(this.#db, this.#clock);
    let opened: PassphraseUnwrap;
    try {
      opened = await unwrapKeepingKey(passphrase, row, row.keyVersion, this.#scryptCost);
    } catch (error) {
      if (isKeywardenError(error, 'WRONG_PASSPHRASE')) {
        recordAudit(this.#db, this.#clock, { actor, action: 'vault.confirmPassphrase', outcome: 'denied', details: { reason: 'wrong-passphrase', consecutiveFailures: failures } });
      }
      throw error;
    }
    clearUnlockFailures(this.#db);
    const unwrapped = opened.vaultKey;
    const same = unwrapped.length === keyring.key.length && timingSafeEqual(unwrapped, keyring.key);
    unwrapped.fill(0);
    if (!same) {
      opened.dispose();
      throw new KeywardenError('VAULT_LOCKED', 'The vault key was changed by another Keywarden window or the CLI. Unlock again to continue.');
    }
    return opened;
  }

  #openFingerprintKey(key: Buffer, keyVersion: number): Buffer {
    const stored = readSetting(this.#db, fingerprintKeySetting);
    return open(key, fingerprintKeyContext(keyVersion), Buffer.from(stored, 'base64'), 'vault fingerprint key');
  }

  /** The sealed integrity root, or undefined for a vault made before it existed. */
  #openIntegrityKey(key: Buffer, keyVersion: number): Buffer | undefined {
    const stored = readSetting(this.#db, integrityKeySetting);
    return stored === '' ? undefined : open(key, integrityKeyContext(keyVersion), Buffer.from(stored, 'base64'), 'vault integrity key');
  }

  #setKeyring(keyring: Keyring): void {
    this.#keyring = keyring;
    // What was read while locked was not checked: read it again with the key.
    this.#autoLockMinutes.invalidate();
    this.#keepUnlockedWhileListening.invalidate();
    this.touch();
    this.#events.emit('vault.unlocked', {});
  }

  #protectorRows(): VaultKeyRow[] {
    return this.#db.select().from(vaultKeys).orderBy(vaultKeys.protector).all();
  }

  #keychainProtector(): KeyProtector {
    if (!this.#osKeychain) {
      throw new KeywardenError('PROTECTOR_UNAVAILABLE', 'The OS keychain is only reachable from the desktop app. Use your passphrase here.');
    }
    return createOsKeychainProtector(this.#osKeychain);
  }

  #lockIfIdle(): void {
    if (!this.#keyring) return;
    const minutes = this.autoLockMinutes();
    if (minutes === 0 || this.#clock.now() - this.#lastActivityAt < minutes * 60_000) return;
    if (this.#askingListener) return;
    // Asked at the moment it would lock: once the listener stops or its last source is disabled, the next check locks.
    if (this.keepUnlockedWhileListening()) {
      // Listing the sources uses the key, which checks idleness again: not from inside this question.
      this.#askingListener = true;
      try {
        if (this.#listenerServing()) return;
      } finally {
        this.#askingListener = false;
      }
    }
    this.lock('idle', 'system');
  }

  #scheduleIdleLock(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (!this.#keyring) return;
    const minutes = this.autoLockMinutes();
    if (minutes === 0) return;
    const due = this.#lastActivityAt + minutes * 60_000 - this.#clock.now();
    // The timer only wakes us up; #lockIfIdle decides with the injected clock.
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      this.#lockIfIdle();
      if (this.#keyring) this.#scheduleIdleLock();
    }, due > 0 ? Math.max(1000, due) : KEPT_UNLOCKED_RECHECK_MS);
    this.#idleTimer.unref();
  }
}

/** Past due and still unlocked: kept unlocked while the listener serves; ask again this often. */
const KEPT_UNLOCKED_RECHECK_MS = 60_000;

function protectorDescription(row: VaultKeyRow): string {
  if (row.protector === 'passphrase') return `Passphrase (scrypt, N=2^${Math.log2(Number(row.params['N']))})`;
  return `OS keychain: ${describeKeychain(String(row.params['backend']))}`;
}

function notInitialized(): KeywardenError {
  return new KeywardenError('VAULT_NOT_INITIALIZED', 'There is no vault in this data folder yet. Create one first (keywarden init).');
}

function locked(): KeywardenError {
  return new KeywardenError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
}
