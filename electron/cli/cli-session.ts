/**
 * One CLI invocation's connection to the core: opens the data folder on first use, calls contract
 * channels through the same `invokeChannel` the desktop app uses, and unlocks on demand with the
 * passphrase from KEYWARDEN_PASSPHRASE or a hidden prompt.
 */
import { createCore, exchangeUrlOverridesFrom, type Core } from '../api/core-host';
import { KeywardenError } from '../api/errors';
import type { ChannelInput, ChannelName, ChannelOutput, ContractError } from '../api/contract';
import { invokeChannel } from '../api/handlers';
import { promptHidden } from './terminal-input';

/** A contract call that failed; carries the typed error to print. */
export class CommandFailure extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}

export interface CliSessionOptions {
  readonly home: string;
  readonly migrationsFolder: string;
  readonly env: NodeJS.ProcessEnv;
}

export class CliSession {
  readonly #options: CliSessionOptions;
  #core: Core | undefined;
  #passphrase: string | undefined;

  constructor(options: CliSessionOptions) {
    this.#options = options;
  }

  get home(): string {
    return this.#options.home;
  }

  get core(): Core {
    this.#core ??= createCore({
      home: this.#options.home,
      migrationsFolder: this.#options.migrationsFolder,
      // For tests and proxies only; the desktop UI has no way to set it.
      exchangeUrlOverrides: exchangeUrlOverridesFrom(this.#options.env),
    });
    return this.#core;
  }

  async call<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
    const result = await invokeChannel(this.core, name, input, { actor: 'cli' });
    if (!result.ok) throw new CommandFailure(result.error);
    return result.value as ChannelOutput<K>;
  }

  /** The passphrase for this invocation: given (--passphrase-file), KEYWARDEN_PASSPHRASE, else asked once on the terminal. */
  async passphrase(question = 'Passphrase: '): Promise<string> {
    this.#passphrase ??= this.#takeFromEnv('KEYWARDEN_PASSPHRASE') || (await promptHidden(question));
    return this.#passphrase;
  }

  /** Whether a passphrase is at hand without asking (given, or in KEYWARDEN_PASSPHRASE). */
  passphraseGiven(): boolean {
    return this.#passphrase !== undefined || Boolean(this.#options.env['KEYWARDEN_PASSPHRASE']);
  }

  /** A passphrase the command got another way (a passphrase file); used instead of the variable or prompt. */
  usePassphrase(passphrase: string): void {
    this.#passphrase = passphrase;
  }

  /**
   * Reads a secret variable and deletes it from this process's environment, so that nothing it
   * starts inherits it and nothing that dumps process.env shows it. /proc/<pid>/environ on Linux
   * still shows the environment the process started with; only a passphrase file avoids that.
   */
  #takeFromEnv(name: 'KEYWARDEN_PASSPHRASE' | 'KEYWARDEN_NEW_PASSPHRASE'): string | undefined {
    const value = this.#options.env[name];
    delete this.#options.env[name];
    return value;
  }

  /** Unlocks the vault if it is locked; returns the passphrase used (needed again to rotate the key). */
  async unlock(): Promise<string> {
    const status = await this.call('vault.status', {});
    if (!status.initialized) {
      throw new CommandFailure({ code: 'VAULT_NOT_INITIALIZED', message: `There is no vault in ${this.home} yet. Create one with: keywarden init` });
    }
    if (!status.protectors.some((protector) => protector.kind === 'passphrase')) {
      throw new CommandFailure({ code: 'PROTECTOR_UNAVAILABLE', message: 'This vault is protected only by the OS keychain, which the CLI cannot reach. Add a passphrase in the app (Settings → Passphrase) to use the CLI.' });
    }
    const passphrase = await this.passphrase();
    if (status.locked) await this.call('vault.unlock', { method: 'passphrase', passphrase });
    return passphrase;
  }

  /** A new passphrase: KEYWARDEN_NEW_PASSPHRASE (or KEYWARDEN_PASSPHRASE at init), else asked twice. */
  async newPassphrase(envName: 'KEYWARDEN_NEW_PASSPHRASE' | 'KEYWARDEN_PASSPHRASE'): Promise<string> {
    const fromEnv = this.#takeFromEnv(envName);
    if (fromEnv) {
      // At init the same variable is the passphrase for the rest of this invocation.
      if (envName === 'KEYWARDEN_PASSPHRASE') this.#passphrase ??= fromEnv;
      return fromEnv;
    }
    const first = await promptHidden('New passphrase (10+ characters; if you forget it, your keys are gone): ');
    const second = await promptHidden('Repeat the new passphrase: ');
    if (first !== second) throw new KeywardenError('INVALID_INPUT', 'The two passphrases differ. Nothing was changed.');
    return first;
  }

  close(): void {
    this.#core?.close();
  }
}
